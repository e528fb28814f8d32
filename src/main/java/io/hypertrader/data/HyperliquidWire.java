package io.hypertrader.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsers and request builders for Hyperliquid's /info wire format (candleSnapshot,
 * fundingHistory, meta, metaAndAssetCtxs). Lenient where the exchange varies (key order, unknown keys, decimals as
 * strings or numbers, integers as numbers or numeric strings), strict where data would be
 * wrong: a missing or unparsable field makes the whole body a {@link MalformedResponseException}.
 */
public final class HyperliquidWire {
    /** Shared mapper: unknown properties ignored, big decimals kept exact until converted. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private HyperliquidWire() {
    }

    /** One candle as the exchange sends it: {@code t} open ms, {@code T} close ms, coin, interval code. */
    public record WireCandle(long t, long closeT, String coin, String interval, double open, double high,
                             double low, double close, double volume, long trades) {
        /** As a core candle (trades -1 when the exchange did not say). */
        public Candle toCandle() {
            return new Candle(t, closeT, open, high, low, close, volume, trades);
        }
    }

    /** {@code {"type":"candleSnapshot","req":{"coin","interval","startTime","endTime"}}}. */
    public static String candleSnapshotRequest(Coin coin, String interval, long startMs, long endMs) {
        ObjectNode root = MAPPER.createObjectNode().put("type", "candleSnapshot");
        root.putObject("req").put("coin", coin.name()).put("interval", interval)
                .put("startTime", startMs).put("endTime", endMs);
        return root.toString();
    }

    /** {@code {"type":"fundingHistory","coin","startTime","endTime"}}. */
    public static String fundingHistoryRequest(Coin coin, long startMs, long endMs) {
        return MAPPER.createObjectNode().put("type", "fundingHistory").put("coin", coin.name())
                .put("startTime", startMs).put("endTime", endMs).toString();
    }

    /** {@code {"type":"meta"}}, with {@code "dex"} for a builder-deployed perp dex. */
    public static String metaRequest(String dex) {
        ObjectNode n = MAPPER.createObjectNode().put("type", "meta");
        if (dex != null && !dex.isEmpty()) {
            n.put("dex", dex);
        }
        return n.toString();
    }

    /** {@code {"type":"metaAndAssetCtxs"}}: the perp universe and every perp's current asset context. */
    public static String metaAndAssetCtxsRequest() {
        return MAPPER.createObjectNode().put("type", "metaAndAssetCtxs").toString();
    }

    static JsonNode tree(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new MalformedResponseException("empty body");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("body is not JSON: " + e.getOriginalMessage()
                    + " (starts with '" + snippet(body) + "')", e);
        } catch (IOException e) {
            throw new MalformedResponseException("cannot read body: " + e.getMessage(), e);
        }
    }

    /** The first characters of a body, for error messages. */
    public static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 120), java.nio.charset.StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }

    /** Parses a candleSnapshot body: a JSON array of candle objects, in the order received. */
    public static List<WireCandle> parseCandles(byte[] body) {
        return parseCandles(tree(body));
    }

    static List<WireCandle> parseCandles(JsonNode root) {
        if (!root.isArray()) {
            throw new MalformedResponseException("candleSnapshot: expected a JSON array, got " + root.getNodeType());
        }
        List<WireCandle> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode c = root.get(i);
            String where = "candleSnapshot element " + i;
            if (!c.isObject()) {
                throw new MalformedResponseException(where + ": expected an object");
            }
            JsonNode n = c.get("n");
            long trades = n == null || n.isNull() ? -1 : integer(c, "n", where);
            out.add(new WireCandle(integer(c, "t", where), integer(c, "T", where), text(c, "s", where),
                    text(c, "i", where), decimal(c, "o", where), decimal(c, "h", where), decimal(c, "l", where),
                    decimal(c, "c", where), decimal(c, "v", where), trades));
        }
        return out;
    }

    /** Parses a fundingHistory body, keeping only {@code coin}'s entries (all when null). */
    public static List<FundingRate> parseFunding(byte[] body, Coin coin) {
        JsonNode root = tree(body);
        if (!root.isArray()) {
            throw new MalformedResponseException("fundingHistory: expected a JSON array, got " + root.getNodeType());
        }
        List<FundingRate> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode f = root.get(i);
            String where = "fundingHistory element " + i;
            if (!f.isObject()) {
                throw new MalformedResponseException(where + ": expected an object");
            }
            JsonNode c = f.get("coin");
            if (coin != null && c != null && c.isTextual() && !c.asText().equals(coin.name())) {
                throw new MalformedResponseException(where + ": coin '" + c.asText() + "' but requested " + coin);
            }
            JsonNode p = f.get("premium");
            double premium = p == null || p.isNull() ? Double.NaN : decimal(f, "premium", where);
            long time = integer(f, "time", where);
            if (time < 0) {
                throw new MalformedResponseException(where + ": negative time " + time);
            }
            double rate = decimal(f, "fundingRate", where);
            out.add(new FundingRate(time, rate, premium));
        }
        return out;
    }

    /** Parses a meta body: the universe in order, asset index = position (delisted entries kept). */
    public static List<CoinMeta> parseMeta(byte[] body) {
        JsonNode root = tree(body);
        JsonNode universe = root.get("universe");
        if (!root.isObject() || universe == null || !universe.isArray()) {
            throw new MalformedResponseException("meta: expected an object with a 'universe' array");
        }
        List<CoinMeta> out = new ArrayList<>(universe.size());
        for (int i = 0; i < universe.size(); i++) {
            JsonNode a = universe.get(i);
            String where = "meta.universe[" + i + "]";
            if (!a.isObject()) {
                throw new MalformedResponseException(where + ": expected an object");
            }
            String name = text(a, "name", where);
            Coin coin;
            try {
                coin = new Coin(name);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException(where + ": " + e.getMessage(), e);
            }
            long sz = integer(a, "szDecimals", where);
            long lev = integer(a, "maxLeverage", where);
            if (sz < 0 || sz > 8 || lev < 1 || lev > 1000) {
                throw new MalformedResponseException(where + ": szDecimals " + sz + " / maxLeverage " + lev + " out of range");
            }
            out.add(new CoinMeta(coin, i, (int) sz, (int) lev, bool(a, "onlyIsolated"), bool(a, "isDelisted")));
        }
        return out;
    }

    /**
     * Parses a metaAndAssetCtxs body ({@code [meta, ctxs]}, {@code ctxs[i]} belonging to
     * {@code meta.universe[i]}) into one context per listed perp, stamped {@code timeMs}.
     */
    public static List<AssetContext> parseMetaAndAssetCtxs(byte[] body, long timeMs) {
        JsonNode root = tree(body);
        if (!root.isArray() || root.size() != 2) {
            throw new MalformedResponseException("metaAndAssetCtxs: expected a 2-element array [meta, ctxs]");
        }
        JsonNode universe = root.get(0).get("universe");
        JsonNode ctxs = root.get(1);
        if (universe == null || !universe.isArray() || !ctxs.isArray() || universe.size() != ctxs.size()) {
            throw new MalformedResponseException("metaAndAssetCtxs: expected meta.universe and ctxs of the same length");
        }
        List<AssetContext> out = new ArrayList<>(ctxs.size());
        for (int i = 0; i < ctxs.size(); i++) {
            String where = "metaAndAssetCtxs ctxs[" + i + "]";
            Coin coin;
            try {
                coin = new Coin(text(universe.get(i), "name", "metaAndAssetCtxs meta.universe[" + i + "]"));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException(where + ": " + e.getMessage(), e);
            }
            out.add(parseAssetCtx(ctxs.get(i), coin, timeMs, AssetContext.VIA_REST, where));
        }
        return out;
    }

    /**
     * Parses one perp asset context object (the {@code ctx} of an activeAssetCtx push, or an
     * element of metaAndAssetCtxs): mark and oracle prices are required, every other field may be
     * absent or null (NaN then).
     */
    public static AssetContext parseAssetCtx(JsonNode ctx, Coin coin, long timeMs, String via, String where) {
        if (ctx == null || !ctx.isObject()) {
            throw new MalformedResponseException(where + ": expected an object");
        }
        double bid = Double.NaN;
        double ask = Double.NaN;
        JsonNode impact = ctx.get("impactPxs");
        if (impact != null && impact.isArray() && impact.size() == 2) {
            bid = optDecimal(impact, 0, where + " impactPxs");
            ask = optDecimal(impact, 1, where + " impactPxs");
        }
        double mark = decimal(ctx, "markPx", where);
        double oracle = decimal(ctx, "oraclePx", where);
        if (!(mark > 0) || !(oracle > 0)) {
            throw new MalformedResponseException(where + ": markPx " + mark + " / oraclePx " + oracle + " not positive");
        }
        return new AssetContext(coin, timeMs, timeMs, mark, oracle, optDecimal(ctx, "midPx", where),
                optDecimal(ctx, "openInterest", where), optDecimal(ctx, "premium", where), optDecimal(ctx, "funding", where),
                optDecimal(ctx, "dayNtlVlm", where), optDecimal(ctx, "dayBaseVlm", where), optDecimal(ctx, "prevDayPx", where),
                bid, ask, via);
    }

    private static double optDecimal(JsonNode o, String key, String where) {
        JsonNode n = o.get(key);
        return n == null || n.isNull() ? Double.NaN : decimal(o, key, where);
    }

    private static double optDecimal(JsonNode array, int i, String where) {
        JsonNode n = array.get(i);
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        try {
            double d = n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new MalformedResponseException(where + "[" + i + "] is not a decimal: " + n, e);
        }
    }

    private static boolean bool(JsonNode o, String key) {
        JsonNode n = o.get(key);
        return n != null && n.asBoolean(false);
    }

    private static JsonNode required(JsonNode o, String key, String where) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            throw new MalformedResponseException(where + ": missing '" + key + "'");
        }
        return n;
    }

    private static String text(JsonNode o, String key, String where) {
        JsonNode n = required(o, key, where);
        if (!n.isTextual()) {
            throw new MalformedResponseException(where + ": '" + key + "' is not a string: " + n);
        }
        return n.asText();
    }

    private static long integer(JsonNode o, String key, String where) {
        JsonNode n = required(o, key, where);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Long.parseLong(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new MalformedResponseException(where + ": '" + key + "' is not an integer: " + n);
    }

    private static double decimal(JsonNode o, String key, String where) {
        JsonNode n = required(o, key, where);
        double d;
        if (n.isNumber()) {
            d = n.asDouble();
        } else if (n.isTextual()) {
            try {
                d = Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                throw new MalformedResponseException(where + ": '" + key + "' is not a decimal: " + n, e);
            }
        } else {
            throw new MalformedResponseException(where + ": '" + key + "' is not a decimal: " + n);
        }
        if (!Double.isFinite(d)) {
            throw new MalformedResponseException(where + ": '" + key + "' is not finite: " + n);
        }
        return d;
    }
}
