package io.hypertrader.bench.refrule;

import io.hypertrader.bench.harness.Fmt;
import io.hypertrader.bench.harness.Measurement;
import io.hypertrader.bench.harness.Timer;
import io.hypertrader.core.CandleSeries;
import org.ta4j.core.BarSeries;
import org.ta4j.core.num.DecimalNumFactory;
import org.ta4j.core.num.DoubleNumFactory;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Benchmark item 2: the reference rule run by every implementation on the same candles, timed,
 * and checked for agreement (same round trips and fills, final equity within
 * {@value #EQUITY_TOLERANCE}). The plain loop is the baseline of the ratios.
 */
public final class ReferenceRuleBench {

    /** Largest accepted |final equity - plain loop's final equity|, quote currency. */
    public static final double EQUITY_TOLERANCE = 1e-6;

    /** Name of the baseline row. */
    public static final String PLAIN_LOOP = "plain loop (primitive arrays)";
    /** ta4j's fastest setup. */
    public static final String TA4J_DOUBLE = "ta4j 0.22.2 DoubleNum, prebuilt series";
    /** ta4j's exact type on a prebuilt series (isolates the cost of DecimalNum itself). */
    public static final String TA4J_DECIMAL_PREBUILT = "ta4j 0.22.2 DecimalNum, prebuilt series";
    /** ta4j's defaults: DecimalNum, series built from the candles for each backtest. */
    public static final String TA4J_DECIMAL_DEFAULT = "ta4j 0.22.2 DecimalNum (default), series built per run";

    /**
     * One way of running the rule.
     *
     * @param name what the row is called
     * @param run  one complete backtest of the rule; called many times, must not share mutable
     *             state between calls
     */
    public record Implementation(String name, Supplier<ReferenceRule.Result> run) {
        public Implementation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(run, "run");
        }
    }

    /**
     * One row of the table.
     *
     * @param name   implementation
     * @param result its outcome
     * @param time   time per backtest
     */
    public record Row(String name, ReferenceRule.Result result, Measurement time) {
    }

    /** All rows of one run; the first row is the baseline (the plain loop). */
    public record Report(int candles, List<Row> rows) {
        public Report {
            rows = List.copyOf(rows);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no rows");
            }
        }

        public Row baseline() {
            return rows.get(0);
        }

        /** The row with this name, or null. */
        public Row row(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
        }

        /** |final equity - baseline's final equity| of a row. */
        public double equityGap(Row r) {
            return Math.abs(r.result().finalEquity() - baseline().result().finalEquity());
        }

        /** Same round trips, same fills and final equity within {@value #EQUITY_TOLERANCE}. */
        public boolean agrees(Row r) {
            ReferenceRule.Result b = baseline().result();
            return r.result().roundTrips() == b.roundTrips() && r.result().openAtEnd() == b.openAtEnd()
                    && java.util.Arrays.equals(r.result().fillBars(), b.fillBars())
                    && equityGap(r) <= EQUITY_TOLERANCE;
        }

        public boolean allAgree() {
            return rows.stream().allMatch(this::agrees);
        }
    }

    private ReferenceRuleBench() {
    }

    /** The plain loop and the three ta4j setups on these candles (ta4j series prebuilt here, untimed). */
    public static List<Implementation> implementations(CandleSeries candles) {
        double[] h = candles.highs();
        double[] l = candles.lows();
        double[] c = candles.closes();
        BarSeries doubles = Ta4jReferenceRule.series(candles, DoubleNumFactory.getInstance());
        BarSeries decimals = Ta4jReferenceRule.series(candles, DecimalNumFactory.getInstance());
        List<Implementation> list = new ArrayList<>();
        list.add(new Implementation(PLAIN_LOOP, () -> PlainLoopReferenceRule.run(h, l, c)));
        list.add(new Implementation(TA4J_DOUBLE, () -> Ta4jReferenceRule.run(doubles)));
        list.add(new Implementation(TA4J_DECIMAL_PREBUILT, () -> Ta4jReferenceRule.run(decimals)));
        list.add(new Implementation(TA4J_DECIMAL_DEFAULT, () -> Ta4jReferenceRule.run(
                Ta4jReferenceRule.series(candles, DecimalNumFactory.getInstance()))));
        return list;
    }

    /** Runs each implementation once for its result, then times it; the first is the baseline. */
    public static Report run(int candles, List<Implementation> implementations, Timer.Settings settings) {
        List<Row> rows = new ArrayList<>();
        for (Implementation impl : implementations) {
            ReferenceRule.Result result = impl.run().get();
            Measurement time = Timer.measure(settings, impl.run());
            rows.add(new Row(impl.name(), result, time));
        }
        return new Report(candles, rows);
    }

    /** Prints the table: round trips, final equity, gap to the baseline, median time, ratio. */
    public static void print(Report report, String dataset, PrintWriter out) {
        out.println(Fmt.f("Reference rule on the last %d candles of %s (median of %d samples per row)",
                report.candles(), dataset, report.baseline().time().samples()));
        out.println(Fmt.f("  %-58s %11s %16s %10s %11s %10s %9s", "implementation", "round trips",
                "final equity", "|d equity|", "per run", "candles/s", "vs loop"));
        double base = report.baseline().time().medianNanos();
        for (Row r : report.rows()) {
            double perCandle = r.time().medianNanos() / report.candles();
            out.println(Fmt.f("  %-58s %11d %16.6f %10.1e %11s %10s %9s%s", r.name(), r.result().roundTrips(),
                    r.result().finalEquity(), report.equityGap(r), Fmt.duration(r.time().medianNanos()),
                    Fmt.rate(1e9 / perCandle), Fmt.ratio(r.time().medianNanos() / base),
                    report.agrees(r) ? "" : "  DISAGREES"));
        }
        out.println(report.allAgree()
                ? Fmt.f("  agreement: all %d implementations give %d round trips%s and final equity within %.0e of %.6f",
                        report.rows().size(), report.baseline().result().roundTrips(),
                        report.baseline().result().openAtEnd() ? " (plus one open position)" : "",
                        EQUITY_TOLERANCE, report.baseline().result().finalEquity())
                : "  agreement: FAILED, see the rows marked DISAGREES");
    }
}
