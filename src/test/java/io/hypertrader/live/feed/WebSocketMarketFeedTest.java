package io.hypertrader.live.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OkHttpTransport;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.testsupport.Await;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The WebSocket market feed against the fake: bar closes from the candle channel, REST fallback on drop and staleness. */
class WebSocketMarketFeedTest {

    static final Coin BTC = Coin.of("BTC");
    static final long MIN = 60_000;

    FakeHyperliquid fake;
    OkHttpClient http;
    AtomicLong clock;
    long base;
    final AtomicInteger snapshots = new AtomicInteger();
    final List<String> notices = new ArrayList<>();
    WebSocketMarketFeed feed;

    @BeforeEach
    void start() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.setMid("BTC", "100");
        base = (System.currentTimeMillis() / MIN - 10) * MIN;
        clock = new AtomicLong(base + 10_000);
        // candleSnapshot: every bar that has opened by the (fake) clock, close = 100 + minutes since base
        fake.setInfoHandler("candleSnapshot", body -> {
            snapshots.incrementAndGet();
            ArrayNode arr = JsonNodeFactory.instance.arrayNode();
            for (long t = base - 5 * MIN; t <= clock.get(); t += MIN) {
                arr.add(wire(t, 100 + (t - base) / MIN));
            }
            return arr;
        });
        http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        fake.close();
    }

    static ObjectNode wire(long t, double close) {
        String c = String.format(Locale.ROOT, "%.2f", close);
        return JsonNodeFactory.instance.objectNode().put("t", t).put("T", t + MIN - 1).put("s", "BTC").put("i", "1m")
                .put("o", c).put("c", c).put("h", c).put("l", c).put("v", "1.5").put("n", 3);
    }

    /** Stale after 400 ms of the clock for the drop/silence test; after an hour where the test jumps the clock by bars. */
    WebSocketMarketFeed open(boolean confirm, Duration staleAfter) {
        feed = new WebSocketMarketFeed(http, fake.wsUrl(), new HyperliquidWebSocket.Settings(Duration.ofMillis(100),
                staleAfter, Duration.ofMillis(50), Duration.ofMillis(200)), new RestMarketFeed(
                new OkHttpTransport(http, fake.baseUrl())), clock::get, new WebSocketMarketFeed.Settings(5_000, confirm));
        return feed;
    }


    List<Candle> closed(long now) throws Exception {
        return feed.recentCandles(BTC, Interval.M1, 5, now).stream().filter(c -> c.closeTime() < now).toList();
    }

    @Test
    void eachClosedBarIsReadOnceWhenTheCandleChannelSaysItClosed() throws Exception {
        open(true, Duration.ofHours(1));
        Await.until("websocket", () -> feed.source() == WebSocketMarketFeed.Source.WEBSOCKET);
        List<Candle> first = closed(clock.get());
        assertThat(snapshots.get()).as("the first answer (history) comes from candleSnapshot").isEqualTo(1);
        assertThat(first.get(first.size() - 1).openTime()).isEqualTo(base - MIN);
        Await.until("candle subscription", () -> fake.subscribeCount() >= 2);

        // the forming bar updates: nothing closed, no request however often the runner asks
        fake.pushCandle("BTC", "1m", wire(base, 100.5));
        fake.pushCandle("BTC", "1m", wire(base, 101.25));
        clock.set(base + 50_000);
        for (int i = 0; i < 20; i++) {
            assertThat(closed(clock.get())).last().extracting(Candle::openTime).isEqualTo(base - MIN);
        }
        // the bar closes by the clock, but the stream has not said so yet: wait (grace), still no request
        clock.set(base + MIN + 1_000);
        assertThat(closed(clock.get())).isEmpty();
        assertThat(snapshots.get()).isEqualTo(1);

        // a new t on the channel closes the previous bar: one confirmation, then quiet again
        fake.pushCandle("BTC", "1m", wire(base + MIN, 101));
        List<List<Candle>> answers = new ArrayList<>();
        Await.until("bar close seen", () -> {
            try {
                List<Candle> got = closed(clock.get());
                answers.add(got);
                return !got.isEmpty() && got.get(got.size() - 1).openTime() == base;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(snapshots.get()).as("one candleSnapshot per closed bar").isEqualTo(2);
        Candle bar = answers.get(answers.size() - 1).get(answers.get(answers.size() - 1).size() - 1);
        assertThat(bar.close()).as("the snapshot's exact bar, not the last pushed update").isEqualTo(100.0);
        for (int i = 0; i < 20; i++) {
            closed(clock.get() + i);
        }
        assertThat(snapshots.get()).isEqualTo(2);

        // a quiet market: the next bar closes by the clock and the stream stays silent past the grace
        clock.set(base + 2 * MIN + 5_000);
        assertThat(closed(clock.get())).last().extracting(Candle::openTime).isEqualTo(base + MIN);
        assertThat(snapshots.get()).isEqualTo(3);
        // asking for more history than held reads it
        assertThat(feed.recentCandles(BTC, Interval.M1, 8, clock.get())).hasSize(8);
        assertThat(snapshots.get()).isEqualTo(4);
    }

    @Test
    void withoutConfirmationTheStreamsLastUpdateOfEachBarIsServed() throws Exception {
        open(false, Duration.ofHours(1));
        Await.until("websocket", () -> feed.source() == WebSocketMarketFeed.Source.WEBSOCKET);
        closed(clock.get());
        Await.until("candle subscription", () -> fake.subscribeCount() >= 2);
        fake.pushCandle("BTC", "1m", wire(base, 100.5));
        fake.pushCandle("BTC", "1m", wire(base, 123.45));
        fake.pushCandle("BTC", "1m", wire(base + MIN, 124));
        clock.set(base + MIN + 500);
        Await.until("stream close", () -> {
            try {
                List<Candle> got = closed(clock.get());
                return !got.isEmpty() && got.get(got.size() - 1).openTime() == base;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Candle> got = closed(clock.get());
        assertThat(got.get(got.size() - 1).close()).isEqualTo(123.45);
        assertThat(got.get(got.size() - 2).openTime()).isEqualTo(base - MIN);
        assertThat(snapshots.get()).as("no request beyond the history").isEqualTo(1);
    }

    @Test
    void dropAndSilenceFallBackToRestAndRecoverAndEverySwitchIsReported() throws Exception {
        open(true, Duration.ofMillis(400));
        Await.until("websocket", () -> feed.source() == WebSocketMarketFeed.Source.WEBSOCKET);
        fake.setMid("BTC", "101.5");
        Await.until("pushed mid", () -> {
            try {
                return feed.mids().get("BTC") == 101.5;
            } catch (TransportException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(feed.restMidCalls()).isZero();
        notices.addAll(feed.notices());
        assertThat(notices).singleElement().asString().startsWith("market data on the websocket");

        // the server drops the socket: REST until the client has reconnected and received mids again
        fake.dropWebSockets();
        Await.until("fallback", () -> feed.source() == WebSocketMarketFeed.Source.REST);
        assertThat(feed.mids().get("BTC")).isEqualTo(101.5);
        assertThat(feed.restMidCalls()).isGreaterThanOrEqualTo(1);
        Await.until("recovered", () -> feed.source() == WebSocketMarketFeed.Source.WEBSOCKET);
        assertThat(feed.socket().connectionCount()).isEqualTo(2);
        notices.clear();
        notices.addAll(feed.notices());
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0)).startsWith("market data websocket disconnected");
        assertThat(notices.get(1)).startsWith("market data on the websocket").contains("on REST (disconnected");
        int restBefore = feed.restMidCalls();
        feed.mids();
        assertThat(feed.restMidCalls()).isEqualTo(restBefore);

        // the server goes silent (no data, no pongs): stale after 400 ms of the clock, reported, REST meanwhile
        fake.setWebSocketSilent(true);
        clock.addAndGet(450);
        Await.until("stale", () -> feed.source() == WebSocketMarketFeed.Source.REST);
        feed.mids();
        assertThat(feed.restMidCalls()).isEqualTo(restBefore + 1);
        fake.setWebSocketSilent(false);
        Await.until("recovered after silence", () -> {
            clock.addAndGet(100); // time passes: the silent connection goes stale and is replaced
            return feed.source() == WebSocketMarketFeed.Source.WEBSOCKET;
        });
        // The loop above moves the fake clock in 100 ms jumps while the socket reconnects in real
        // time, so a fresh connection may look stale for a moment and flap once more before it
        // settles: what must hold is that the stale switch is reported first, a recovery is
        // reported after it, and the feed ends on the websocket.
        Await.until("settled on the websocket", () -> feed.source() == WebSocketMarketFeed.Source.WEBSOCKET);
        notices.clear();
        notices.addAll(feed.notices());
        assertThat(notices.get(0)).startsWith("market data websocket stale (silent ");
        assertThat(notices.subList(1, notices.size())).anySatisfy(n -> assertThat(n).startsWith("market data on the websocket"));
        assertThat(feed.source()).isEqualTo(WebSocketMarketFeed.Source.WEBSOCKET);
    }
}
