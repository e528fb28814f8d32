package io.hypertrader.strategy;

import io.hypertrader.core.Coin;

/**
 * A strategy whose whole state can be captured and restored, so that a runner survives a
 * restart without forgetting where it was (a DEEP short must not come back as a fresh long).
 *
 * <p><b>The contract.</b> A fresh instance (same class, same parameters) that is given a
 * {@link #snapshot()} through {@link #restore} behaves from then on exactly as the instance the
 * snapshot was taken from: the same orders, fills, transitions and cycles for the same prices,
 * bar closes and order events. {@code snapshot} may be called only between callbacks (inside one
 * the strategy is mid-decision); it is cheap enough for every callback and has no side effects.
 * A snapshot holds everything that decides the future, including the ids of the orders the
 * strategy waits on and its own view of its position; it does not hold what the context
 * provides again (venue, journal, the coin's grid).
 *
 * <p><b>Restart protocol</b> (proposed to the runners; the rule for each case is theirs to
 * apply, the facts come from here):
 * <ol>
 *   <li><b>Journal.</b> After each callback that changed the state (at least every transition,
 *       and every order sent or finished), journal {@code snapshot().format()}. Orders the
 *       callback submitted should be journaled with that snapshot before they leave, otherwise
 *       a crash between sending and journaling leaves an order the restored state does not
 *       know of (step 4 then halts rather than guess).</li>
 *   <li><b>Restore.</b> On start: a new instance, {@link #start}, then {@link #restore} with the
 *       last journaled state, before any price. Restore refuses a state of another strategy,
 *       coin, thesis, parameter set or version with a {@link StrategyStateException} naming the
 *       difference: the runner halts with it, it never falls back to a fresh strategy while a
 *       state exists. The restored state's {@link #summary()} starts with its name, for a
 *       journal line such as {@code restore: HEDGED BTC bull Q=0.73 ...}.</li>
 *   <li><b>Orders.</b> For each id in {@link PositionExpectation#ordersInFlight()} the runner
 *       re-reads the order at the exchange and hands the strategy, through
 *       {@link #onOrderEvent}, the fills it has not seen and the final event (an order the
 *       exchange never received ends as rejected). An order still resting stays open and its
 *       events arrive as usual.</li>
 *   <li><b>Position.</b> Then {@link #expectation} per coin against the exchange's position,
 *       {@link PositionExpectation#reconcile}: where they agree (within what the strategy
 *       itself would not trade) and nothing is pending, trading resumes without an order; where
 *       they agree and the strategy had decided a target it has not reached, it completes that
 *       decision at its next price; where they disagree (a manual trade, a fill missed while
 *       down), the runner halts and says what differs ({@link PositionExpectation#describe}).
 *       A restored strategy never re-enters blind: a restart in HEDGED, SCALED, DEEP or
 *       RECOVERING at target leaves the position as it was.</li>
 * </ol>
 */
public interface StatefulStrategy extends Strategy {

    /** The whole state now; call between callbacks only. */
    StrategyState snapshot();

    /**
     * False for a strategy whose memory does not fit a saved state (a ta4j-rules strategy: its
     * closed bars and ta4j's trading records): a paper restart then starts it fresh on the warm-up
     * bars, and the restart rule requires its coin to be flat.
     */
    default boolean restorable() {
        return true;
    }

    /**
     * Replaces the state of this fresh instance (one that has seen no price or bar) with
     * {@code state}: all or nothing. Refuses, with a message naming what differs, a state of
     * another strategy kind, coin, thesis, parameter set or state version, a malformed field, or
     * an instance that has already run.
     */
    void restore(StrategyState state);

    /** What the strategy expects the exchange to hold for {@code coin} (after {@link #start}). */
    PositionExpectation expectation(Coin coin);

    /** A short line for people, starting with the state's name (state, Q, E, H, Lo, levels, ...). */
    String summary();
}
