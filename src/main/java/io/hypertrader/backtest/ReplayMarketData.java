package io.hypertrader.backtest;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.exec.MarketDataSource;

import java.util.Arrays;
import java.util.List;

/** The market data a strategy sees in a backtest: replay time and the last delivered price per coin. */
final class ReplayMarketData implements MarketDataSource {
    private final List<Coin> coins;
    private final Interval interval;
    private final double[] last;
    long now;

    ReplayMarketData(List<Coin> coins, Interval interval) {
        this.coins = coins;
        this.interval = interval;
        this.last = new double[coins.size()];
        Arrays.fill(last, Double.NaN);
    }

    void set(int c, long t, double p) {
        now = t;
        last[c] = p;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public double lastPrice(Coin coin) {
        int i = coins.indexOf(coin);
        return i < 0 ? Double.NaN : last[i];
    }

    @Override
    public Interval interval() {
        return interval;
    }
}
