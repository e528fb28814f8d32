package io.hypertrader.analytics;

import io.hypertrader.core.Interval;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsCalculatorTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % DAY;
    // Five daily marks: returns 0.10, -0.10, 0.10, 0.10 (see MomentsTest for their moments).
    private static final long[] TIME = {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY, T0 + 4 * DAY};
    private static final double[] EQUITY = {100, 110, 99, 108.9, 119.79};
    private static final double[] PRICE = {10, 12, 9, 15, 13.5};
    private static final double[] NET = {0, 50, -50, 0, 100};
    private static final List<RoundTrip> TRADES = List.of(
            new RoundTrip(T0, T0 + DAY, 30), new RoundTrip(T0 + DAY, T0 + 3 * DAY, -10),
            new RoundTrip(T0 + DAY, T0 + DAY, 20), new RoundTrip(T0 + 2 * DAY, T0 + 4 * DAY, 0),
            new RoundTrip(T0 + 3 * DAY, T0 + 4 * DAY, -20));
    private static final List<CycleOutcome> CYCLES = List.of(
            // the capture example of docs/strategy.md: E = 100, H = 130, hedge at 0.23 locks 23.10 per coin; Q = 2 -> P&L 46.2
            new CycleOutcome(T0, T0 + DAY, 2, 100, 130, 46.2, 0.23, true, "hedge lifted"),
            // after costs: 40 / (2 * 30) = 0.6667
            new CycleOutcome(T0 + DAY, T0 + 2 * DAY, 2, 100, 130, 40, 0.23, true, "reversal"),
            // H = E: no gain to capture, left out
            new CycleOutcome(T0 + 2 * DAY, T0 + 3 * DAY, 1, 100, 100, -5, 0.23, true, "stop"),
            // still open: left out of the averages
            new CycleOutcome(T0 + 3 * DAY, T0 + 4 * DAY, 1, 100, 120, 1, 0.23, false, "end of data"));
    private static final CostTotals COSTS = new CostTotals(3, -1, 2, 500);

    private static Metrics fixture() {
        return MetricsCalculator.DEFAULT.compute(
                new PerformanceInput(Interval.D1, TIME, EQUITY, PRICE, NET, TRADES, CYCLES, COSTS),
                AnalysisOptions.single(1));
    }

    /** Buy and hold of these prices and that starting equity, computed on a fresh thread (nothing reused). */
    private static Metrics.BuyHold freshBuyHold(double[] prices, double[] equity) throws InterruptedException {
        Metrics.BuyHold[] out = new Metrics.BuyHold[1];
        Thread t = new Thread(() -> out[0] = MetricsCalculator.DEFAULT.compute(
                new PerformanceInput(Interval.D1, TIME, equity, prices, NET, TRADES, CYCLES, COSTS),
                AnalysisOptions.pointEstimates(1)).buyHold());
        t.start();
        t.join();
        return out[0];
    }

    private static Metrics.BuyHold buyHold(double[] prices, double[] equity) {
        return MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.D1, TIME, equity, prices, NET, TRADES, CYCLES,
                COSTS), AnalysisOptions.pointEstimates(1)).buyHold();
    }

    /** The buy-and-hold figures a thread reuses are those of exactly the same prices and starting equity. */
    @Test
    void buyAndHoldIsReusedOnlyForTheSamePricesAndEquity() throws InterruptedException {
        double[] otherPrice = PRICE.clone();
        otherPrice[3] = Math.nextUp(otherPrice[3]); // one price, one ulp
        double[] otherEquity = EQUITY.clone();
        otherEquity[0] = 333.3; // buy and hold scales with it (its figures may still come out the same)
        Metrics.BuyHold a = freshBuyHold(PRICE, EQUITY);
        Metrics.BuyHold b = freshBuyHold(otherPrice, EQUITY);
        Metrics.BuyHold c = freshBuyHold(PRICE, otherEquity);
        assertThat(b).isNotEqualTo(a); // so a stale reuse of a would show
        // on one thread, in an order that would hand back a stale result if the key were incomplete
        assertThat(buyHold(PRICE, EQUITY)).isEqualTo(a);
        assertThat(buyHold(PRICE.clone(), EQUITY)).isEqualTo(a);
        assertThat(buyHold(otherPrice, EQUITY)).isEqualTo(b);
        assertThat(buyHold(PRICE, otherEquity)).isEqualTo(c);
        assertThat(buyHold(PRICE, EQUITY)).isEqualTo(a);
    }

    @Test
    void returnFiguresByHand() {
        Metrics m = fixture();
        assertThat(m.sample().periodsPerYear()).isEqualTo(365.0);
        assertThat(m.sample().returns()).isEqualTo(4);
        // Y = 4 days / 365 days
        assertThat(m.sample().years()).isCloseTo(4.0 / 365.0, within(1e-15));
        // 119.79 / 100 - 1 = 0.1979
        assertThat(m.returns().totalReturn()).isCloseTo(0.1979, within(1e-12));
        // 1.1979^(365/4) - 1 = 1.43178074653719e7 (absurd on purpose: four days extrapolated to a year)
        assertThat(m.returns().cagr()).isCloseTo(1.43178074653719e7, within(1e-1));
        // s = 0.1 -> 0.1 * sqrt(365) = 1.91049731745428
        assertThat(m.returns().volatility()).isCloseTo(1.91049731745428, within(1e-12));
        // 0.05 / 0.1 * sqrt(365) = 9.5524865872714
        assertThat(m.returns().sharpe()).isCloseTo(9.5524865872714, within(1e-12));
        // downside deviation sqrt(0.01/4) = 0.05 -> 0.05/0.05 * sqrt(365) = 19.1049731745428
        assertThat(m.returns().sortino()).isCloseTo(19.1049731745428, within(1e-12));
        // CAGR / 0.1
        assertThat(m.returns().calmar()).isCloseTo(1.43178074653719e8, within(1.0));
        assertThat(m.returns().meanReturn()).isCloseTo(0.05, within(1e-15));
    }

    @Test
    void drawdownByHand() {
        Metrics.Drawdown d = fixture().drawdown();
        // peak 110 on day 1, trough 99 on day 2: 1 - 99/110 = 0.1; recovered on day 4 (119.79 >= 110)
        assertThat(d.maxDrawdown()).isCloseTo(0.1, within(1e-12));
        assertThat(d.peakTime()).isEqualTo(T0 + DAY);
        assertThat(d.troughTime()).isEqualTo(T0 + 2 * DAY);
        assertThat(d.recoveryTime()).isEqualTo(T0 + 4 * DAY);
        assertThat(d.longestMs()).isEqualTo(3 * DAY);
        assertThat(d.longestBars()).isEqualTo(3);
        assertThat(d.longestRecovered()).isTrue();
    }

    /**
     * A position worth less than the $10 minimum order is dust, not exposure (issue 12: a 1e-4 ETH
     * residue held for 17,043 bars made the time in market 0.9975): the marks that hold only dust
     * are out of the market; the exposure still counts what they hold.
     */
    @Test
    void dustBelowTheSmallestOrderIsNotTimeInMarket() {
        double[] net = {0, 50, 0.35, -9.99, 10};
        Metrics.Activity a = MetricsCalculator.DEFAULT.compute(
                new PerformanceInput(Interval.D1, TIME, EQUITY, PRICE, net, TRADES, CYCLES, COSTS), AnalysisOptions.single(1)).activity();
        assertThat(a.timeInMarket()).isCloseTo(0.4, within(1e-15)); // 50 and 10, not 0.35 or -9.99
        assertThat(a.averageExposure()).isCloseTo((50 / 110.0 + 0.35 / 99 + 9.99 / 108.9 + 10 / 119.79) / 5, within(1e-12));
    }

    @Test
    void activityByHand() {
        Metrics.Activity a = fixture().activity();
        // net != 0 at 3 of 5 marks
        assertThat(a.timeInMarket()).isCloseTo(0.6, within(1e-15));
        // (0 + 50/110 + 50/99 + 0 + 100/119.79) / 5 = (0.454545 + 0.505051 + 0.834794) / 5 = 0.3588780365639869
        assertThat(a.averageExposure()).isCloseTo(0.3588780365639869, within(1e-12));
        // mean equity (100 + 110 + 99 + 108.9 + 119.79) / 5 = 107.538; 500 / 107.538 = 4.649519239710615
        assertThat(a.turnover()).isCloseTo(4.649519239710615, within(1e-12));
        // per year: 4.649519239710615 / (4/365) = 424.2686306235936
        assertThat(a.turnoverPerYear()).isCloseTo(424.2686306235936, within(1e-9));
    }

    @Test
    void tradeStatisticsByHand() {
        Metrics.Trades t = fixture().trades();
        // P&L +30, -10, +20, 0, -20: 2 wins, 2 losses, 1 flat
        assertThat(t.count()).isEqualTo(5);
        assertThat(t.wins()).isEqualTo(2);
        assertThat(t.losses()).isEqualTo(2);
        assertThat(t.winRate()).isCloseTo(0.4, within(1e-15));           // 2 / 5
        assertThat(t.profitFactor()).isCloseTo(50.0 / 30.0, within(1e-15)); // (30 + 20) / |-10 - 20|
        assertThat(t.averageWin()).isCloseTo(25, within(1e-15));          // 50 / 2
        assertThat(t.averageLoss()).isCloseTo(-15, within(1e-15));        // -30 / 2
        assertThat(t.best()).isEqualTo(30);
        assertThat(t.worst()).isEqualTo(-20);
        // holding 1 + 2 + 0 + 2 + 1 = 6 days over 5 trades
        assertThat(t.averageHoldingMs()).isCloseTo(6.0 * DAY / 5, within(1e-6));
    }

    @Test
    void costsByHand() {
        Metrics.Costs c = fixture().costs();
        // fees 3 + funding -1 (received) + slippage 2 = 4; / E_0 100 = 0.04
        assertThat(c.total()).isEqualTo(4.0);
        assertThat(c.totalFraction()).isCloseTo(0.04, within(1e-15));
        assertThat(c.fundingFraction()).isCloseTo(-0.01, within(1e-15));
        assertThat(c.tradedNotional()).isEqualTo(500.0);
    }

    @Test
    void buyAndHoldByHand() {
        Metrics.BuyHold b = fixture().buyHold();
        // prices 10, 12, 9, 15, 13.5: return 13.5/10 - 1 = 0.35; peak 12 -> 9: drawdown 0.25
        assertThat(b.totalReturn()).isCloseTo(0.35, within(1e-12));
        assertThat(b.maxDrawdown()).isCloseTo(0.25, within(1e-12));
        // returns 0.2, -0.25, 0.6667, -0.1: mean 0.12916667; deviations 0.0708333, -0.3791667, 0.5375, -0.2291667
        // squares 0.0050174, 0.1437674, 0.2889063, 0.0525174 -> 0.4902083 / 3 = 0.1634028; s = 0.4042311
        // Sharpe = 0.12916667 / 0.4042311 * sqrt(365) = 0.3195366 * 19.1049732 = 6.1047
        assertThat(b.sharpe()).isCloseTo(6.1047, within(1e-3));
        assertThat(b.volatility()).isCloseTo(0.4042311 * 19.1049732, within(1e-5));
    }

    @Test
    void captureAgainstIdeal() {
        Metrics.Capture c = fixture().capture();
        assertThat(c.cycles()).hasSize(4);
        // 46.2 / (2 * (130 - 100)) = 0.77 = 1 - 0.23, the promise of the capture example of docs/strategy.md
        assertThat(c.cycles().get(0).capture()).isCloseTo(0.77, within(1e-12));
        assertThat(c.cycles().get(0).idealCapture()).isCloseTo(0.77, within(1e-15));
        assertThat(c.cycles().get(1).capture()).isCloseTo(40.0 / 60.0, within(1e-12));
        assertThat(c.cycles().get(2).capture()).isNaN();
        assertThat(c.counted()).isEqualTo(2);
        // mean (0.77 + 0.666667) / 2 = 0.7183333; median of two = the same
        assertThat(c.mean()).isCloseTo(0.7183333333, within(1e-9));
        assertThat(c.median()).isCloseTo(0.7183333333, within(1e-9));
        assertThat(c.idealMean()).isCloseTo(0.77, within(1e-12));
        // pooled: (46.2 + 40) / (60 + 60) = 86.2 / 120 = 0.718333 (equal gains, so equal to the mean here)
        assertThat(c.pooled()).isCloseTo(86.2 / 120, within(1e-12));
    }

    @Test
    void pooledCaptureIsNotDominatedByATinyGain() {
        // cycle 1: gain 1 * 30 = 30, P&L 23.1 (0.77); cycle 2: stopped out with gain 1 * 0.01, P&L -10 (capture -1000)
        // mean = (0.77 - 1000) / 2 = -499.615; pooled = (23.1 - 10) / (30 + 0.01) = 13.1 / 30.01 = 0.436521
        Metrics m = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.D1, TIME, EQUITY, PRICE, NET,
                TRADES, List.of(new CycleOutcome(T0, T0 + DAY, 1, 100, 130, 23.1, 0.23, true, ""),
                new CycleOutcome(T0 + DAY, T0 + 2 * DAY, 1, 100, 100.01, -10, 0.23, true, "stop")), COSTS),
                AnalysisOptions.single(1));
        assertThat(m.capture().mean()).isCloseTo(-499.615, within(1e-3));
        assertThat(m.capture().pooled()).isCloseTo(0.436521, within(1e-6));
    }

    @Test
    void bearCycleCapturesAgainstTheLowestPrice() {
        // short from E = 100, lowest price H = 70: gain 30 per coin; P&L 23.1 on 1 coin -> 0.77
        assertThat(new CycleOutcome(0, 1, 1, 100, 70, 23.1, 0.23, true, "").capture()).isCloseTo(0.77, within(1e-12));
    }

    @Test
    void significanceAndWarnings() {
        Metrics m = fixture();
        Metrics.Significance s = m.significance();
        assertThat(s.sharpePerBar()).isCloseTo(0.5, within(1e-14));
        // see SharpeRatiosTest: PSR 0.7492169731, MinTRL 18.9722 bars
        assertThat(s.probabilisticSharpe()).isCloseTo(0.7492169731438866, within(1e-12));
        assertThat(s.minTrackRecordBars()).isCloseTo(18.972206600518305, within(1e-9));
        assertThat(s.deflatedSharpe()).isEqualTo(s.probabilisticSharpe());
        assertThat(s.trials()).isEqualTo(1);
        // 4^(1/3) = 1.587 -> L = 2
        assertThat(s.meanBlockLength()).isEqualTo(2.0);
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("spans only 4 days"));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("4 bars are fewer than the 19 needed"));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("Only 5 round trips"));
        assertThat(m.warnings()).anySatisfy(w -> assertThat(w).contains("Only 2 completed cycles"));
        assertThat(fixture()).isEqualTo(m);
    }

    @Test
    void deflationUsesTheTrialsOfASweep() {
        PerformanceInput in = new PerformanceInput(Interval.D1, TIME, EQUITY, PRICE, NET, TRADES, CYCLES, COSTS);
        Metrics one = MetricsCalculator.DEFAULT.compute(in, AnalysisOptions.single(1));
        Metrics many = MetricsCalculator.DEFAULT.compute(in, AnalysisOptions.single(1).withTrials(50, 0.04));
        // 1/(50e) = 0.0073576, Phi^-1(0.9926424) = 2.43931 (table); Phi^-1(0.98) = 2.05375
        // SR0 = 0.2 * (0.42278*2.05375 + 0.57722*2.43931) = 0.2 * (0.868285 + 1.408020) = 0.455261
        // DSR = Phi((0.5 - 0.455261) * sqrt(3) / 1.2886751) = Phi(0.060132) = 0.52397
        assertThat(SharpeRatios.expectedMaxSharpe(0.04, 50)).isCloseTo(0.455261, within(2e-6));
        assertThat(many.significance().deflatedSharpe()).isCloseTo(0.52397, within(2e-5));
        assertThat(many.significance().deflatedSharpe()).isLessThan(one.significance().deflatedSharpe());
    }

    @Test
    void ruinStopsTheReturnStatistics() {
        long[] t = {T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY};
        Metrics m = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.D1, t,
                new double[]{100, 50, 0, 0}, new double[]{1, 1, 1, 1}, new double[4], List.of(), List.of(),
                CostTotals.NONE), AnalysisOptions.single(1));
        // returns -0.5, -1.0 then stop
        assertThat(m.sample().returns()).isEqualTo(2);
        assertThat(m.sample().ruinTime()).isEqualTo(T0 + 2 * DAY);
        assertThat(m.returns().cagr()).isEqualTo(-1.0);
        assertThat(m.drawdown().maxDrawdown()).isEqualTo(1.0);
        assertThat(m.warnings().get(0)).contains("ruined");
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> new PerformanceInput(Interval.H1, new long[]{2, 1}, new double[]{1, 1},
                new double[]{1, 1}, new double[2], List.of(), List.of(), CostTotals.NONE))
                .hasMessageContaining("ascending at index 1");
        assertThatThrownBy(() -> new PerformanceInput(Interval.H1, new long[]{1, 2}, new double[]{1, Double.NaN},
                new double[]{1, 1}, new double[2], List.of(), List.of(), CostTotals.NONE))
                .hasMessageContaining("equity at index 1 is NaN");
        assertThatThrownBy(() -> new PerformanceInput(Interval.H1, new long[]{1, 2}, new double[]{0, 1},
                new double[]{1, 1}, new double[2], List.of(), List.of(), CostTotals.NONE))
                .hasMessageContaining("initial equity");
    }

    @Test
    void cagrFromCalendarTime() {
        // 100 -> 121 over 2 years: sqrt(1.21) - 1 = 0.1
        assertThat(MetricsCalculator.cagr(100, 121, 2)).isCloseTo(0.1, within(1e-14));
        assertThat(MetricsCalculator.cagr(100, 0, 2)).isEqualTo(-1.0);
    }

    /** Real BTC candles: buy and hold as the strategy must match the buy-and-hold figures exactly. */
    @Test
    void realHourlyCandlesBuyAndHoldIsConsistentAndShortSampleWarns() throws IOException {
        List<String> lines = Files.readAllLines(SharedDatasets.file("coinbase-btcusd-1h-2017-2019.csv",
                "buy and hold over all 16,882 hours, through the 2017-2018 crash"));
        int n = lines.size() - 1;
        long[] t = new long[n];
        double[] close = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            t[i] = Long.parseLong(f[0]) + 3_600_000L; // marked at the bar close
            close[i] = Double.parseDouble(f[4]);
        }
        double[] equity = new double[n];
        double[] net = new double[n];
        for (int i = 0; i < n; i++) {
            equity[i] = 10_000 * close[i] / close[0];
            net[i] = equity[i];
        }
        Metrics m = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.H1, t, equity, close, net,
                List.of(), List.of(), CostTotals.NONE), AnalysisOptions.single(7));
        assertThat(m.sample().periodsPerYear()).isEqualTo(8760.0);
        // 16882 hourly marks span 16881 hours = 1.927 years
        assertThat(m.sample().years()).isCloseTo(16881.0 / 8760.0, within(1e-12));
        assertThat(m.returns().sharpe()).isCloseTo(m.buyHold().sharpe(), within(1e-9));
        assertThat(m.returns().totalReturn()).isCloseTo(m.buyHold().totalReturn(), within(1e-9));
        assertThat(m.drawdown().maxDrawdown()).isCloseTo(m.buyHold().maxDrawdown(), within(1e-12));
        // BTC from its Dec 2017 top to the Dec 2018 bottom fell more than 80 %
        assertThat(m.drawdown().maxDrawdown()).isGreaterThan(0.8);
        assertThat(m.activity().timeInMarket()).isEqualTo(1.0);
        assertThat(m.activity().averageExposure()).isCloseTo(1.0, within(1e-12));
        assertThat(m.significance().sharpeInterval().lower()).isLessThan(m.returns().sharpe());
        assertThat(m.significance().sharpeInterval().upper()).isGreaterThan(m.returns().sharpe());
        assertThat(m.warnings()).noneSatisfy(w -> assertThat(w).contains("spans only"));

        // The first 5000 bars are about 208 days: the warning must say so.
        Metrics shortRun = MetricsCalculator.DEFAULT.compute(new PerformanceInput(Interval.H1,
                java.util.Arrays.copyOf(t, 5000), java.util.Arrays.copyOf(equity, 5000),
                java.util.Arrays.copyOf(close, 5000), java.util.Arrays.copyOf(net, 5000), List.of(), List.of(),
                CostTotals.NONE), AnalysisOptions.single(7));
        assertThat(shortRun.warnings()).anySatisfy(w -> assertThat(w).contains("spans only 208 days"));
    }
}
