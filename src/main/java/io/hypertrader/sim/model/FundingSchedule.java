package io.hypertrader.sim.model;

/**
 * The funding payments a run will apply to one coin, precomputed before the replay so the loop
 * only advances an index: at {@code times[i]} a position of signed size s pays s * mark * rates[i]
 * (negative payment = received). {@code fromHistory} and {@code fromFallback} count payments
 * taken from stored history and from the configured constant rate, for the report.
 */
public record FundingSchedule(long[] times, double[] rates, int fromHistory, int fromFallback) {
    public static final FundingSchedule NONE = new FundingSchedule(new long[0], new double[0], 0, 0);

    public int size() {
        return times.length;
    }

    /** "none", "history", "constant" or "history+constant": where the rates came from. */
    public String source() {
        if (fromHistory > 0 && fromFallback > 0) {
            return "history+constant";
        }
        return fromHistory > 0 ? "history" : fromFallback > 0 ? "constant" : "none";
    }
}
