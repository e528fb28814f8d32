package io.hypertrader.backtest.sweep;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.backtest.analysis.CycleLevels;
import io.hypertrader.core.Coin;

import java.util.List;
import java.util.Map;

/**
 * A backtest ready to run: its input (candles sliced to the window plus warm-up history), fresh
 * strategies, the cycle levels the adapter needs, and the first bar open time to evaluate (bars
 * before it are warm-up: the strategy sees them, the metrics do not).
 */
public record Trial(BacktestInput input, List<StrategySlot> slots, Map<Coin, CycleLevels> levels, long evaluateFromMs) {
    public Trial {
        slots = List.copyOf(slots);
        levels = Map.copyOf(levels);
    }
}
