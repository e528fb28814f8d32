package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Side;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.testdata.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Funding from stored history, liquidation at the maintenance margin, and the ledger identity. */
class AccountingTest {
    private static final Coin SOL = Coin.of("SOL");
    private static final long H = 3_600_000L;

    private static SimConfig idealWithFunding(double fallback) {
        SimConfig i = SimConfig.IDEAL;
        return new SimConfig("ideal+funding", i.path(), false, i.latency(), i.slippage(), i.fills(), i.rejection(), i.fees(),
                new SimConfig.Funding(SimConfig.FundingModelKind.HISTORICAL, fallback));
    }

    private static BacktestResult hold(CandleSeries s, SimConfig sim, Side side, double size, int lev, double equity,
                                       FundingHistory fh) {
        BacktestInput in = new BacktestInput(List.of(s), Map.of(SOL, fh), List.of(new Instrument(SOL, 2, 20)), sim, 1, equity);
        return Backtester.run(in, List.of(new StrategySlot(new HoldStrategy(SOL, side, size, lev), List.of(SOL))));
    }

    @Test
    void fundingIsChargedHourlyFromStoredHistoryAndTheConstantElsewhere() {
        CandleSeries s = new Bars("SOL").flat(24, 100).series();
        long[] t = new long[9];
        double[] r = new double[9];
        double stored = 0;
        for (int h = 2; h <= 10; h++) {
            t[h - 2] = Bars.T0 + h * H + 48; // settlement times carry millisecond offsets
            r[h - 2] = (h % 2 == 0 ? 1 : -1) * 0.0001 * h;
            stored += r[h - 2];
        }
        double fallback = 0.00005;
        BacktestResult res = hold(s, idealWithFunding(fallback), Side.BUY, 10, 5, 10_000, new FundingHistory(t, r));
        // position 10 at 100 from the first open (funding at that same hour was settled before the fill):
        // hour 1 constant, hours 2..10 stored, hours 11..23 constant
        double expected = 10 * 100 * (fallback + stored + 13 * fallback);
        assertThat(res.summary().funding()).isCloseTo(expected, within(1e-9));
        assertThat(res.summary().finalEquity()).isCloseTo(10_000 - expected, within(1e-9));
        assertThat(res.fundingSources().get(0)).contains("history+constant").contains("9 stored");
        assertThat(res.summary().ledgerResidual()).isCloseTo(0, within(1e-9));

        BacktestResult shortRes = hold(s, idealWithFunding(fallback), Side.SELL, 10, 5, 10_000, new FundingHistory(t, r));
        assertThat(shortRes.summary().funding()).as("shorts receive what longs pay").isCloseTo(-expected, within(1e-9));
    }

    @Test
    void fundingIsHourlyInsideLongerBarsAtThePathPrice() {
        // one 4h bar rising linearly-ish: funding at each whole hour inside it uses the path price there
        CandleSeries s = new Bars("SOL", Interval.H4).bar(100, 100, 100, 100).bar(100, 100, 100, 100).series();
        BacktestResult res = hold(s, idealWithFunding(0.0001), Side.BUY, 10, 5, 10_000, FundingHistory.EMPTY);
        // hours 1..7 (hour 0 settled before the fill): 7 payments of 10 * 100 * 0.0001
        assertThat(res.summary().funding()).isCloseTo(7 * 0.1, within(1e-9));
        assertThat(res.fundingSources().get(0)).startsWith("SOL:constant");
    }

    @Test
    void liquidationHappensWhereMaintenanceMarginSaysItMust() {
        // equity 1000, long 100 SOL at 100 (10x); maintenance = 1/(2*20) = 2.5% of notional.
        // 1000 + 100 (p - 100) = 0.025 * 100 p  =>  p = 9000 / 97.5 = 92.3077
        CandleSeries s = new Bars("SOL").flat(2, 100).bar(100, 100, 80, 85).flat(2, 85).series();
        BacktestResult res = hold(s, SimConfig.IDEAL, Side.BUY, 100, 10, 1_000, FundingHistory.EMPTY);
        assertThat(res.liquidations()).hasSize(1);
        LiquidationRecord liq = res.liquidations().get(0);
        double pl = 9000 / 97.5;
        assertThat(liq.markPrice()).isCloseTo(pl, within(1e-9));
        assertThat(liq.size()).isEqualTo(100.0);
        assertThat(liq.equity()).isCloseTo(0.025 * 100 * pl, within(1e-6));
        int last = res.times().length - 1;
        assertThat(res.position()[0][last]).isZero(); // the run goes on flat
        assertThat(res.summary().finalEquity()).isCloseTo(1000 + 100 * (pl - 100), within(1e-6));
        assertThat(res.fills().get(1).liquidation()).isTrue();

        // one cent above the liquidation price nothing happens
        CandleSeries above = new Bars("SOL").flat(2, 100).bar(100, 100, pl + 0.01, 95).series();
        assertThat(hold(above, SimConfig.IDEAL, Side.BUY, 100, 10, 1_000, FundingHistory.EMPTY).liquidations()).isEmpty();
    }

    @Test
    void liquidationUnderRealisticCostsPaysTakerFeeAndSlippage() {
        // deep volume, so the 10% participation cap fills the whole position at once
        CandleSeries s = new Bars("SOL").bar(100, 100.5, 99.5, 100, 1e6).flat(30, 100, 1e6).bar(100, 100, 80, 85, 1e6)
                .flat(2, 85, 1e6).series();
        BacktestResult res = hold(s, SimConfig.REALISTIC, Side.BUY, 100, 10, 1_000, FundingHistory.EMPTY);
        assertThat(res.liquidations()).hasSize(1);
        LiquidationRecord liq = res.liquidations().get(0);
        assertThat(liq.price()).isLessThan(liq.markPrice());
        assertThat(liq.fee()).isCloseTo(100 * liq.price() * 4.5e-4, within(1e-9));
        assertThat(res.summary().ledgerResidual()).isCloseTo(0, within(0.005));
    }

    @Test
    void pnlPartsAddUpToTheEquityChangeToTheCent() {
        CandleSeries s = Fixtures.btcHourlyLast(2000);
        for (String profile : List.of("ideal", "seed", "realistic")) {
            FibRun r = FibRun.run(io.hypertrader.strategy.fib.FibHedgeParams.defaults(Coin.of("BTC"), Interval.H1), s,
                    SimConfig.preset(profile), 5);
            BacktestResult.Summary sm = r.result.summary();
            double change = sm.finalEquity() - sm.initialEquity();
            double parts = sm.pricePnl() - sm.fees() - sm.funding() - sm.slippage();
            assertThat(change).as(profile).isCloseTo(parts, within(0.005));
            // and per fill: fees and slippage recorded on fills sum to the totals
            double fees = r.result.fills().stream().mapToDouble(f -> f.fee()).sum();
            double slip = r.result.fills().stream().mapToDouble(f -> f.slippageCost()).sum();
            assertThat(fees).as(profile).isCloseTo(sm.fees(), within(0.005));
            assertThat(slip).as(profile).isCloseTo(sm.slippage(), within(0.005));
            if (!profile.equals("ideal")) {
                assertThat(sm.fees()).as(profile).isPositive();
                assertThat(sm.slippage()).as(profile).isPositive();
            }
        }
    }
}
