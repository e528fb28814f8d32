package io.hypertrader.strategy;

/**
 * Opt-in for the replay's quiet-bar fast path (a backtest concern, so not on {@link Strategy}):
 * a strategy that can take a whole bar at once when nothing in it would make it act. The replay
 * source offers a bar only to a strategy that implements this; every other strategy sees every
 * bar point by point, which is always correct. See docs/engine.md, "Quiet bars".
 */
public interface QuietBarAbsorber {

    /**
     * The whole bar at once, instead of its price points through {@link Strategy#onPrice} and then
     * {@link Strategy#onBarClose}. If none of the bar's points would make the strategy act (send
     * or cancel an order, change its target or state, journal anything), apply exactly what those
     * calls would have done (tracked extremes, indicators, bar counters) and return true.
     * Otherwise change nothing and return false: the driver then replays the bar point by point.
     * Must not touch the venue, and the legs a {@link LegView} reports must not change (absorbing
     * a bar is never a transition). An implementation is checked against the point-by-point replay
     * by the engine's equivalence tests.
     */
    boolean absorbQuietBar(QuietBar bar);

    /** What a strategy wrapping {@code inner} answers: the inner strategy's absorb, or a decline when it cannot absorb. */
    static boolean offer(Strategy inner, QuietBar bar) {
        return inner instanceof QuietBarAbsorber a && a.absorbQuietBar(bar);
    }
}
