package io.hypertrader.live.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Interval;
import io.hypertrader.data.FundingRate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A market for {@link FakeHyperliquid} that moves with a clock: real one-minute candles (the
 * fixture {@code record/ftx-btcperp-1m-2022-01-03.csv}) replayed from {@code baseMs} on, so that
 * minute {@code i} of a coin's rows opens at {@code baseMs + i * 60 s}. At market time {@code m}
 * every bar that opened by {@code m} exists; the forming one carries values interpolated from its
 * open towards its real final values (so the stream's last update of a bar is not its final
 * value, as on the real exchange where trades are conflated away), and a closed bar has exactly
 * the fixture's values, coarser intervals aggregated from the minutes.
 *
 * <p>{@link #install} answers candleSnapshot (the most recent 5000 bars of each interval exist,
 * at most {@link #PAGE} per answer, every bar overlapping the range), fundingHistory (hourly
 * settlements with millisecond offsets, at most {@link #PAGE} per answer) and metaAndAssetCtxs;
 * {@link #publish} pushes the forming bar of every subscribed series and each coin's asset
 * context, as the exchange does on every change. Thread-safe (immutable data, the clock read once
 * per call).
 */
public final class FakeMarket {
    public static final long MINUTE = 60_000;
    public static final long HOUR = 3_600_000;
    public static final int PAGE = 500;
    static final int WINDOW = 5000;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** One fixture minute. */
    record Minute(BigDecimal o, BigDecimal h, BigDecimal l, BigDecimal c, BigDecimal v, long n) {
    }

    private final LongSupplier clock;
    private final long baseMs;
    private final Map<String, List<Minute>> coins = new LinkedHashMap<>();
    private final List<String> intervals;

    /**
     * @param clock     market time, epoch ms
     * @param baseMs    where the first fixture minute opens (a minute boundary; an hour boundary keeps funding simple)
     * @param intervals the intervals {@link #publish} pushes, e.g. 1m, 5m
     */
    public FakeMarket(LongSupplier clock, long baseMs, List<String> intervals) {
        if (baseMs % MINUTE != 0) {
            throw new IllegalArgumentException("baseMs must be a minute boundary");
        }
        this.clock = clock;
        this.baseMs = baseMs;
        this.intervals = List.copyOf(intervals);
        List<Minute> rows = fixture();
        coins.put("BTC", rows.subList(0, 1440));
        coins.put("ETH", rows.subList(1440, 2880));
    }

    private static List<Minute> fixture() {
        try (InputStream in = FakeMarket.class.getResourceAsStream("/record/ftx-btcperp-1m-2022-01-03.csv")) {
            List<Minute> out = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] f = lines[i].split(",");
                out.add(new Minute(new BigDecimal(f[1]), new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]),
                        new BigDecimal(f[5]), 5 + (i * 7L) % 23));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long baseMs() {
        return baseMs;
    }

    /** Market time now. */
    public long now() {
        return clock.getAsLong();
    }

    /** Minutes of data per coin (the market must not run past them). */
    public int minutes() {
        return 1440;
    }

    // ------------------------------------------------------------------ bars

    /** The bar of {@code coin} opening at {@code open} as it stands at market time {@code m}; null before it opens or past the data. */
    ObjectNode wireBar(String coin, Interval iv, long open, long m) {
        List<Minute> rows = coins.get(coin);
        if (rows == null || open > m || open < baseMs) {
            return null;
        }
        BigDecimal o = null, h = null, l = null, c = null, v = BigDecimal.ZERO;
        long n = 0;
        for (long t = open; t < open + iv.millis() && t <= m; t += MINUTE) {
            int i = (int) ((t - baseMs) / MINUTE);
            if (i >= rows.size()) {
                return null;
            }
            Minute x = rows.get(i);
            Minute p = t + MINUTE <= m ? x : partial(x, (double) (m - t) / MINUTE);
            o = o == null ? p.o : o;
            h = h == null ? p.h : h.max(p.h);
            l = l == null ? p.l : l.min(p.l);
            c = p.c;
            v = v.add(p.v);
            n += p.n;
        }
        ObjectNode w = F.objectNode();
        w.put("t", open).put("T", open + iv.millis() - 1).put("s", coin).put("i", iv.code()).put("o", s(o)).put("c", s(c))
                .put("h", s(h)).put("l", s(l)).put("v", s(v)).put("n", n);
        return w;
    }

    /** A minute {@code f} of the way through: the close moves from the open towards the real close, extremes grow with it. */
    static Minute partial(Minute x, double f) {
        BigDecimal bf = BigDecimal.valueOf(f);
        BigDecimal pc = x.o.add(x.c.subtract(x.o).multiply(bf)).setScale(1, RoundingMode.HALF_EVEN);
        BigDecimal ph = x.o.max(pc).add(x.h.subtract(x.o.max(x.c)).multiply(bf).setScale(1, RoundingMode.DOWN));
        BigDecimal pl = x.o.min(pc).subtract(x.o.min(x.c).subtract(x.l).multiply(bf).setScale(1, RoundingMode.DOWN));
        // never outside the real bar: the final high and low bound every update
        ph = ph.min(x.h);
        pl = pl.max(x.l);
        return new Minute(x.o, ph, pl, pc, x.v.multiply(bf).setScale(4, RoundingMode.DOWN), (long) Math.floor(x.n * f));
    }

    private static String s(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    /** The bar of {@code coin} opening at {@code open} as the exchange shows it at market time {@code m} (forming or closed). */
    public Candle barAt(String coin, Interval iv, long open, long m) {
        ObjectNode w = wireBar(coin, iv, open, m);
        if (w == null) {
            throw new IllegalArgumentException("no " + coin + " " + iv + " bar at " + open + " by " + m);
        }
        return new Candle(w.get("t").asLong(), w.get("T").asLong(), d(w, "o"), d(w, "h"), d(w, "l"), d(w, "c"), d(w, "v"), w.get("n").asLong());
    }

    /** The exact closed bar of {@code coin} opening at {@code open} (what a recorder must end up storing). */
    public Candle finalBar(String coin, Interval iv, long open) {
        ObjectNode w = wireBar(coin, iv, open, open + iv.millis());
        if (w == null) {
            throw new IllegalArgumentException("no " + coin + " " + iv + " bar at " + open);
        }
        return new Candle(w.get("t").asLong(), w.get("T").asLong(), d(w, "o"), d(w, "h"), d(w, "l"), d(w, "c"), d(w, "v"), w.get("n").asLong());
    }

    private static double d(JsonNode w, String k) {
        return Double.parseDouble(w.get(k).asText());
    }

    /** Every closed bar of {@code coin} with open in [fromOpen, toOpen], ascending. */
    public List<Candle> finalBars(String coin, Interval iv, long fromOpen, long toOpen) {
        List<Candle> out = new ArrayList<>();
        for (long t = fromOpen; t <= toOpen; t += iv.millis()) {
            out.add(finalBar(coin, iv, t));
        }
        return out;
    }

    // ------------------------------------------------------------------ funding and contexts

    /** The settlement of the hour starting at {@code hourMs}: time carries a small millisecond offset, like the real ones. */
    public FundingRate settlement(String coin, long hourMs) {
        long k = hourMs / HOUR;
        double rate = (coin.equals("BTC") ? 1 : -1) * 0.0000125 * (1 + (k % 5));
        return new FundingRate(hourMs + Math.floorMod(k * 37, 500), rate, -0.0003);
    }

    /** The coin's asset context at market time {@code m}: mark = the forming minute's close. */
    public ObjectNode context(String coin, long m) {
        ObjectNode bar = wireBar(coin, Interval.M1, Math.floorDiv(m, MINUTE) * MINUTE, m);
        BigDecimal mark = bar == null ? BigDecimal.ONE : new BigDecimal(bar.get("c").asText());
        long k = Math.floorDiv(m, HOUR);
        ObjectNode c = F.objectNode().put("funding", s(BigDecimal.valueOf(0.0000125 * (1 + (k % 3)))))
                .put("openInterest", s(BigDecimal.valueOf(1000 + (m - baseMs) / MINUTE)))
                .put("prevDayPx", s(mark)).put("dayNtlVlm", "123456789.5").put("premium", "0.00012")
                .put("oraclePx", s(mark.subtract(new BigDecimal("2.5")))).put("markPx", s(mark))
                .put("midPx", s(mark.add(new BigDecimal("0.5")))).put("dayBaseVlm", "2500.25");
        c.putArray("impactPxs").add(s(mark.subtract(BigDecimal.ONE))).add(s(mark.add(BigDecimal.ONE)));
        return c;
    }

    // ------------------------------------------------------------------ the exchange's side

    /** Answers candleSnapshot, fundingHistory and metaAndAssetCtxs on {@code fake} from this market. */
    public void install(FakeHyperliquid fake) {
        fake.setInfoHandler("candleSnapshot", this::candleSnapshot);
        fake.setInfoHandler("fundingHistory", this::fundingHistory);
        fake.setAssetContexts(coin -> coins.containsKey(coin) ? context(coin, now()) : F.objectNode()
                .put("markPx", "1.0").put("oraclePx", "1.0").put("openInterest", "0.0").put("funding", "0.0"));
    }

    private JsonNode candleSnapshot(JsonNode body) {
        long m = now();
        JsonNode req = body.path("req");
        String coin = req.path("coin").asText();
        Interval iv = Interval.parse(req.path("interval").asText());
        long start = req.path("startTime").asLong();
        long end = req.path("endTime").asLong();
        ArrayNode out = F.arrayNode();
        long forming = Math.floorDiv(m, iv.millis()) * iv.millis();
        long oldest = Math.max(forming - (WINDOW - 1) * iv.millis(), baseMs);
        for (long t = Math.max(oldest, Math.floorDiv(start, iv.millis()) * iv.millis()); t <= Math.min(end, forming) && out.size() < PAGE;
             t += iv.millis()) {
            ObjectNode w = wireBar(coin, iv, t, m);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    private JsonNode fundingHistory(JsonNode body) {
        long m = now();
        String coin = body.path("coin").asText();
        long start = body.path("startTime").asLong();
        long end = body.has("endTime") ? body.path("endTime").asLong() : m;
        ArrayNode out = F.arrayNode();
        if (!coins.containsKey(coin)) {
            return out;
        }
        for (long h = Math.max(Math.floorDiv(start, HOUR) * HOUR, Math.floorDiv(baseMs, HOUR) * HOUR); h <= Math.min(end, m) && out.size() < PAGE;
             h += HOUR) {
            FundingRate r = settlement(coin, h);
            if (r.timeMs() < start || r.timeMs() > end || r.timeMs() > m) {
                continue;
            }
            out.addObject().put("coin", coin).put("fundingRate", s(BigDecimal.valueOf(r.rate()))).put("premium", "-0.0003")
                    .put("time", r.timeMs());
        }
        return out;
    }

    /** Pushes, at market time now, the forming bar of every (coin, interval) and each coin's context. */
    public void publish(FakeHyperliquid fake) {
        long m = now();
        for (String coin : coins.keySet()) {
            for (String code : intervals) {
                Interval iv = Interval.parse(code);
                ObjectNode w = wireBar(coin, iv, Math.floorDiv(m, iv.millis()) * iv.millis(), m);
                if (w != null) {
                    fake.pushCandle(coin, code, w);
                }
            }
            fake.pushActiveAssetCtx(coin, context(coin, m));
        }
    }
}
