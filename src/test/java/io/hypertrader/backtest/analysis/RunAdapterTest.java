package io.hypertrader.backtest.analysis;

import io.hypertrader.store.ReportService;
import io.hypertrader.analytics.Drawdowns;
import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.PerformanceInput;
import io.hypertrader.analytics.RoundTrip;
import io.hypertrader.backtest.Bars;
import io.hypertrader.backtest.FibRun;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Side;
import io.hypertrader.report.ReportData;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.fib.FibHedgeParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunAdapterTest {
    static final Coin BTC = Coin.of("BTC");
    static CandleSeries candles;
    static FibHedgeParams params;
    static FibRun run;

    @BeforeAll
    static void runOnce() {
        candles = RealCandles.btcHourly(1500);
        params = FibHedgeParams.defaults(BTC, Interval.H1);
        run = FibRun.run(params, candles, SimConfig.REALISTIC, 7);
    }

    static RunAdapter adapter() {
        return new RunAdapter(run.result, List.of(candles), Map.of(BTC, CycleLevels.of(params)));
    }

    @Test
    void marksAreBarClosesAfterAnInitialMarkAtTheFirstOpen() {
        PerformanceInput in = adapter().performance();
        long hour = 3_600_000L;
        assertThat(in.time()).hasSize(candles.size() + 1);
        assertThat(in.time()[0]).isEqualTo(candles.openTime(0));
        for (int i = 0; i < candles.size(); i++) {
            assertThat(in.time()[i + 1]).isEqualTo(candles.openTime(i) + hour);
            assertThat(in.benchmarkPrice()[i + 1]).isEqualTo(candles.close(i));
            assertThat(in.equity()[i + 1]).isEqualTo(run.result.equity()[i]);
        }
        assertThat(in.equity()[0]).isEqualTo(10_000);
        assertThat(in.benchmarkPrice()[0]).isEqualTo(candles.open(0));
        assertThat(in.netExposure()[0]).isZero();
        int k = candles.size() / 2;
        assertThat(in.netExposure()[k + 1]).isCloseTo(run.result.position()[0][k] * run.result.mark()[0][k], within(1e-9));
    }

    @Test
    void metricsAgreeWithTheEngineLedgerAndTheCycles() {
        RunAdapter a = adapter();
        Metrics m = a.metrics();
        var s = run.result.summary();
        assertThat(m.returns().totalReturn()).isCloseTo(s.totalReturn(), within(1e-12));
        assertThat(m.returns().finalEquity()).isEqualTo(s.finalEquity());
        assertThat(m.costs().fees()).isEqualTo(s.fees());
        assertThat(m.costs().funding()).isEqualTo(s.funding());
        // the engine's peak also starts at the initial equity: both drawdowns agree
        assertThat(m.drawdown().maxDrawdown()).isCloseTo(s.maxDrawdown(), within(1e-12));
        assertThat(run.result.cycles()).isNotEmpty();
        long complete = run.result.cycles().stream().filter(CycleRecord::complete).count();
        assertThat(m.trades().count()).isEqualTo((int) complete);
        double cyclePnl = run.result.cycles().stream().filter(CycleRecord::complete).mapToDouble(CycleRecord::pnl).sum();
        double tripPnl = a.roundTrips().stream().mapToDouble(RoundTrip::netPnl).sum();
        assertThat(tripPnl).isCloseTo(cyclePnl, within(1e-9));
        for (int i = 0; i < m.capture().cycles().size(); i++) {
            Metrics.CycleCapture cc = m.capture().cycles().get(i);
            CycleRecord rec = a.cycles().get(i);
            if (!Double.isNaN(rec.capture())) {
                assertThat(cc.capture()).as("cycle %d", i + 1).isCloseTo(rec.capture(), within(1e-9));
            }
            assertThat(cc.idealCapture()).isCloseTo(1 - 0.236, within(1e-12));
        }
    }

    @Test
    void workedExampleShowsCaptureAgainstTheIdealOfSection8() {
        FibHedgeParams d = FibHedgeParams.defaults(BTC, Interval.H1);
        FibHedgeParams p = new FibHedgeParams(d.coin(), d.interval(), d.thesis(), d.trigger(),
                new FibHedgeParams.Levels(0.23, 0.38, 0.50, List.of(0.618)), d.exposure(), d.arm(), d.entry(),
                d.hedgeExit(), d.reversal(), d.longStop(), d.sizing(), d.profit());
        Bars b = new Bars("BTC").flat(50, 100).bar(100, 110, 100, 110).bar(110, 120, 110, 120)
                .bar(120, 130, 120, 130).bar(130, 130, 119, 121).to(125).to(131).to(132);
        FibRun r = FibRun.run(p, b.series(), SimConfig.IDEAL, 1);
        RunAdapter a = new RunAdapter(r.result, List.of(b.series()), Map.of(BTC, CycleLevels.of(p)));
        Metrics m = a.metrics();
        Metrics.CycleCapture first = m.capture().cycles().get(0);
        assertThat(first.complete()).isTrue();
        assertThat(first.capture()).isCloseTo(0.77, within(1e-12));
        assertThat(first.idealCapture()).isCloseTo(0.77, within(1e-12));
        ReportData data = a.reportData("worked", "worked example", new LinkedHashMap<>(), m);
        ReportData.Cycle c = data.cycles().get(0);
        assertThat(c.levels()).extracting(ReportData.Level::ratio).containsExactly(0.23, 0.38, 0.5, 0.618);
        assertThat(c.levels().get(0).price()).isCloseTo(123.10, within(1e-9));
        assertThat(data.fills().get(1).price()).isCloseTo(123.10, within(1e-9));
        // FULL -> HEDGED: one sell of Q halves the long leg and opens the short leg
        assertThat(data.fills().get(1).leg()).isEqualTo("long+short");
        assertThat(data.fills().get(0).leg()).isEqualTo("long");
    }

    @Test
    void roundTripsFromFillsSplitAFlipThroughZero() {
        List<Fill> fills = List.of(
                new Fill(1, BTC, Side.BUY, 1000, 100, 1, 1.0, false, 100, 0, false),
                new Fill(2, BTC, Side.SELL, 2000, 110, 2, 2.0, false, 110, 0, false),
                new Fill(3, BTC, Side.BUY, 3000, 105, 1, 1.0, false, 105, 0, false),
                new Fill(4, BTC, Side.BUY, 4000, 90, 0.5, 0.5, false, 90, 0, false));
        List<RoundTrip> trips = RunAdapter.roundTripsFromFills(fills, Long.MIN_VALUE);
        // long 1 @100 -> 110: +10 - fee 1 - half of the flip's fee 2 = 8; short 1 @110 -> 105: +5 - 1 - 1 = 3
        assertThat(trips).containsExactly(new RoundTrip(1000, 2000, 8.0), new RoundTrip(2000, 3000, 3.0));
        assertThat(RunAdapter.roundTripsFromFills(fills, 2500)).isEmpty();
    }

    @Test
    void roundTripsFromFillsAverageAddsIntoOneTripNetOfFees() {
        List<RoundTrip> trips = RunAdapter.roundTripsFromFills(List.of(
                new Fill(1, BTC, Side.BUY, 1, 100, 2, 0.2, false, 100, 0, false),
                new Fill(2, BTC, Side.BUY, 2, 110, 1, 0.1, false, 110, 0, false),     // adds: average 103.33
                new Fill(3, BTC, Side.SELL, 3, 120, 3, 0.3, false, 120, 0, false)),   // closes: 360 - 310 - 0.6 fees
                Long.MIN_VALUE);
        assertThat(trips).hasSize(1);
        assertThat(trips.get(0).openTime()).isEqualTo(1);
        assertThat(trips.get(0).closeTime()).isEqualTo(3);
        assertThat(trips.get(0).netPnl()).isCloseTo(49.4, within(1e-9));
    }

    @Test
    void roundTripsFromFillsLeaveAPositionStillOpenOut() {
        List<RoundTrip> trips = RunAdapter.roundTripsFromFills(List.of(
                new Fill(1, BTC, Side.BUY, 1, 100, 1, 0.1, false, 100, 0, false),
                new Fill(2, BTC, Side.SELL, 2, 90, 3, 0.3, false, 90, 0, false),     // closes the long (fee 0.1), opens a 2 short (fee 0.2)
                new Fill(3, BTC, Side.BUY, 3, 80, 2, 0.2, false, 80, 0, false),      // closes the short: +20 - 0.2 - 0.2
                new Fill(4, BTC, Side.BUY, 4, 80, 1, 0.1, false, 80, 0, false)),     // opens a long that never closes
                Long.MIN_VALUE);
        assertThat(trips).hasSize(2);
        assertThat(trips.get(0).netPnl()).isCloseTo(-10 - 0.1 - 0.1, within(1e-9));
        assertThat(trips.get(1).openTime()).isEqualTo(2);
        assertThat(trips.get(1).netPnl()).isCloseTo(20 - 0.2 - 0.2, within(1e-9));
    }

    @Test
    void evaluationWindowStartsAtTheFirstBarAtOrAfterIt() {
        long from = candles.openTime(500);
        RunAdapter a = new RunAdapter(run.result, List.of(candles), Map.of(BTC, CycleLevels.of(params)), from);
        PerformanceInput in = a.performance();
        assertThat(in.time()).hasSize(candles.size() - 500 + 1);
        assertThat(in.time()[0]).isEqualTo(from);
        assertThat(in.equity()[0]).isEqualTo(run.result.equity()[499]);
        assertThat(in.equity()[1]).isEqualTo(run.result.equity()[500]);
        assertThat(Drawdowns.series(in.equity())[0]).isZero();
    }

    @Test
    void reportIsWrittenWithCaptureChartAndCycles(@TempDir Path dir) throws Exception {
        LinkedHashMap<String, String> manifest = new LinkedHashMap<>();
        manifest.put("seed", "7");
        LinkedHashMap<String, Double> weights = new LinkedHashMap<>();
        weights.put("BTC", 1.0);
        LinkedHashMap<String, String> sources = new LinkedHashMap<>();
        sources.put("BTC", "coinbase");
        Path index = ReportService.writeFor(run.result, List.of(candles), Map.of(BTC, CycleLevels.of(params)), "r-test",
                "fib-hedge BTC 1h", manifest, weights, null, sources, dir);
        assertThat(index).isEqualTo(dir.resolve("r-test").resolve("index.html").toAbsolutePath());
        for (String f : List.of("index.html", "capture.png", "equity.png", "metrics.json", "trades.csv", "equity.csv",
                "cycles.csv")) {
            assertThat(dir.resolve("r-test").resolve(f)).as(f).isNotEmptyFile();
        }
        String html = Files.readString(index);
        assertThat(html).contains("Cycle capture (median)").contains("ideal 76.40 %");
        assertThat(Files.readAllLines(dir.resolve("r-test/trades.csv"))).hasSize(run.result.fills().size() + 1);
    }
}
