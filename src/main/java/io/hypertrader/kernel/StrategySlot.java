package io.hypertrader.kernel;

import io.hypertrader.core.Coin;
import io.hypertrader.strategy.Strategy;

import java.util.List;

/** A strategy and the coins it trades in a run (each coin belongs to exactly one strategy). */
public record StrategySlot(Strategy strategy, List<Coin> coins) {
    public StrategySlot {
        coins = List.copyOf(coins);
        if (coins.isEmpty()) {
            throw new IllegalArgumentException("a strategy needs at least one coin");
        }
    }
}
