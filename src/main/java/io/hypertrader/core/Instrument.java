package io.hypertrader.core;

import java.util.Objects;

/**
 * A tradable perpetual's grid and leverage limit: {@code szDecimals} decides the size step
 * (10^-szDecimals) and, with the 5-significant-figure rule, the price grid; {@code maxLeverage}
 * is the exchange's cap, and maintenance margin is half the initial margin at that leverage.
 */
public record Instrument(Coin coin, int szDecimals, int maxLeverage) {
    public Instrument {
        Objects.requireNonNull(coin, "coin");
        if (szDecimals < 0 || szDecimals > 8) {
            throw new IllegalArgumentException("szDecimals of " + coin + " must be in [0, 8], got " + szDecimals);
        }
        if (maxLeverage < 1) {
            throw new IllegalArgumentException("maxLeverage of " + coin + " must be >= 1, got " + maxLeverage);
        }
    }

    /** Maintenance margin as a fraction of notional: 1 / (2 * maxLeverage). */
    public double maintenanceFraction() {
        return 0.5 / maxLeverage;
    }

    /**
     * Grid values for well-known Hyperliquid perps (mainnet meta), used when neither the config
     * nor the database's coin_meta names the coin; null when unknown.
     */
    public static Instrument known(Coin coin) {
        return switch (coin.name()) {
            case "BTC" -> new Instrument(coin, 5, 40);
            case "ETH" -> new Instrument(coin, 4, 25);
            case "SOL" -> new Instrument(coin, 2, 20);
            case "HYPE" -> new Instrument(coin, 2, 10);
            case "XRP" -> new Instrument(coin, 0, 20);
            case "DOGE" -> new Instrument(coin, 0, 10);
            case "AVAX", "LTC" -> new Instrument(coin, 2, 10);
            default -> null;
        };
    }
}
