package io.hypertrader.bench;

import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.Timer;
import io.hypertrader.bench.refrule.MaCrossParity;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.sim.SimConfig;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DoubleNumFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark item of issue 16: the moving-average crossover of {@link MaCrossParity} on the
 * benchmark's last 5000 candles, through ta4j's {@code BarSeriesManager} (DoubleNum, prebuilt
 * series, no costs) and through our engine as a {@code ta4j-rules} strategy (ideal profile, close
 * mode, which keeps the equity curve, the ledger and the event log). Rows: the times (ta4j also with
 * its series built inside the run, as the engine builds its own), the ratio
 * against its target (ours within 2x of ta4j's), the parity check (same trades, must hold) and
 * what the realistic profile changes on the same rules.
 */
final class RulesParitySection implements BenchSection {
    static final String PREFIX = "ta4j-rules: ";
    static final String TA4J = PREFIX + "ta4j BarSeriesManager, DoubleNum";
    static final String TA4J_BUILT = PREFIX + "ta4j BarSeriesManager, DoubleNum, series built per run";
    static final String ENGINE = PREFIX + "our engine, ideal, close mode";
    static final String RATIO = PREFIX + "time of engine / ta4j DoubleNum";
    static final String PARITY = PREFIX + "same trades as ta4j (ideal)";
    static final String REALISTIC = PREFIX + "realistic profile: final equity vs ideal";

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        CandleSeries c = data.candles();
        BarSeries series = MaCrossParity.series(c, DoubleNumFactory.getInstance());
        Timer.Settings settings = Timer.Settings.of(o);
        // ta4j's indicators cache per series: each timed run gets a fresh strategy over the prebuilt series
        Measurement ta4j = Timer.measure(settings, () -> MaCrossParity.ta4j(series));
        Measurement built = Timer.measure(settings, () -> MaCrossParity.ta4j(MaCrossParity.series(c, DoubleNumFactory.getInstance())));
        Measurement engine = Timer.measure(settings, () -> MaCrossParity.engine(c, SimConfig.IDEAL));

        List<MaCrossParity.Trade3> theirs = MaCrossParity.trades(MaCrossParity.ta4j(series));
        BacktestResult ideal = MaCrossParity.engine(c, SimConfig.IDEAL);
        List<MaCrossParity.Trade3> ours = MaCrossParity.trades(ideal, c);
        BacktestResult real = MaCrossParity.engine(c, SimConfig.REALISTIC);

        List<BenchRow> rows = new ArrayList<>();
        rows.add(BenchRow.lowerIsBetter(TA4J, ta4j.medianMicros(), Double.NaN, "us")
                .withDetail(Fmt.f("%d trades; %s candles/s; ta4j 0.22.2", theirs.size(),
                        Fmt.rate(1e9 * c.size() / ta4j.medianNanos()))));
        rows.add(BenchRow.lowerIsBetter(TA4J_BUILT, built.medianMicros(), Double.NaN, "us")
                .withDetail("the engine builds its series of closed bars as it goes: this is ta4j paying the same"));
        rows.add(BenchRow.lowerIsBetter(ENGINE, engine.medianMicros(), Double.NaN, "us")
                .withDetail(Fmt.f("%d fills, equity curve of %d points, ledger residual %.1e, %d events; %s candles/s; %s",
                        ideal.fills().size(), ideal.equity().length, ideal.summary().ledgerResidual(), ideal.eventCount(),
                        Fmt.rate(1e9 * c.size() / engine.medianNanos()), data.name())));
        rows.add(BenchRow.lowerIsBetter(RATIO, engine.medianNanos() / ta4j.medianNanos(), 2, "x"));
        rows.add(BenchRow.higherIsBetter(PARITY, ours.equals(theirs) ? 1 : 0, 1, "ok")
                .withDetail(ours.equals(theirs) ? Fmt.f("%d trades at the same bars and prices", ours.size())
                        : Fmt.f("DIFFER: ta4j %d trades, engine %d", theirs.size(), ours.size())).asCheck());
        BacktestResult.Summary i = ideal.summary();
        BacktestResult.Summary r = real.summary();
        rows.add(BenchRow.higherIsBetter(REALISTIC, r.finalEquity() - i.finalEquity(), Double.NaN, "USDC")
                .withDetail(Fmt.f("realistic: %d fills (ideal %d), fees %.2f, slippage %.2f, funding %.2f USDC;"
                                + " equity %.2f vs %.2f", real.fills().size(), ideal.fills().size(), r.fees(), r.slippage(),
                        r.funding(), r.finalEquity(), i.finalEquity())));
        return rows;
    }
}
