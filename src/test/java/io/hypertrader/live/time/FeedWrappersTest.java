package io.hypertrader.live.time;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.feed.ForwardingMarketFeed;
import io.hypertrader.ops.fleet.SharedMarketFeed;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds that wrap another must forward every {@link MarketFeed} method: a wrapper that leaves one
 * to the interface's default silently changes the runner. {@code run}'s bar check once did: it
 * forwarded candles, mids and notices only, so behind it a healthy WebSocket looked like a
 * polling feed (no acting on pushed prices) and paper found no live funding rate or spread.
 */
class FeedWrappersTest {

    static List<String> notForwarded(Class<?> wrapper) {
        List<String> missing = new ArrayList<>();
        for (Method m : MarketFeed.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method own = wrapper.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (own.isDefault()) {
                    missing.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.getName());
            }
        }
        return missing;
    }

    @Test
    void theForwardingBaseForwardsEveryMethod() {
        assertThat(notForwarded(ForwardingMarketFeed.class)).isEmpty();
        assertThat(ForwardingMarketFeed.class).isAssignableFrom(BarWatch.Observed.class);
    }

    @Test
    void theBarChecksWrapperForwardsEveryMethod() throws Exception {
        // and behaviourally: a pushing feed stays pushing behind it
        MarketFeed pushing = new MarketFeed() {
            @Override
            public List<io.hypertrader.core.Candle> recentCandles(Coin coin, Interval interval, int count, long nowMs) {
                return List.of();
            }

            @Override
            public Map<String, Double> mids() {
                return Map.of();
            }

            @Override
            public boolean pushing() {
                return true;
            }

            @Override
            public double fundingRate(Coin coin) {
                return 0.0000125;
            }
        };
        MarketFeed observed = new BarWatch(List.of(Coin.of("BTC")), Interval.M1, 15_000).observe(pushing);
        assertThat(observed.pushing()).isTrue();
        assertThat(observed.fundingRate(Coin.of("BTC"))).isEqualTo(0.0000125);
    }

    @Test
    void theSharedFeedsViewsAreForwardingFeeds() {
        long views = java.util.Arrays.stream(SharedMarketFeed.class.getDeclaredClasses())
                .filter(ForwardingMarketFeed.class::isAssignableFrom).count();
        assertThat(views).isEqualTo(1);
    }
}
