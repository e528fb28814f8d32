package io.hypertrader.live;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.MarketDataSource;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Market data of a live run: the wall clock and the last price delivered per coin (mid or close). */
final class LiveMarketData implements MarketDataSource {
    private final LongSupplier clock;
    private final Interval interval;
    private final Map<Coin, Double> last = new HashMap<>();

    LiveMarketData(LongSupplier clock, Interval interval) {
        this.clock = clock;
        this.interval = interval;
    }

    void set(Coin coin, double price) {
        if (price > 0) {
            last.put(coin, price);
        }
    }

    @Override
    public long now() {
        return clock.getAsLong();
    }

    @Override
    public double lastPrice(Coin coin) {
        return last.getOrDefault(coin, Double.NaN);
    }

    @Override
    public Interval interval() {
        return interval;
    }
}
