package io.hypertrader.strategy;

/**
 * Where a strategy reports what the venue cannot know: completed cycles and state transitions.
 * Backtests keep them in the run result; live runs write them to the deployment journal.
 */
public interface StrategyJournal {

    /** A cycle ended (or the run ended with it open). */
    void cycle(CycleRecord cycle);

    /** The strategy changed state at {@code timeMs} and {@code price} (for logs and tests). */
    default void transition(TransitionRecord transition) {
    }

    /** A journal that drops everything. */
    StrategyJournal NONE = new StrategyJournal() {
        @Override
        public void cycle(CycleRecord cycle) {
        }
    };
}
