package io.hypertrader.bench.refrule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * Every implementation of the reference rule on the benchmark's candles (the last 5000 of the
 * shared Coinbase BTC-USD 1h series, read from the project's fixture of those very rows) gives the same fills, round trips and final equity, and the
 * plain loop's fills satisfy the rule's definition, checked bar by bar by brute force.
 */
class ReferenceRuleAgreementTest {

    private static CandleSeries candles;
    private static Map<String, ReferenceRule.Result> results;

    @BeforeAll
    static void runAll() {
        candles = Fixtures.btcHourlyLast(ReferenceRule.BENCH_CANDLES);
        results = RuleFixtures.runAll(candles);
    }

    @Test
    void allImplementationsAgreeOnRoundTripsFillsAndEquity() {
        ReferenceRule.Result loop = results.get(ReferenceRuleBench.PLAIN_LOOP);
        assertThat(results.keySet()).containsExactly(ReferenceRuleBench.PLAIN_LOOP, ReferenceRuleBench.ENGINE,
                ReferenceRuleBench.TA4J_DOUBLE, ReferenceRuleBench.TA4J_DECIMAL_PREBUILT,
                ReferenceRuleBench.TA4J_DECIMAL_DEFAULT);
        ReferenceRule.Result loopOnGrid = PlainLoopReferenceRule.runOnSizeGrid(candles.highs(), candles.lows(),
                candles.closes(), EngineReferenceRule.SZ_DECIMALS);
        assertThat(loopOnGrid.fillBars()).containsExactly(loop.fillBars());
        results.forEach((name, r) -> {
            assertThat(r.roundTrips()).as(name).isEqualTo(loop.roundTrips());
            assertThat(r.openAtEnd()).as(name).isEqualTo(loop.openAtEnd());
            assertThat(r.fillBars()).as(name).containsExactly(loop.fillBars());
            // The engine must round its buys to the venue's size step: compare it with the loop on that grid.
            double reference = name.equals(ReferenceRuleBench.ENGINE) ? loopOnGrid.finalEquity() : loop.finalEquity();
            assertThat(r.finalEquity()).as(name).isCloseTo(reference, within(ReferenceRuleBench.EQUITY_TOLERANCE));
        });
        // The size grid costs the engine less than 1e-8 of the exact equity.
        assertThat(results.get(ReferenceRuleBench.ENGINE).finalEquity())
                .isCloseTo(loop.finalEquity(), within(1e-8 * loop.finalEquity()));
    }

    /** The shipped synthetic series (what CI without ../shared benchmarks on): the same agreement. */
    @Test
    void allImplementationsAgreeOnTheShippedSyntheticSeriesToo() {
        CandleSeries synthetic = BenchDataset.load(java.nio.file.Path.of("no-such-dir/none.csv"),
                java.nio.file.Path.of(BenchDataset.SHIPPED_CSV), ReferenceRule.BENCH_CANDLES).candles();
        Map<String, ReferenceRule.Result> all = RuleFixtures.runAll(synthetic);
        ReferenceRule.Result loop = all.get(ReferenceRuleBench.PLAIN_LOOP);
        // The synthetic series halves in price after bar 177, and the rule has no stop: one round trip, then held.
        assertThat(loop.roundTrips()).isPositive();
        ReferenceRule.Result onGrid = PlainLoopReferenceRule.runOnSizeGrid(synthetic.highs(), synthetic.lows(),
                synthetic.closes(), EngineReferenceRule.SZ_DECIMALS);
        all.forEach((name, r) -> {
            assertThat(r.fillBars()).as(name).containsExactly(loop.fillBars());
            double reference = name.equals(ReferenceRuleBench.ENGINE) ? onGrid.finalEquity() : loop.finalEquity();
            assertThat(r.finalEquity()).as(name).isCloseTo(reference, within(ReferenceRuleBench.EQUITY_TOLERANCE));
        });
    }

    @Test
    void roundTripCountIsPlausible() {
        ReferenceRule.Result loop = results.get(ReferenceRuleBench.PLAIN_LOOP);
        // Each exit needs a 2% run-up and a 23.6% give-back: on hourly BTC that is tens of trades
        // in 5000 bars, not zero and nowhere near one every other bar.
        assertThat(loop.roundTrips()).isBetween(10, 500);
        assertThat(loop.fillBars()[0]).isEqualTo(ReferenceRule.FIRST_ENTRY_BAR);
        assertThat(loop.finalEquity()).isBetween(1_000.0, 1_000_000.0);
    }

    /** Recomputes the equity from the fills alone: the all-in compounding chain of the class comment. */
    @Test
    void finalEquityIsTheCompoundedChainOverTheFills() {
        ReferenceRule.Result loop = results.get(ReferenceRuleBench.PLAIN_LOOP);
        double[] c = candles.closes();
        int[] f = loop.fillBars();
        double cash = ReferenceRule.INITIAL_CASH;
        double qty = 0;
        for (int k = 0; k < f.length; k++) {
            if (k % 2 == 0) {
                qty = cash / (c[f[k]] * (1 + ReferenceRule.FEE_RATE));
                cash = 0;
            } else {
                cash = qty * c[f[k]] * (1 - ReferenceRule.FEE_RATE);
                qty = 0;
            }
        }
        double equity = loop.openAtEnd() ? qty * c[c.length - 1] : cash;
        assertThat(loop.finalEquity()).isCloseTo(equity, within(1e-9));
    }

    /**
     * The definition, literally: between fills, every bar is checked against the rule with H and L
     * recomputed from scratch; the rule must fire exactly on the fill bars.
     */
    @Test
    void fillsAreExactlyTheBarsWhereTheDefinitionFires() {
        int[] fills = results.get(ReferenceRuleBench.PLAIN_LOOP).fillBars();
        double[] h = candles.highs(), l = candles.lows(), c = candles.closes();
        int n = c.length;
        int next = 0;          // index into fills of the next expected fill
        int lastFill = -1;
        double hPrev = Double.NaN;
        for (int i = 0; i < n; i++) {
            boolean fires;
            if (next == 0) {
                fires = i == ReferenceRule.FIRST_ENTRY_BAR;
            } else if (next % 2 == 1) {     // in a position entered at lastFill
                double e = c[lastFill];
                double peak = e;
                for (int j = lastFill + 1; j <= i; j++) {
                    peak = Math.max(peak, h[j]);
                }
                fires = i > lastFill && peak - e >= ReferenceRule.MIN_RUN * e
                        && c[i] <= peak - ReferenceRule.EXIT_RETRACE * (peak - e);
                if (fires) {
                    hPrev = peak;
                }
            } else {                         // flat after the exit at lastFill
                double trough = c[lastFill];
                for (int j = lastFill + 1; j <= i; j++) {
                    trough = Math.min(trough, l[j]);
                }
                fires = i > lastFill && c[i] >= trough + ReferenceRule.REENTRY_BOUNCE * (hPrev - trough);
            }
            boolean expected = next < fills.length && fills[next] == i;
            assertThat(fires).as("bar %d (fill #%d)", i, next).isEqualTo(expected);
            if (fires) {
                lastFill = i;
                next++;
            }
        }
        assertThat(next).isEqualTo(fills.length);
    }
}
