package io.hypertrader.live.exchange;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Coin name to exchange asset id and size decimals, built from {@code meta} (perps: asset id =
 * position in {@code universe}, delisted entries included, since ids never shift). Ids differ
 * between mainnet and testnet and new listings append: build it at start-up and refresh it,
 * never hard-code ids.
 */
public final class AssetRegistry {

    /**
     * One tradable asset.
     *
     * @param asset      the integer used by /exchange
     * @param szDecimals size decimals (also limits price decimals)
     * @param spot       true for spot pairs (8 instead of 6 max price decimals)
     */
    public record Asset(String coin, int asset, int szDecimals, int maxLeverage, boolean delisted, boolean spot) {
    }

    private final Map<String, Asset> byCoin;

    private AssetRegistry(Map<String, Asset> byCoin) {
        this.byCoin = byCoin;
    }

    /** Builds the perp registry from a {@code meta} response. */
    public static AssetRegistry fromPerpMeta(JsonNode meta) {
        Map<String, Asset> map = new LinkedHashMap<>();
        JsonNode universe = Json.array(Json.object(meta, "meta").get("universe"), "meta.universe");
        for (int i = 0; i < universe.size(); i++) {
            JsonNode u = universe.get(i);
            String name = Json.str(u, "name");
            map.put(name, new Asset(name, i, (int) Json.lng(u, "szDecimals"), (int) Json.lng(u, "maxLeverage"),
                    u.path("isDelisted").asBoolean(false), false));
        }
        return new AssetRegistry(map);
    }

    /** A registry of explicit assets (tests, fixed configurations). */
    public static AssetRegistry of(Asset... assets) {
        Map<String, Asset> map = new LinkedHashMap<>();
        for (Asset a : assets) {
            map.put(a.coin(), a);
        }
        return new AssetRegistry(map);
    }

    public Optional<Asset> find(String coin) {
        return Optional.ofNullable(byCoin.get(coin));
    }

    /** The asset for a coin; a clear error when the exchange does not list it. */
    public Asset get(String coin) {
        Asset a = byCoin.get(coin);
        if (a == null) {
            throw new IllegalArgumentException("coin '" + coin + "' is not listed by the exchange (meta.universe)");
        }
        return a;
    }

    /** The coin of an asset id, if listed. */
    public Optional<Asset> byAsset(int asset) {
        return byCoin.values().stream().filter(a -> a.asset() == asset).findFirst();
    }

    public Collection<Asset> all() {
        return byCoin.values();
    }
}
