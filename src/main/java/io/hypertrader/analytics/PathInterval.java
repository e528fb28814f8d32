package io.hypertrader.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The same backtest under each intrabar path assumption (which of a bar's extremes the price
 * visits first: docs/simulator.md, "The bar path"), and the interval its results span. A candle does not say
 * whether its high or its low came first; when the answer decides the result, the single run's
 * figures mean little, and the report says so.
 *
 * <p>The results disagree materially when the largest final equity exceeds the smallest by more
 * than {@link #RATIO_LIMIT} (25 %), or when the returns differ in sign.
 *
 * @param mainMode the path mode of the run itself (one of the outcomes)
 * @param outcomes one per path mode, in the simulator's order of modes
 */
public record PathInterval(String mainMode, List<Outcome> outcomes) {
    /** Max / min final equity above this is a material disagreement. */
    public static final double RATIO_LIMIT = 1.25;

    /** The run under one path mode. */
    public record Outcome(String mode, double finalEquity, double totalReturn, double maxDrawdown, String eventLogSha256) {
        public Outcome {
            Objects.requireNonNull(mode, "mode");
            eventLogSha256 = eventLogSha256 == null ? "" : eventLogSha256;
        }
    }

    public PathInterval {
        outcomes = List.copyOf(outcomes);
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("a path interval needs at least one outcome");
        }
        Objects.requireNonNull(mainMode, "mainMode");
    }

    public double minFinalEquity() {
        return outcomes.stream().mapToDouble(Outcome::finalEquity).min().orElseThrow();
    }

    public double maxFinalEquity() {
        return outcomes.stream().mapToDouble(Outcome::finalEquity).max().orElseThrow();
    }

    public double minReturn() {
        return outcomes.stream().mapToDouble(Outcome::totalReturn).min().orElseThrow();
    }

    public double maxReturn() {
        return outcomes.stream().mapToDouble(Outcome::totalReturn).max().orElseThrow();
    }

    public double minDrawdown() {
        return outcomes.stream().mapToDouble(Outcome::maxDrawdown).min().orElseThrow();
    }

    public double maxDrawdown() {
        return outcomes.stream().mapToDouble(Outcome::maxDrawdown).max().orElseThrow();
    }

    /** Max / min final equity; infinite when the smallest is at or below 0 (a ruin). */
    public double ratio() {
        double lo = minFinalEquity();
        return lo > 0 ? maxFinalEquity() / lo : Double.POSITIVE_INFINITY;
    }

    /** True when the path assumption changes the result materially (ratio above 1.25 or returns of both signs). */
    public boolean disagrees() {
        return ratio() > RATIO_LIMIT || (minReturn() < 0 && maxReturn() > 0);
    }

    /** The mode with the smallest final equity. */
    public Outcome worst() {
        return outcomes.stream().min(java.util.Comparator.comparingDouble(Outcome::finalEquity)).orElseThrow();
    }

    /** The mode with the largest final equity. */
    public Outcome best() {
        return outcomes.stream().max(java.util.Comparator.comparingDouble(Outcome::finalEquity)).orElseThrow();
    }

    /** The plain warning when the results disagree materially, else null. */
    public String warning() {
        if (!disagrees()) {
            return null;
        }
        Outcome w = worst(), b = best();
        String why = minReturn() < 0 && maxReturn() > 0 ? "the returns differ in sign" : String.format(Locale.ROOT,
                "the largest final equity is %.2fx the smallest (above %.2fx)", ratio(), RATIO_LIMIT);
        return String.format(Locale.ROOT, "The intrabar path decides this result: final equity runs from %.2f (%s) to"
                        + " %.2f (%s) and the return from %+.1f%% to %+.1f%% over the %d path assumptions; %s. A candle does"
                        + " not say whether its high or its low came first. Replay the bars through finer candles with"
                        + " --detail INTERVAL (e.g. --detail 1m) to narrow it; until then read every figure of this report"
                        + " as one of these outcomes.", w.finalEquity(), w.mode(), b.finalEquity(), b.mode(),
                minReturn() * 100, maxReturn() * 100, outcomes.size(), why);
    }
}
