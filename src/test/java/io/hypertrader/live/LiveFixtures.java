package io.hypertrader.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.SyntheticCandles;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Shared fixtures of the live tests: a small fib plan and a scripted candle feed served by the fake exchange. */
public final class LiveFixtures {

    private LiveFixtures() {
    }

    /** A fib-hedge plan on one coin, sized inside the default risk limits (18% of equity at 1x), short warm-up. */
    public static TradingPlan plan(Coin coin, Interval iv, String hash) {
        FibHedgeParams d = FibHedgeParams.defaults(coin, iv);
        FibHedgeParams p = new FibHedgeParams(coin, iv, d.thesis(), d.trigger(), d.levels(), d.exposure(),
                new FibHedgeParams.Arm(0.005, 0.5, 5), new FibHedgeParams.Entry(5, Double.NaN), d.hedgeExit(), d.reversal(),
                d.longStop(), new FibHedgeParams.Sizing(0.2, 0.1, 1), d.profit());
        return new TradingPlan("test", List.of(p), Map.of(), 10_000, RiskLimits.DEFAULTS, TradingPlan.Promotion.DEFAULTS,
                "{\"test\":true}", hash);
    }

    /** Closed 1m candles ending before {@code nowMs}, seeded GARCH path around {@code startPrice}. */
    public static List<Candle> candles(long seed, int n, long nowMs, double startPrice) {
        return candles(seed, n, nowMs, startPrice, Interval.M1);
    }

    /** Closed candles of {@code interval} ending before {@code nowMs}, seeded GARCH path around {@code startPrice}. */
    public static List<Candle> candles(long seed, int n, long nowMs, double startPrice, Interval interval) {
        long iv = interval.millis();
        long start = (nowMs / iv - n - 1) * iv;
        return SyntheticCandles.generate(new SyntheticCandles.Params(seed, n, interval, start, startPrice, 0.9, 0.06, 0.92,
                5.0, 50));
    }

    /**
     * A candleSnapshot feed on the fake: the first request of a coin sees {@code initial} bars,
     * each later request one more (until all are out); the fake's mid follows the last close.
     */
    public static final class Script {
        private final FakeHyperliquid fake;
        private final Map<String, List<Candle>> candles = new HashMap<>();
        private final Map<String, Integer> revealed = new HashMap<>();
        private final int initial;
        private boolean midFollowsCandles = true;
        private boolean held;

        public Script(FakeHyperliquid fake, int initial) {
            this.fake = fake;
            this.initial = initial;
            fake.setInfoHandler("candleSnapshot", this::answer);
        }

        public Script add(String coin, List<Candle> cs) {
            candles.put(coin, cs);
            fake.setMid(coin, px(cs.get(initial - 1).close()));
            return this;
        }

        /** From now on the fake's mid is the test's alone ({@link FakeHyperliquid#setMid}); candle reads leave it. */
        public Script midFromTest() {
            midFollowsCandles = false;
            return this;
        }

        /** From now on no new bar is revealed: the market waits (a restart sees only what it saw before). */
        public Script hold() {
            held = true;
            return this;
        }

        public int revealed(String coin) {
            return revealed.getOrDefault(coin, 0);
        }

        private JsonNode answer(JsonNode body) {
            String coin = body.path("req").path("coin").asText();
            String interval = body.path("req").path("interval").asText();
            List<Candle> cs = candles.getOrDefault(coin, List.of());
            int n = revealed.merge(coin, initial, (old, x) -> held ? old : Math.min(cs.size(), old + 1));
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < Math.min(n, cs.size()); i++) {
                Candle c = cs.get(i);
                arr.addObject().put("t", c.openTime()).put("T", c.closeTime()).put("s", coin).put("i", interval)
                        .put("o", px(c.open())).put("c", px(c.close())).put("h", px(c.high())).put("l", px(c.low()))
                        .put("v", String.format(Locale.ROOT, "%.5f", c.volume())).put("n", 10);
            }
            if (midFollowsCandles && n > 0 && n <= cs.size()) {
                fake.setMid(coin, px(cs.get(n - 1).close()));
            }
            return arr;
        }

        public static String px(double v) {
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
    }
}
