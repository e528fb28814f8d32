package io.hypertrader.backtest.sweep;

import io.hypertrader.core.UserError;

/**
 * Builds the backtest of a {@link TrialSpec} from a base config. Called concurrently from the
 * sweep's worker threads: implementations share only immutable data (the parsed config, the
 * candles) and return fresh strategies on every call.
 */
@FunctionalInterface
public interface TrialFactory {
    /**
     * @throws UserError USAGE when an override names an unknown field or makes the config invalid
     *                   (the message names the path and value); DATA_MISSING when the window
     *                   holds no candles
     */
    Trial build(TrialSpec spec);
}
