package io.hypertrader.bench.refrule;

import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark's reference rule: a long-only trailing-retracement rule on bar closes, stated
 * once here so that every implementation (plain loop, ta4j, our engine) computes the same thing.
 *
 * <p>Over bars {@code 0..n-1} of one series (in the benchmark: the last 5000 candles):
 * <ol>
 *   <li>Start flat with {@value #INITIAL_CASH} of cash. Buy at the close of bar
 *       {@value #FIRST_ENTRY_BAR} (0-based). Nothing happens before it.</li>
 *   <li>In a position entered at close {@code E} on bar {@code e}:
 *       {@code H = max(E, high of bars e+1..i)}. On bar {@code i > e} sell at {@code close[i]} when
 *       {@code H - E >= 0.02 E} and {@code close[i] <= H - 0.236 (H - E)}.</li>
 *   <li>Flat after an exit at {@code X = close[x]} with {@code H_prev} the {@code H} at that exit:
 *       {@code L = min(X, low of bars x+1..j)}. On bar {@code j > x} buy at {@code close[j]} when
 *       {@code close[j] >= L + 0.382 (H_prev - L)}.</li>
 *   <li>At most one action per bar (a fill's bar never sees a second fill). Fills at the signal
 *       bar's close, no slippage.</li>
 * </ol>
 *
 * <p>Accounting (all in quote currency): a fee of {@value #FEE_RATE} (4.5 bp) of notional per
 * fill. All-in with compounding: a buy spends the whole cash, fee included, so it buys
 * {@code qty = cash / (close (1 + fee))}; a sell of {@code qty} returns
 * {@code qty close (1 - fee)}. The final equity is the cash when flat, otherwise
 * {@code qty * last close} (marked to market, no hypothetical exit fee). A round trip is a
 * completed buy then sell; a position still open at the end is not one.
 *
 * <p>Expressions are evaluated in exactly the order written above ({@code MIN_RUN * E},
 * {@code H - EXIT_RETRACE * (H - E)}, {@code L + REENTRY_BOUNCE * (H_prev - L)}) so that double
 * implementations take identical decisions; exact-decimal implementations can only differ on a
 * price that lands exactly on a threshold.
 */
public final class ReferenceRule {

    /** Bar index (0-based, within the series) of the unconditional first buy. */
    public static final int FIRST_ENTRY_BAR = 50;
    /** Minimum run-up {@code (H - E) / E} before an exit may trigger. */
    public static final double MIN_RUN = 0.02;
    /** Exit when the close gives back this fraction of the run {@code H - E}. */
    public static final double EXIT_RETRACE = 0.236;
    /** Re-enter when the close recovers this fraction of {@code H_prev - L}. */
    public static final double REENTRY_BOUNCE = 0.382;
    /** Fee per fill as a fraction of notional (4.5 bp). */
    public static final double FEE_RATE = 0.00045;
    /** Starting cash, quote currency. */
    public static final double INITIAL_CASH = 10_000.0;
    /** Number of candles the benchmark runs the rule on (the last ones of the dataset). */
    public static final int BENCH_CANDLES = 5000;

    private ReferenceRule() {
    }

    /**
     * The outcome of one run of the reference rule.
     *
     * @param roundTrips  completed buy-then-sell pairs
     * @param finalEquity cash, or the open position marked at the last close (quote currency)
     * @param openAtEnd   whether a position is still open after the last bar
     * @param fillBars    bar indices (0-based, within the series) of every fill in order: buys at
     *                    even positions, sells at odd ones
     */
    public record Result(int roundTrips, double finalEquity, boolean openAtEnd, int[] fillBars) {
        public Result {
            if (roundTrips < 0) {
                throw new IllegalArgumentException("roundTrips < 0: " + roundTrips);
            }
            if (!(finalEquity >= 0) || Double.isInfinite(finalEquity)) {
                throw new IllegalArgumentException("finalEquity not a finite non-negative number: " + finalEquity);
            }
            if (fillBars.length != 2 * roundTrips + (openAtEnd ? 1 : 0)) {
                throw new IllegalArgumentException("fills " + fillBars.length + " do not match " + roundTrips
                        + " round trips" + (openAtEnd ? " plus an open position" : ""));
            }
            for (int k = 1; k < fillBars.length; k++) {
                if (fillBars[k] <= fillBars[k - 1]) {
                    throw new IllegalArgumentException("two fills on or out of order at bar " + fillBars[k]);
                }
            }
        }

        /** Compares by value (a record compares arrays by identity). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && r.roundTrips == roundTrips && r.openAtEnd == openAtEnd
                    && Double.compare(r.finalEquity, finalEquity) == 0 && Arrays.equals(r.fillBars, fillBars);
        }

        @Override
        public int hashCode() {
            return 31 * Double.hashCode(finalEquity) + Arrays.hashCode(fillBars);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Result[roundTrips=%d, finalEquity=%.6f, openAtEnd=%b, fills=%d]",
                    roundTrips, finalEquity, openAtEnd, fillBars.length);
        }
    }
}
