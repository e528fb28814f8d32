package io.hypertrader.bench;

/**
 * One measured figure: the median over repetitions, its target (NaN when none) and unit.
 * Lower is better unless {@code higherIsBetter}.
 */
public record BenchRow(String name, double median, double target, String unit, boolean higherIsBetter) {
    public static BenchRow lowerIsBetter(String name, double median, double target, String unit) {
        return new BenchRow(name, median, target, unit, false);
    }

    /** True when there is a target and the median meets it. */
    public boolean meetsTarget() {
        if (Double.isNaN(target)) {
            return true;
        }
        return higherIsBetter ? median >= target : median <= target;
    }
}
