package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.config.StrategyConfig;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.FibHedgeStrategy;
import io.hypertrader.testdata.CandleCsv;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart changes nothing: on real candles, a fib-hedge backtest whose strategy is snapshotted,
 * written to text, parsed, restored into a fresh instance and swapped in (see
 * {@link RestartingStrategy}) continues exactly as the uninterrupted run: the same event log,
 * per-step series, orders, fills, transitions, cycles, risk events and summary to the bit, and
 * the same state text after every later callback.
 *
 * <p>Cut points are picked, with a fixed seed, from the callbacks of the uninterrupted run in
 * each situation a restart can meet (HEDGED, SCALED, DEEP, RECOVERING, FULL, FLAT before entry,
 * FLAT after a stop, a market order in flight, a resting entry limit, a difference decided but
 * not yet traded) plus uniformly random ones; and one run restarts after every single callback.
 * Cases: default, bear, close mode, resting limit entry and 10x leverage (liquidations) under the
 * realistic profile (latency, partial fills, rejections, funding) behind the config's risk limits.
 */
class StrategyRestartTest {

    /** Real BTC 1h candles, the first 3000 rows of ../shared/datasets/coinbase-btcusd-1h-2017-2019.csv (see the README beside it). */
    static final Path FIXTURE = Path.of("src/test/resources/strategy/coinbase-btcusd-1h-2017-11-2018-03.csv");
    private static final int PICKS_PER_SITUATION = 3;
    /** A cut run compares the state text after each of this many callbacks from the cut on (then the result and the end state). */
    private static final int WINDOW = 400;

    record Case(String id, CandleSeries series, StrategyConfig cfg, SimConfig sim, long seed, boolean risk) {
    }

    /** What the strategy was doing at a cut point. */
    private static final Map<String, Predicate<RestartingStrategy.Moment>> SITUATIONS = new LinkedHashMap<>();

    static {
        for (String s : List.of("FULL", "HEDGED", "SCALED", "DEEP", "RECOVERING")) {
            SITUATIONS.put(s, m -> m.state().equals(s));
        }
        SITUATIONS.put("FLAT before entry", m -> m.state().equals("FLAT") && !m.stoppedOut());
        SITUATIONS.put("FLAT after a stop", m -> m.state().equals("FLAT") && m.stoppedOut());
        SITUATIONS.put("order in flight", RestartingStrategy.Moment::orderInFlight);
        SITUATIONS.put("entry limit resting", RestartingStrategy.Moment::entryLimitResting);
        SITUATIONS.put("decided, no order out", m -> m.toTrade() && !m.orderInFlight() && !m.entryLimitResting());
    }

    static List<Case> cases() {
        CandleSeries btc = CandleCsv.read(FIXTURE, "BTC", Interval.H1);
        List<Case> out = new ArrayList<>();
        SimConfig realistic = SimConfig.REALISTIC;
        out.add(new Case("default/intrabar", btc, config(Map.of()), realistic, 7, true));
        out.add(new Case("default/close/worst-case", btc, config(Map.of("strategy.trigger", "close")),
                realistic.withPath(PathMode.WORST_CASE), 42, true));
        out.add(new Case("bear/intrabar", btc, config(Map.of("strategy.thesis", "bear")), realistic, 3, true));
        out.add(new Case("limit-entry/intrabar", btc, config(Map.of("strategy.entry.price", "6500")), realistic, 5, true));
        out.add(new Case("lev10/intrabar/no-risk", btc, config(Map.of("strategy.sizing.leverage", "10",
                "strategy.longStop.initialPct", "0.09", "strategy.longStop.trailPct", "0.09", "risk.maxLeverage", "10",
                "risk.maxPositionFraction", "10", "risk.positionStopFraction", "0.95")), realistic, 11, false));
        return out;
    }

    private static StrategyConfig config(Map<String, String> overrides) {
        return ConfigLoader.load(Path.of("config/fib-hedge.yaml"), overrides);
    }

    /** One run of a case with the strategy behind a {@link RestartingStrategy}. */
    static BacktestResult run(Case c, RestartingStrategy[] holder, IntPredicate restartAfter, int recordFrom, int recordTo) {
        RiskLimits risk = c.risk() ? c.cfg().risk() : null;
        FibBacktest.Prepared p = FibBacktest.prepare(c.cfg(), List.of(c.series()), Map.of(), Map.of(), c.sim(), c.seed(), risk);
        StrategySlot slot = p.slots().get(0);
        FibHedgeParams params = ((FibHedgeStrategy) slot.strategy()).params();
        RestartingStrategy r = new RestartingStrategy(params, restartAfter, recordFrom, recordTo);
        holder[0] = r;
        return Backtester.run(p.input(), List.of(new StrategySlot(r, slot.coins())));
    }

    /** The uninterrupted run of a case, recorded after every callback, checked against the engine's own run. */
    private static RestartingStrategy baseline(Case c, BacktestResult[] result) {
        RestartingStrategy[] h = new RestartingStrategy[1];
        result[0] = run(c, h, i -> false, 0, Integer.MAX_VALUE);
        // the wrapper itself is transparent: the same run as the engine's own
        BacktestResult plain = FibBacktest.run(c.cfg(), List.of(c.series()), Map.of(), Map.of(), c.sim(), c.seed(),
                c.risk() ? c.cfg().risk() : null);
        assertThat(result[0].eventLogSha256()).as(c.id() + " (wrapper)").isEqualTo(plain.eventLogSha256());
        assertThat(EngineGoldenTest.seriesSha(result[0])).as(c.id() + " (wrapper)").isEqualTo(EngineGoldenTest.seriesSha(plain));
        assertThat(result[0].summary().cycles()).as(c.id() + " cycles").isGreaterThan(3);
        return h[0];
    }

    @Test
    void aRestartAtACutPointInEverySituationContinuesExactlyAsTheUninterruptedRun() {
        Map<String, Integer> cutsPerSituation = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int runs = 0;
        for (Case c : cases()) {
            BacktestResult[] base = new BacktestResult[1];
            RestartingStrategy baseline = baseline(c, base);
            Random rnd = new Random(c.id().hashCode());
            Map<Integer, String> cuts = new TreeMap<>();
            for (var e : SITUATIONS.entrySet()) {
                List<RestartingStrategy.Moment> in = baseline.moments.stream().filter(e.getValue()).toList();
                for (int k = 0; k < Math.min(PICKS_PER_SITUATION, in.size()); k++) {
                    cuts.putIfAbsent(in.get(rnd.nextInt(in.size())).index(), e.getKey());
                }
            }
            for (int k = 0; k < 10; k++) {
                cuts.putIfAbsent(rnd.nextInt(baseline.callbacks()), "random");
            }
            RestartingStrategy[] h = new RestartingStrategy[1];
            for (var cut : cuts.entrySet()) {
                int at = cut.getKey();
                RestartingStrategy.Moment m = baseline.moments.get(at);
                SITUATIONS.forEach((name, test) -> {
                    if (test.test(m)) {
                        cutsPerSituation.merge(name, 1, Integer::sum);
                    }
                });
                BacktestResult cutRun = run(c, h, i -> i == at, at, at + WINDOW);
                runs++;
                String label = c.id() + " cut after callback " + at + " (" + cut.getValue() + ", " + m + ")";
                assertThat(h[0].restarts()).as(label).isEqualTo(1);
                assertThat(h[0].restoredFrom.get(0)).as(label).isEqualTo(baseline.states.get(at));
                List<String> after = baseline.states.subList(at, Math.min(at + WINDOW, baseline.states.size()));
                boolean sameEnd = h[0].current().snapshot().equals(baseline.current().snapshot());
                if (!same(base[0], cutRun) || !h[0].states.equals(after) || !sameEnd) {
                    failures.add(label + ": " + firstDifference(after, h[0].states, at));
                }
            }
        }
        System.out.println("strategy restart: " + runs + " runs restarted once; cut points per situation " + cutsPerSituation);
        assertThat(failures).as("restarts that changed the run").isEmpty();
        // the cuts really met every situation (or this would prove less than it says)
        assertThat(cutsPerSituation.keySet()).containsAll(SITUATIONS.keySet());
        assertThat(runs).isGreaterThan(100);
    }

    @Test
    void restartingAfterEveryCallbackChangesNothing() {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> restarts = new LinkedHashMap<>();
        for (Case c : cases()) {
            BacktestResult[] base = new BacktestResult[1];
            RestartingStrategy baseline = baseline(c, base);
            RestartingStrategy[] h = new RestartingStrategy[1];
            BacktestResult every = run(c, h, i -> true, 0, Integer.MAX_VALUE);
            assertThat(h[0].restarts()).as(c.id()).isEqualTo(h[0].callbacks()).isGreaterThan(1000);
            restarts.put(c.id(), h[0].restarts());
            if (!same(base[0], every) || !h[0].states.equals(baseline.states)) {
                failures.add(c.id() + ": " + firstDifference(baseline.states, h[0].states, 0));
            }
        }
        System.out.println("strategy restart after every callback: restarts per run " + restarts);
        assertThat(failures).as("runs that a restart after every callback changed").isEmpty();
    }

    private static boolean same(BacktestResult a, BacktestResult b) {
        return a.eventLogSha256().equals(b.eventLogSha256()) && a.eventCount() == b.eventCount()
                && EngineGoldenTest.seriesSha(a).equals(EngineGoldenTest.seriesSha(b))
                && a.summary().equals(b.summary()) && a.riskEvents().equals(b.riskEvents())
                && a.transitions().equals(b.transitions()) && a.cycles().equals(b.cycles()) && a.fills().equals(b.fills());
    }

    /** Where two state sequences (from callback {@code from} on) part, field by field. */
    private static String firstDifference(List<String> want, List<String> got, int from) {
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            if (!want.get(i).equals(got.get(i))) {
                List<String> a = List.of(want.get(i).split(" "));
                List<String> b = List.of(got.get(i).split(" "));
                List<String> diff = new ArrayList<>();
                for (int k = 0; k < Math.min(a.size(), b.size()); k++) {
                    if (!a.get(k).equals(b.get(k))) {
                        diff.add(b.get(k) + " (not " + a.get(k) + ")");
                    }
                }
                return "after callback " + (from + i) + ": " + diff;
            }
        }
        return want.size() == got.size() ? "same states, different result" : "callbacks " + got.size() + " not " + want.size();
    }
}
