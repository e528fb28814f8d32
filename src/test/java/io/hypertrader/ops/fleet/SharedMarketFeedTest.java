package io.hypertrader.ops.fleet;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.feed.MarketFeed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One feed read by many deployments: REST answers shared while fresh, notices to every view, views that close nothing. */
class SharedMarketFeedTest {

    static final Coin BTC = Coin.of("BTC");
    static final long MIN = 60_000;

    /** A polling feed that counts its reads and returns the bars opened by the time asked. */
    static final class CountingFeed implements MarketFeed {
        int candleReads;
        int midReads;
        boolean closed;
        final List<String> pending = new ArrayList<>();

        @Override
        public List<Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) {
            candleReads++;
            List<Candle> out = new ArrayList<>();
            for (long open = (nowMs / MIN - count) * MIN; open <= nowMs; open += MIN) {
                out.add(new Candle(open, open + MIN - 1, 100, 101, 99, 100.5, 3, 10));
            }
            return out;
        }

        @Override
        public Map<String, Double> mids() {
            midReads++;
            return Map.of("BTC", 100.0 + midReads);
        }

        @Override
        public List<String> notices() {
            List<String> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    final AtomicLong clock = new AtomicLong(10 * MIN + 5_000);
    final CountingFeed feed = new CountingFeed();
    final SharedMarketFeed shared = new SharedMarketFeed(feed, clock::get, 500);

    @Test
    void deploymentsShareAFreshReadAndReadAgainOnceItIsStaleOrABarHasClosed() throws Exception {
        MarketFeed a = shared.view();
        MarketFeed b = shared.view();
        List<Candle> first = a.recentCandles(BTC, Interval.M1, 50, clock.get());
        assertThat(b.recentCandles(BTC, Interval.M1, 50, clock.get())).isSameAs(first);
        assertThat(b.recentCandles(BTC, Interval.M1, 20, clock.get())).as("a shorter ask is served too").isSameAs(first);
        assertThat(feed.candleReads).isEqualTo(1);

        assertThat(b.recentCandles(BTC, Interval.M1, 60, clock.get())).hasSizeGreaterThan(first.size());
        assertThat(feed.candleReads).as("a longer ask reads").isEqualTo(2);

        clock.addAndGet(500);
        b.recentCandles(BTC, Interval.M1, 50, clock.get());
        assertThat(feed.candleReads).as("stale after 500 ms").isEqualTo(3);

        // a read made before a bar closed never serves one asked after it closed
        clock.set(11 * MIN - 100);
        a.recentCandles(BTC, Interval.M1, 50, clock.get());
        clock.set(11 * MIN + 100);
        List<Candle> after = b.recentCandles(BTC, Interval.M1, 50, clock.get());
        assertThat(feed.candleReads).isEqualTo(5);
        assertThat(after.getLast().openTime()).isEqualTo(11 * MIN);

        assertThat(a.mids()).isEqualTo(b.mids());
        assertThat(feed.midReads).isEqualTo(1);
        clock.addAndGet(500);
        assertThat(b.mids()).containsEntry("BTC", 102.0);
    }

    @Test
    void everyViewHearsEveryNoticeAndClosingAViewLeavesTheFeedOpen() {
        MarketFeed a = shared.view();
        MarketFeed b = shared.view();
        feed.pending.add("market data: WebSocket down, REST polling");
        assertThat(a.notices()).containsExactly("market data: WebSocket down, REST polling");
        assertThat(a.notices()).isEmpty();
        assertThat(b.notices()).containsExactly("market data: WebSocket down, REST polling");
        a.close();
        assertThat(feed.closed).isFalse();
        shared.close();
        assertThat(feed.closed).isTrue();
    }
}
