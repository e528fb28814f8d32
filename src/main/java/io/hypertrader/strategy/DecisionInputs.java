package io.hypertrader.strategy;

import java.util.SequencedMap;

/**
 * Optional: a strategy that names the values its decisions read (indicators, tracked highs and
 * lows, levels), so a check that finds a changed decision can name the value that changed first
 * ({@code hypertrader lookahead}). A {@link StatefulStrategy} needs nothing more: its
 * {@link StatefulStrategy#snapshot() snapshot} fields serve; a strategy that is neither is still
 * checked, only without the name.
 */
public interface DecisionInputs {

    /**
     * The values now, name to value text, in a fixed order (doubles as {@link Double#toString}, so
     * equal texts are equal values). Called between callbacks only; no side effects.
     */
    SequencedMap<String, String> decisionInputs();
}
