package io.hypertrader.bench;

import java.util.Objects;

/**
 * One measured figure: the median over repetitions, its target (NaN when none) and unit.
 * Lower is better unless {@code higherIsBetter}. {@code detail} is free text printed after the
 * unit (agreement figures, spreads, why a row was skipped). A {@code mustHold} row is a
 * correctness check rather than a performance goal (e.g. "the implementations agree"): the bench
 * command fails when one misses its target. A row with a NaN median was skipped; its detail says why.
 */
public record BenchRow(String name, double median, double target, String unit, boolean higherIsBetter, String detail,
                       boolean mustHold) {
    public BenchRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        detail = detail == null ? "" : detail;
    }

    public BenchRow(String name, double median, double target, String unit, boolean higherIsBetter) {
        this(name, median, target, unit, higherIsBetter, "", false);
    }

    public static BenchRow lowerIsBetter(String name, double median, double target, String unit) {
        return new BenchRow(name, median, target, unit, false);
    }

    public static BenchRow higherIsBetter(String name, double median, double target, String unit) {
        return new BenchRow(name, median, target, unit, true);
    }

    /** A row that could not be measured in this build or environment; {@code why} is printed. */
    public static BenchRow skipped(String name, double target, String unit, String why) {
        return new BenchRow(name, Double.NaN, target, unit, false, "skipped: " + why, false);
    }

    public BenchRow withDetail(String d) {
        return new BenchRow(name, median, target, unit, higherIsBetter, d, mustHold);
    }

    /** The same row as a correctness check: missing its target fails the bench command. */
    public BenchRow asCheck() {
        return new BenchRow(name, median, target, unit, higherIsBetter, detail, true);
    }

    public boolean skipped() {
        return Double.isNaN(median);
    }

    /** True when there is a target and the median meets it (a skipped row counts as meeting it). */
    public boolean meetsTarget() {
        if (Double.isNaN(target) || skipped()) {
            return true;
        }
        return higherIsBetter ? median >= target : median <= target;
    }
}
