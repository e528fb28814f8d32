package io.hypertrader.data;

import io.hypertrader.core.Coin;

/**
 * A perp's entry in Hyperliquid's {@code meta.universe}: {@code assetIndex} is its position in
 * that list (the asset id /exchange uses; differs between mainnet and testnet),
 * {@code szDecimals} the decimals allowed in order sizes, {@code maxLeverage} the integer
 * leverage cap.
 */
public record CoinMeta(Coin coin, int assetIndex, int szDecimals, int maxLeverage, boolean onlyIsolated,
                       boolean delisted) {
    public CoinMeta {
        if (assetIndex < 0 || szDecimals < 0 || szDecimals > 8 || maxLeverage < 1) {
            throw new IllegalArgumentException("invalid meta for " + coin + ": asset " + assetIndex
                    + ", szDecimals " + szDecimals + ", maxLeverage " + maxLeverage);
        }
    }
}
