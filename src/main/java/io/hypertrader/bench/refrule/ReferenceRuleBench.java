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
    public static final String PLAIN_LOOP = "plain loop over primitive arrays";
    /** Our engine: Backtester + simulator (ideal profile, 4.5 bp taker fee), close mode. */
    public static final String ENGINE = "our engine (ideal + 4.5 bp fee, close mode)";
    /** ta4j's fastest setup. */
    public static final String TA4J_DOUBLE = "ta4j DoubleNum, prebuilt series";
    /** ta4j's exact type on a prebuilt series (isolates the cost of DecimalNum itself). */
    public static final String TA4J_DECIMAL_PREBUILT = "ta4j DecimalNum, prebuilt series";
    /** ta4j's defaults: DecimalNum, series built from the candles for each backtest. */
    public static final String TA4J_DECIMAL_DEFAULT = "ta4j DecimalNum, series built per run (default)";

    /**
     * One way of running the rule.
     *
     * @param name       what the row is called
     * @param run        one complete backtest of the rule; called many times, must not share
     *                   mutable state between calls
     * @param sizeGrid   size decimals the implementation rounds its buys to (an exchange's size
     *                   step, 10^-sizeGrid coin), or -1 for exact all-in sizes; its result is
     *                   compared with the plain loop under the same rounding
     */
    public record Implementation(String name, Supplier<ReferenceRule.Result> run, int sizeGrid) {
        public Implementation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(run, "run");
            if (sizeGrid < -1) {
                throw new IllegalArgumentException("sizeGrid must be -1 (none) or >= 0, got " + sizeGrid);
            }
        }

        /** An implementation with exact all-in sizes. */
        public Implementation(String name, Supplier<ReferenceRule.Result> run) {
            this(name, run, -1);
        }
    }

    /**
     * One row of the table.
     *
     * @param name      implementation
     * @param result    its outcome
     * @param reference the plain loop's outcome under the same size rounding (the plain loop's own
     *                  for exact implementations)
     * @param sizeGrid  as {@link Implementation#sizeGrid()}
     * @param time      time per backtest
     */
    public record Row(String name, ReferenceRule.Result result, ReferenceRule.Result reference, int sizeGrid,
                      Measurement time) {

        /** |final equity - the reference's|: the agreement figure, quote currency. */
        public double equityGap() {
            return Math.abs(result.finalEquity() - reference.finalEquity());
        }

        /** Same round trips, fills and open position as the reference, equity within {@value #EQUITY_TOLERANCE}. */
        public boolean agrees() {
            return result.roundTrips() == reference.roundTrips() && result.openAtEnd() == reference.openAtEnd()
                    && java.util.Arrays.equals(result.fillBars(), reference.fillBars())
                    && equityGap() <= EQUITY_TOLERANCE;
        }
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

        /** |final equity - the plain loop's exact final equity| of a row (includes any size-grid effect). */
        public double gapToExact(Row r) {
            return Math.abs(r.result().finalEquity() - baseline().result().finalEquity());
        }

        public boolean allAgree() {
            return rows.stream().allMatch(Row::agrees);
        }

        /** Median time of a row divided by the median time of another, or NaN when either is missing. */
        public double ratio(String slower, String faster) {
            Row a = row(slower);
            Row b = row(faster);
            return a == null || b == null ? Double.NaN : a.time().medianNanos() / b.time().medianNanos();
        }
    }

    private ReferenceRuleBench() {
    }

    /** The plain loop, our engine and the three ta4j setups on these candles (ta4j series prebuilt here, untimed). */
    public static List<Implementation> implementations(CandleSeries candles) {
        double[] h = candles.highs();
        double[] l = candles.lows();
        double[] c = candles.closes();
        BarSeries doubles = Ta4jReferenceRule.series(candles, DoubleNumFactory.getInstance());
        BarSeries decimals = Ta4jReferenceRule.series(candles, DecimalNumFactory.getInstance());
        List<Implementation> list = new ArrayList<>();
        list.add(new Implementation(PLAIN_LOOP, () -> PlainLoopReferenceRule.run(h, l, c)));
        list.add(new Implementation(ENGINE, () -> EngineReferenceRule.run(candles), EngineReferenceRule.SZ_DECIMALS));
        list.add(new Implementation(TA4J_DOUBLE, () -> Ta4jReferenceRule.run(doubles)));
        list.add(new Implementation(TA4J_DECIMAL_PREBUILT, () -> Ta4jReferenceRule.run(decimals)));
        list.add(new Implementation(TA4J_DECIMAL_DEFAULT, () -> Ta4jReferenceRule.run(
                Ta4jReferenceRule.series(candles, DecimalNumFactory.getInstance()))));
        return list;
    }

    /**
     * Runs each implementation once for its result, then times it. The first implementation must
     * be the plain loop without a size grid (the baseline); rows with a size grid are compared with
     * the plain loop on the same grid.
     */
    public static Report run(CandleSeries candles, List<Implementation> implementations, Timer.Settings settings) {
        List<Row> rows = new ArrayList<>();
        ReferenceRule.Result exact = null;
        for (Implementation impl : implementations) {
            ReferenceRule.Result result = impl.run().get();
            if (exact == null) {
                if (impl.sizeGrid() != -1) {
                    throw new IllegalArgumentException("the first implementation must be exact (the baseline)");
                }
                exact = result;
            }
            ReferenceRule.Result reference = impl.sizeGrid() < 0 ? exact
                    : PlainLoopReferenceRule.runOnSizeGrid(candles.highs(), candles.lows(), candles.closes(), impl.sizeGrid());
            Measurement time = Timer.measure(settings, impl.run());
            rows.add(new Row(impl.name(), result, reference, impl.sizeGrid(), time));
        }
        return new Report(candles.size(), rows);
    }

    /** Prints the table: round trips, final equity, agreement gap, median time, ratio to the loop. */
    public static void print(Report report, String dataset, PrintWriter out) {
        out.println(Fmt.f("Reference rule on the last %d candles of %s (ta4j 0.22.2; median of %d samples per row)",
                report.candles(), dataset, report.baseline().time().samples()));
        out.println(Fmt.f("  %-50s %6s %16s %10s %11s %10s %9s", "implementation", "trips",
                "final equity", "|d equity|", "per run", "candles/s", "vs loop"));
        double base = report.baseline().time().medianNanos();
        List<String> notes = new ArrayList<>();
        for (Row r : report.rows()) {
            double perCandle = r.time().medianNanos() / report.candles();
            String mark = "";
            if (r.sizeGrid() >= 0) {
                notes.add(Fmt.f("(%d) %s: |d equity| is against the plain loop with buys rounded down to the venue's"
                        + " size step of 1e-%d coin, as the venue requires; against the exact loop it is %.1e"
                        + " (%.1e relative), the cash a whole-step size leaves uninvested.", notes.size() + 1,
                        r.name(), r.sizeGrid(), report.gapToExact(r),
                        report.gapToExact(r) / report.baseline().result().finalEquity()));
                mark = "(" + notes.size() + ")";
            }
            out.println(Fmt.f("  %-50s %6d %16.6f %10.1e %11s %10s %9s%s%s", r.name(), r.result().roundTrips(),
                    r.result().finalEquity(), r.equityGap(), Fmt.duration(r.time().medianNanos()),
                    Fmt.rate(1e9 / perCandle), Fmt.ratio(r.time().medianNanos() / base), mark,
                    r.agrees() ? "" : "  DISAGREES"));
        }
        for (String n : notes) {
            out.println("  " + n);
        }
        out.println(report.allAgree()
                ? Fmt.f("  agreement: all %d implementations make the same %d fills (%d round trips%s) and final equity"
                        + " within %.0e", report.rows().size(), report.baseline().result().fillBars().length,
                        report.baseline().result().roundTrips(),
                        report.baseline().result().openAtEnd() ? " plus one open position" : "", EQUITY_TOLERANCE)
                : "  agreement: FAILED, see the rows marked DISAGREES");
        double engineVsLoop = report.ratio(ENGINE, PLAIN_LOOP);
        if (!Double.isNaN(engineVsLoop)) {
            out.println(Fmt.f("  targets: engine / plain loop %s (target <= 3x); ta4j DoubleNum / engine %s (target >= 4x);"
                            + " ta4j default / engine %s (target >= 25x)", Fmt.ratio(engineVsLoop),
                    Fmt.ratio(report.ratio(TA4J_DOUBLE, ENGINE)), Fmt.ratio(report.ratio(TA4J_DECIMAL_DEFAULT, ENGINE))));
        }
    }
}
