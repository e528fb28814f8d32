package io.hypertrader.backtest.sweep;

import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.List;
import java.util.Objects;

/**
 * A fib-hedge config after the loader applied a trial's overrides and validated it: one parameter
 * set per coin (in the order of the candle series), the simulator and the starting equity (USDC).
 */
public record FibSetup(List<FibHedgeParams> strategies, SimConfig sim, double initialEquity) {
    public FibSetup {
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(sim, "sim");
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy");
        }
        if (!(initialEquity > 0)) {
            throw new IllegalArgumentException("initial equity must be > 0, got " + initialEquity);
        }
    }

    /**
     * Binds overrides to a validated setup. The CLI implements it with the config loader (dotted-path
     * overrides applied before validation); it must be thread-safe.
     */
    @FunctionalInterface
    public interface Binder {
        /** @throws io.hypertrader.core.UserError USAGE naming the path and value the config rejects */
        FibSetup bind(java.util.SequencedMap<String, String> overrides);
    }
}
