package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The last 5000 hourly candles of Coinbase BTC-USD 2017-2019 under every profile and path mode. */
class RealDataTest {
    private static final CandleSeries S = Fixtures.btcHourlyLast(5000);

    @ParameterizedTest
    @ValueSource(strings = {"ideal", "seed", "realistic"})
    void runsUnderEveryProfileAndTheLedgerHolds(String profile) {
        assertThat(S.size()).isEqualTo(5000);
        for (PriceMode mode : PriceMode.values()) {
            for (PathMode path : PathMode.values()) {
                FibHedgeParams p = FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1);
                p = new FibHedgeParams(p.coin(), p.interval(), p.thesis(), mode, p.levels(), p.exposure(), p.arm(),
                        p.entry(), p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit());
                FibRun r = FibRun.run(p, S, SimConfig.preset(profile).withPath(path), 11);
                String ctx = profile + "/" + mode + "/" + path;
                BacktestResult.Summary sm = r.result.summary();
                assertThat(r.result.equity()).as(ctx).hasSize(5000);
                assertThat(Arrays.stream(r.result.equity()).allMatch(e -> Double.isFinite(e) && e > 0)).as(ctx).isTrue();
                assertThat(sm.ledgerResidual()).as(ctx).isCloseTo(0, within(0.005));
                assertThat(sm.fillCount()).as(ctx).isGreaterThan(50);
                assertThat(sm.cycles()).as(ctx).isGreaterThan(10);
                for (TrackedOrder o : r.result.orders()) {
                    assertThat(o.status().terminal()).as(ctx + " order " + o.id()).isTrue();
                }
                for (CycleRecord c : r.result.cycles()) {
                    assertThat(c.q()).as(ctx).isPositive();
                    assertThat(Double.isFinite(c.pnl())).as(ctx).isTrue();
                }
                if (profile.equals("realistic")) {
                    assertThat(sm.funding()).as(ctx + ": constant funding where none is stored").isNotZero();
                    assertThat(r.result.fundingSources().get(0)).contains("constant");
                }
            }
        }
    }
}
