package io.hypertrader.strategy.rules;

/**
 * The fib-hedge's {@link BarFilters} at run time: the closed bars, the compiled conditions and
 * what each said at the last close. The strategy calls {@link #barClosed} from its
 * {@code onBarClose} and reads {@link #entryOpen()} and friends from its price rules, so a filter
 * changes only at a bar close: constant over every price point of the next bar, which is what
 * keeps the quiet-bar fast path exact (a bar's points all see the same gates in both paths).
 *
 * <p>Not part of the strategy's saved state: it is a function of the closed bars, which a runner
 * feeds again at every start (its warm-up), so it is rebuilt rather than restored.
 */
public final class FilterGate {
    private final ClosedBars bars;
    private final ClosedBars.Condition entry;
    private final ClosedBars.Condition arming;
    private final ClosedBars.Condition reentry;
    private boolean entryOpen;
    private boolean armingOpen;
    private boolean reentryOpen;

    public FilterGate(BarFilters filters, long barMs) {
        this.bars = new ClosedBars(barMs);
        this.entry = bars.condition(filters.entry(), filters.params());
        this.arming = bars.condition(filters.arming(), filters.params());
        this.reentry = bars.condition(filters.reentry(), filters.params());
        update();
    }

    /** Closed bars the slowest condition needs before it can hold. */
    public static int unstableBars(BarFilters f) {
        int n = 0;
        for (String s : new String[]{f.entry(), f.arming(), f.reentry()}) {
            if (s != null) {
                n = Math.max(n, RuleCompiler.check(s, f.params()));
            }
        }
        return n;
    }

    public void barClosed(long openTimeMs, double open, double high, double low, double close, double volume) {
        bars.add(openTimeMs, open, high, low, close, volume);
        update();
    }

    private void update() {
        entryOpen = entry == null || entry.holds();
        armingOpen = arming == null || arming.holds();
        reentryOpen = reentry == null || reentry.holds();
    }

    /** Whether an entry from FLAT may happen (as of the last close). */
    public boolean entryOpen() {
        return entryOpen;
    }

    /** Whether the hedge may be armed. */
    public boolean armingOpen() {
        return armingOpen;
    }

    /** Whether a re-entry after a stop may happen. */
    public boolean reentryOpen() {
        return reentryOpen;
    }
}
