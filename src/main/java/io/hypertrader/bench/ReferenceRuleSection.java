package io.hypertrader.bench;

import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.harness.Timer;
import io.hypertrader.bench.refrule.ReferenceRule;
import io.hypertrader.bench.refrule.ReferenceRuleBench;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark item 2: the reference rule (see {@code refrule.ReferenceRule}) on the last 5000
 * candles of the benchmark dataset, run by the plain loop, our engine and three ta4j setups. One
 * row per implementation (time per backtest; the detail holds round trips, final equity and the
 * agreement gap), the ratios the issue sets targets on, and the agreement check, which must hold.
 */
final class ReferenceRuleSection implements BenchSection {
    static final String PREFIX = "refrule: ";
    static final String AGREEMENT = PREFIX + "implementations in agreement";
    static final String ENGINE_VS_LOOP = PREFIX + "time of engine / plain loop";
    static final String TA4J_FAST_VS_ENGINE = PREFIX + "time of ta4j DoubleNum / engine";
    static final String TA4J_DEFAULT_VS_ENGINE = PREFIX + "time of ta4j default / engine";
    static final String TA4J_FAST_VS_LOOP = PREFIX + "time of ta4j DoubleNum / plain loop";

    @Override
    public String name() {
        return "refrule";
    }

    @Override
    public List<BenchRow> run(BenchOptions o) {
        BenchDataset data = BenchDataset.load(ReferenceRule.BENCH_CANDLES);
        ReferenceRuleBench.Report report = ReferenceRuleBench.run(data.candles(),
                ReferenceRuleBench.implementations(data.candles()), Timer.Settings.of(o));
        List<BenchRow> rows = new ArrayList<>();
        for (ReferenceRuleBench.Row r : report.rows()) {
            String detail = Fmt.f("%d trips%s, equity %.6f, |d| %.1e%s; %s candles/s; %s", r.result().roundTrips(),
                    r.result().openAtEnd() ? " + open" : "", r.result().finalEquity(), r.equityGap(),
                    r.sizeGrid() >= 0 ? Fmt.f(" vs the loop on its 1e-%d size grid (%.1e vs the exact loop)",
                            r.sizeGrid(), report.gapToExact(r)) : "",
                    Fmt.rate(1e9 * report.candles() / r.time().medianNanos()),
                    r.name().startsWith("ta4j") ? "ta4j 0.22.2" : data.name());
            rows.add(BenchRow.lowerIsBetter(PREFIX + r.name(), r.time().medianMicros(), Double.NaN, "us")
                    .withDetail(r.agrees() ? detail : "DISAGREES: " + detail));
        }
        long agreeing = report.rows().stream().filter(ReferenceRuleBench.Row::agrees).count();
        rows.add(BenchRow.higherIsBetter(AGREEMENT, agreeing, report.rows().size(), "impls")
                .withDetail(Fmt.f("same fills and round trips, final equity within %.0e of the plain loop under the"
                        + " same size rules", ReferenceRuleBench.EQUITY_TOLERANCE)).asCheck());
        rows.add(BenchRow.lowerIsBetter(ENGINE_VS_LOOP, report.ratio(ReferenceRuleBench.ENGINE,
                ReferenceRuleBench.PLAIN_LOOP), 3, "x"));
        rows.add(BenchRow.higherIsBetter(TA4J_FAST_VS_ENGINE, report.ratio(ReferenceRuleBench.TA4J_DOUBLE,
                ReferenceRuleBench.ENGINE), 4, "x"));
        rows.add(BenchRow.higherIsBetter(TA4J_DEFAULT_VS_ENGINE, report.ratio(ReferenceRuleBench.TA4J_DECIMAL_DEFAULT,
                ReferenceRuleBench.ENGINE), 25, "x"));
        rows.add(BenchRow.lowerIsBetter(TA4J_FAST_VS_LOOP, report.ratio(ReferenceRuleBench.TA4J_DOUBLE,
                ReferenceRuleBench.PLAIN_LOOP), Double.NaN, "x")
                .withDetail("the issue's targets assume >= 12x (4x faster than ta4j within 3x of the loop)"));
        return rows;
    }
}
