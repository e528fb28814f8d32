package io.hypertrader.live.feed;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.exchange.TransportException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A feed that forwards every call to another; wrappers extend it and override what they add.
 * Every {@link MarketFeed} method is forwarded here, so a wrapper never falls back to the
 * interface's default by accident (one did: behind it a pushing WebSocket looked like a polling
 * feed; {@code FeedWrappersTest} holds this class to forwarding everything).
 */
public abstract class ForwardingMarketFeed implements MarketFeed {

    protected final MarketFeed feed;

    protected ForwardingMarketFeed(MarketFeed feed) {
        this.feed = Objects.requireNonNull(feed);
    }

    @Override
    public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) throws TransportException {
        return feed.recentCandles(coin, interval, count, nowMs);
    }

    @Override
    public Map<String, Double> mids() throws TransportException {
        return feed.mids();
    }

    @Override
    public List<String> notices() {
        return feed.notices();
    }

    @Override
    public boolean pushing() {
        return feed.pushing();
    }

    @Override
    public long midsVersion() {
        return feed.midsVersion();
    }

    @Override
    public long awaitMids(long seen, long timeoutMs) throws InterruptedException {
        return feed.awaitMids(seen, timeoutMs);
    }

    @Override
    public long midsArrivedNanos() {
        return feed.midsArrivedNanos();
    }

    @Override
    public void watchBookAndContext(Coin coin) {
        feed.watchBookAndContext(coin);
    }

    @Override
    public double[] bestBidAsk(Coin coin) {
        return feed.bestBidAsk(coin);
    }

    @Override
    public double fundingRate(Coin coin) throws TransportException {
        return feed.fundingRate(coin);
    }

    @Override
    public void close() {
        feed.close();
    }
}
