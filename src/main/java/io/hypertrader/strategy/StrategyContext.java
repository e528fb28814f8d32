package io.hypertrader.strategy;

import io.hypertrader.core.Coin;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.MarketDataSource;

import java.util.List;

/**
 * Everything a strategy may touch: the venue (orders, positions, account), the market data
 * (time, last prices) and a journal for what it wants reported. Backtest, paper and live
 * differ only in the implementations behind it.
 */
public interface StrategyContext {

    ExecutionVenue venue();

    MarketDataSource market();

    StrategyJournal journal();

    /** The coins this strategy instance trades. */
    List<Coin> coins();

    /** A simple context over given parts. */
    static StrategyContext of(ExecutionVenue venue, MarketDataSource market, StrategyJournal journal, List<Coin> coins) {
        List<Coin> copy = List.copyOf(coins);
        return new StrategyContext() {
            @Override
            public ExecutionVenue venue() {
                return venue;
            }

            @Override
            public MarketDataSource market() {
                return market;
            }

            @Override
            public StrategyJournal journal() {
                return journal;
            }

            @Override
            public List<Coin> coins() {
                return copy;
            }
        };
    }
}
