package io.hypertrader.live.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Interval;
import io.hypertrader.testdata.Fixtures;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The market history a {@link FakeHyperliquid} serves to the data client, with Hyperliquid's
 * limits: only the most recent {@code window} candles per interval exist, answers hold at most
 * {@code pageSize} rows, candles overlapping the range are returned (the forming one included),
 * keys come in the current order (t,T,s,i,o,c,h,l,v,n), and meta is the recorded 2023-07-17
 * universe (28 perps). Prices follow {@link #price}, so a test can check every stored bar.
 */
public final class SyntheticHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long nowMs;
    private final List<String> coins = new ArrayList<>(List.of("BTC", "ETH"));
    private volatile int pageSize = 500;
    private static final int WINDOW = 5000;

    private SyntheticHistory(long nowMs) {
        this.nowMs = nowMs;
    }

    /**
     * Makes {@code fake} answer meta, candleSnapshot and fundingHistory from a history that ends at
     * {@code nowMs}, for BTC, ETH and {@code moreCoins} (other coins: empty answers).
     */
    public static SyntheticHistory serve(FakeHyperliquid fake, long nowMs, String... moreCoins) {
        SyntheticHistory h = new SyntheticHistory(nowMs);
        h.coins.addAll(List.of(moreCoins));
        String meta = Fixtures.hyperliquidSampleText("info-meta-perp-2023-07-17.json");
        fake.setInfoHandler("meta", body -> {
            try {
                return JSON.readTree(meta);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        fake.setInfoHandler("candleSnapshot", body -> h.candles(body.path("req")));
        fake.setInfoHandler("fundingHistory", h::funding);
        return h;
    }

    /** At most this many rows per answer (default 500, like the exchange). */
    public SyntheticHistory pageSize(int rows) {
        this.pageSize = rows;
        return this;
    }

    /** The deterministic price of the bar opening at t (a gentle wave around 30 000). */
    public static double price(long t) {
        return 30_000 + 500 * Math.sin(t / 3.6e6 / 24.0);
    }

    private ArrayNode candles(JsonNode req) {
        String c = req.path("coin").asText();
        Interval iv = Interval.parse(req.path("interval").asText());
        long start = req.path("startTime").asLong();
        long end = req.path("endTime").asLong();
        ArrayNode out = JSON.createArrayNode();
        if (!coins.contains(c)) {
            return out;
        }
        long ms = iv.millis();
        long forming = Math.floorDiv(nowMs, ms) * ms;
        long oldest = forming - (long) (WINDOW - 1) * ms;
        long first = Math.max(oldest, Math.floorDiv(start, ms) * ms);
        for (long t = first; t <= Math.min(end, forming) && out.size() < pageSize; t += ms) {
            double p = price(t);
            ObjectNode o = out.addObject();
            o.put("t", t).put("T", t + ms - 1).put("s", c).put("i", iv.code())
                    .put("o", fmt(p)).put("c", fmt(p + 3)).put("h", fmt(p + 10)).put("l", fmt(p - 10))
                    .put("v", fmt(12.5)).put("n", 100);
        }
        return out;
    }

    private ArrayNode funding(JsonNode body) {
        long start = body.path("startTime").asLong();
        long end = body.has("endTime") ? body.path("endTime").asLong() : nowMs;
        ArrayNode out = JSON.createArrayNode();
        long h = 3_600_000L;
        long oldest = Math.floorDiv(nowMs, h) * h - 20_000L * h;
        // Settlements carry small millisecond offsets, like the real ones.
        for (long t = Math.max(oldest, Math.floorDiv(start, h) * h); t <= Math.min(end, nowMs) && out.size() < pageSize; t += h) {
            long ts = t + Math.floorMod(t / h * 37, 500);
            if (ts < start || ts > end) {
                continue;
            }
            out.addObject().put("coin", body.path("coin").asText()).put("fundingRate", fmt(0.0000125 * Math.cos(t / 1e8)))
                    .put("premium", fmt(-0.0003)).put("time", ts);
        }
        return out;
    }

    private static String fmt(double d) {
        return new BigDecimal(String.format(Locale.ROOT, "%.8f", d)).stripTrailingZeros().toPlainString();
    }
}
