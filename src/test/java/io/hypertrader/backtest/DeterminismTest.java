package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Same config, data and seed give the same event-log hash; another seed changes realistic fills; no lookahead. */
class DeterminismTest {
    private static final FibHedgeParams P = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);
    private static final CandleSeries S = Fixtures.btcHourlyLast(1500);

    @Test
    void sameInputsGiveTheSameHash() {
        for (String profile : List.of("ideal", "seed", "realistic")) {
            FibRun a = FibRun.run(P, S, SimConfig.preset(profile), 7);
            FibRun b = FibRun.run(P, S, SimConfig.preset(profile), 7);
            assertThat(a.result.eventLogSha256()).as(profile).isEqualTo(b.result.eventLogSha256()).hasSize(64);
            assertThat(a.result.equity()).as(profile).containsExactly(b.result.equity());
            assertThat(a.result.eventCount()).as(profile).isGreaterThan(100);
        }
    }

    @Test
    void anotherSeedChangesRealisticFillsButNotIdealOnes() {
        FibRun a = FibRun.run(P, S, SimConfig.REALISTIC, 7);
        FibRun b = FibRun.run(P, S, SimConfig.REALISTIC, 8);
        assertThat(a.result.eventLogSha256()).isNotEqualTo(b.result.eventLogSha256());
        List<Double> pa = a.result.fills().stream().map(Fill::price).toList();
        List<Double> pb = b.result.fills().stream().map(Fill::price).toList();
        assertThat(pa).isNotEqualTo(pb);
        // ideal draws nothing: the seed cannot matter
        assertThat(FibRun.run(P, S, SimConfig.IDEAL, 7).result.eventLogSha256())
                .isEqualTo(FibRun.run(P, S, SimConfig.IDEAL, 8).result.eventLogSha256());
    }

    @Test
    void dataTruncatedAtTGivesTheSameDecisionsBeforeT() {
        for (String profile : List.of("ideal", "realistic")) {
            for (int cut : new int[]{700, 1000, 1300}) {
                FibRun full = FibRun.run(P, S, SimConfig.preset(profile), 3);
                FibRun part = FibRun.run(P, S.slice(0, cut), SimConfig.preset(profile), 3);
                long t = S.openTime(cut);
                List<TrackedOrder> a = full.result.orders().stream().filter(o -> o.decisionTime() < t).toList();
                List<TrackedOrder> b = part.result.orders().stream().filter(o -> o.decisionTime() < t).toList();
                assertThat(b).as(profile + " cut " + cut).hasSameSizeAs(a);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).request()).as(profile + " cut " + cut).isEqualTo(a.get(i).request());
                    assertThat(b.get(i).decisionTime()).isEqualTo(a.get(i).decisionTime());
                    assertThat(b.get(i).decisionPrice()).isEqualTo(a.get(i).decisionPrice());
                }
                List<Fill> fa = full.result.fills().stream().filter(f -> f.timeMs() < t).toList();
                List<Fill> fb = part.result.fills().stream().filter(f -> f.timeMs() < t).toList();
                assertThat(fb).as(profile + " cut " + cut).isEqualTo(fa);
                assertThat(full.result.transitions().stream().filter(x -> x.timeMs() < t).toList())
                        .isEqualTo(part.result.transitions().stream().filter(x -> x.timeMs() < t).toList());
                assertThat(a).as("the cut must fall after some decisions").isNotEmpty();
            }
        }
    }
}
