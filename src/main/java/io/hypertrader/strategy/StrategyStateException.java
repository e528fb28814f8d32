package io.hypertrader.strategy;

/**
 * A strategy state that cannot be read or restored: malformed text, a field missing or out of
 * range, or a state of another strategy, coin, thesis, parameter set or version. The message says
 * what is wrong and is meant for the trader (a runner halts with it rather than guess).
 */
public final class StrategyStateException extends IllegalArgumentException {
    public StrategyStateException(String message) {
        super(message);
    }
}
