package io.hypertrader.backtest;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

/** Buys (or sells) a fixed size at the first price point and holds. */
public final class HoldStrategy implements Strategy {
    private final Coin coin;
    private final Side side;
    private final double size;
    private final int leverage;
    private ExecutionVenue venue;
    private boolean done;

    public HoldStrategy(Coin coin, Side side, double size, int leverage) {
        this.coin = coin;
        this.side = side;
        this.size = size;
        this.leverage = leverage;
    }

    @Override
    public void start(StrategyContext context) {
        venue = context.venue();
        venue.setLeverage(coin, leverage);
    }

    @Override
    public PriceMode priceMode() {
        return PriceMode.INTRABAR;
    }

    @Override
    public void onPrice(Coin c, long t, double price) {
        if (!done) {
            done = true;
            venue.submit(OrderRequest.market(coin, side, size, false, "hold"));
        }
    }

    @Override
    public void onBarClose(Coin c, long openTime, double open, double high, double low, double close, double volume) {
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
    }
}
