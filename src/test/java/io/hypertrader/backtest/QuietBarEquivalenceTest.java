package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.bench.refrule.EngineReferenceRule;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.testdata.CandleCsv;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay's quiet-bar fast path changes nothing: over the whole golden matrix (every profile,
 * both price modes, all path modes, bear, limit entry, skim, 10x leverage with liquidations, the
 * two-coin portfolio), with and without the risk manager, the fast run and the point-by-point
 * run give the same event log, the same per-step series and record lists to the bit, the same
 * risk events and the same summary. The fast path must also really be taken, or this would
 * compare the replay with itself. Without ../shared these are skipped (failed under CI=true);
 * {@link QuietBarEquivalenceFixtureTest} runs the same checks on the cases the fixtures cover.
 */
class QuietBarEquivalenceTest {

    @Test
    void fastPathGivesThePointByPointResultOnEveryGoldenCase() {
        assertSameThroughBothReplays(EngineGoldenTest.cases());
    }

    /** The reference rule on the benchmark's candles (the shared file's last 5000 rows). */
    @Test
    void referenceRuleIsTheSameThroughBothReplays() {
        Path csv = SharedDatasets.file("coinbase-btcusd-1h-2017-2019.csv", "the reference rule runs on the last 5000 candles");
        assertReferenceRuleSameThroughBothReplays(CandleCsv.lastN(csv, "BTC", Interval.H1, 5000));
    }

    /**
     * Every case of the matrix, each with and without its risk manager: the fast and the
     * point-by-point replay agree to the bit, and the fast path really is taken.
     */
    static void assertSameThroughBothReplays(List<EngineGoldenTest.Case> cases) {
        List<String> differ = new ArrayList<>();
        long quiet = 0;
        long bars = 0;
        int singleCoinCases = 0;
        for (EngineGoldenTest.Case c : cases) {
            for (boolean withRisk : new boolean[]{true, false}) {
                var risk = withRisk ? c.cfg().risk() : null;
                var fast = FibBacktest.prepare(c.cfg(), c.data().series(), Map.of(), Map.of(), c.sim(), c.seed(), risk);
                var slow = FibBacktest.prepare(c.cfg(), c.data().series(), Map.of(), Map.of(), c.sim(), c.seed(), risk);
                BacktestResult a = Backtester.run(fast.input(), fast.slots());
                BacktestResult b = Backtester.runPointByPoint(slow.input(), slow.slots());
                String id = c.id() + (withRisk ? "" : " (no risk)");
                if (!a.eventLogSha256().equals(b.eventLogSha256()) || a.eventCount() != b.eventCount()
                        || !EngineGoldenTest.seriesSha(a).equals(EngineGoldenTest.seriesSha(b))
                        || !a.riskEvents().equals(b.riskEvents()) || !withoutQuiet(a).equals(withoutQuiet(b))) {
                    differ.add(id);
                }
                assertThat(b.summary().quietBars()).as(id).isZero();
                if (c.data().series().size() == 1) {
                    singleCoinCases++;
                    quiet += a.summary().quietBars();
                    bars += a.times().length;
                } else {
                    assertThat(a.summary().quietBars()).as("portfolios replay every point: " + id).isZero();
                }
            }
        }
        assertThat(differ).as("cases where the fast path changed the run").isEmpty();
        assertThat(singleCoinCases).isGreaterThan(100);
        // most bars of these runs are quiet; if the fast path stopped engaging this would drop to 0
        assertThat((double) quiet / bars).as("share of bars taken whole").isGreaterThan(0.5);
    }

    /** The reference rule of the benchmark (close mode, ideal profile) through both replays. */
    static void assertReferenceRuleSameThroughBothReplays(CandleSeries candles) {
        BacktestInput in = new BacktestInput(List.of(candles), Map.of(),
                List.of(new Instrument(candles.coin(), EngineReferenceRule.SZ_DECIMALS, 40)), EngineReferenceRule.SIM, 1, 10_000);
        BacktestResult a = Backtester.run(in, List.of(new StrategySlot(new EngineReferenceRule(candles.coin()), List.of(candles.coin()))));
        BacktestResult b = Backtester.runPointByPoint(in,
                List.of(new StrategySlot(new EngineReferenceRule(candles.coin()), List.of(candles.coin()))));
        assertThat(EngineGoldenTest.seriesSha(a)).isEqualTo(EngineGoldenTest.seriesSha(b));
        assertThat(a.eventLogSha256()).isEqualTo(b.eventLogSha256());
        assertThat(a.summary().fillCount()).isEqualTo(93); // 46 round trips and the open position
        // every bar but the trading ones (and the bars with a fill in flight) is taken whole
        assertThat(a.summary().quietBars()).isGreaterThan(5000 - 2 * a.summary().fillCount());
    }

    private static BacktestResult.Summary withoutQuiet(BacktestResult r) {
        BacktestResult.Summary s = r.summary();
        return new BacktestResult.Summary(s.initialEquity(), s.finalEquity(), s.totalReturn(), s.maxDrawdown(), s.orderCount(),
                s.fillCount(), s.rejectedCount(), s.cancelledCount(), s.fees(), s.funding(), s.slippage(), s.pricePnl(),
                s.ledgerResidual(), s.tradedNotional(), s.cycles(), s.liquidations(), s.riskEvents(), 0);
    }
}
