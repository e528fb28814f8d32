package io.hypertrader.data;

import io.hypertrader.core.UserError;
import io.hypertrader.core.Network;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.SyntheticHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static io.hypertrader.live.fake.FakeHyperliquid.Fault.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpTransportTest {
    static final long NOW = 1_750_000_000_000L;

    final FakeHyperliquid fake;
    final VirtualClock clock = new VirtualClock(NOW);

    HttpTransportTest() throws IOException {
        fake = FakeHyperliquid.start(Network.MAINNET, () -> NOW);
        SyntheticHistory.serve(fake, NOW);
        fake.setDateOffsetMs(null); // no Date header: the transport's only clock is the test's VirtualClock
    }

    @AfterEach
    void stop() throws IOException {
        fake.close();
    }

    HttpTransport transport(HttpTransport.Settings s, long seed) {
        return new HttpTransport(fake.baseUrl(), s, new WeightBudget(1200, clock), clock, new SplittableRandom(seed));
    }

    HttpTransport transport() {
        return transport(HttpTransport.Settings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(5)), 7);
    }

    static final HttpTransport.Call META = HttpTransport.Call.info(HyperliquidWire.metaRequest(null), 20, "meta");

    List<CoinMeta> meta(HttpTransport t) {
        return t.post(META, HyperliquidWire::parseMeta);
    }

    /** Offline or a wrong host: one clear error at once, no backoff (it used to retry six times over 36 s). */
    @Test
    void unresolvableHostFailsAtOnceNamingIt() {
        HttpTransport t = new HttpTransport("http://no-such-host.invalid", HttpTransport.Settings.defaults(),
                new WeightBudget(1200, clock), clock, new SplittableRandom(1));
        assertThatThrownBy(() -> meta(t))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE))
                .hasMessageContaining("cannot resolve no-such-host.invalid").hasMessageContaining("not retried");
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void refusedConnectionFailsAtOnceNamingTheUrl() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        HttpTransport t = new HttpTransport(url, HttpTransport.Settings.defaults(), new WeightBudget(1200, clock), clock,
                new SplittableRandom(1));
        assertThatThrownBy(() -> meta(t))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE))
                .hasMessageContaining("cannot connect to " + url).hasMessageContaining("not retried");
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void plainSuccessSleepsNever() {
        assertThat(meta(transport())).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();
        assertThat(fake.infoBodies().getFirst().toString()).isEqualTo("{\"type\":\"meta\"}");
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOffAndDrainsTheBudget() {
        fake.injectInfo(HTTP_429_NO_RETRY_AFTER);
        HttpTransport t = transport();
        assertThat(meta(t)).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(clock.sleeps).hasSize(2); // the backoff, then the refill wait of the drained budget
        assertThat(clock.sleeps.getFirst()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(t.budget().available()).isLessThan(1200 - 20 + 1);
    }

    @Test
    void retryAfterIsHonoured() {
        fake.injectInfo(HTTP_429_RETRY_AFTER_7S);
        assertThat(meta(transport())).hasSize(28);
        assertThat(clock.sleeps.getFirst()).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7250));
    }

    @Test
    void retryAfterLongerThanTheCapFailsAtOnce() {
        HttpTransport t = transport();
        assertThat(t.parseRetryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(t.parseRetryAfter("0.5")).isEqualTo(Duration.ofMillis(500));
        assertThat(t.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(t.parseRetryAfter("soon")).isNull();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.Instant.ofEpochMilli(NOW + 30_000).atZone(java.time.ZoneOffset.UTC));
        assertThat(t.parseRetryAfter(date)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void serverErrorsBackOffExponentially() {
        fake.injectInfo(HTTP_500_BEFORE, HTTP_500_BEFORE, HTTP_500_BEFORE);
        assertThat(meta(transport())).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(4);
        assertThat(clock.sleeps).hasSize(3);
        assertThat(clock.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(clock.sleeps.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
        assertThat(clock.sleeps.get(2)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
    }

    @Test
    void garbageAndTruncatedBodiesAreRetriedNeverParsedAsData() {
        fake.injectInfo(HTML_BEFORE, TRUNCATED_JSON_BEFORE);
        assertThat(meta(transport())).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void droppedConnectionIsRetried() {
        fake.injectInfo(DROP_BEFORE, DROP_BEFORE);
        assertThat(meta(transport())).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(3);
    }

    @Test
    void slowAnswerTimesOutAndIsRetried() {
        fake.injectInfo(TIMEOUT_AFTER_ACCEPT);
        assertThat(meta(transport())).hasSize(28);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void clientErrorIsNotRetriedAndNamesTheRequest() {
        fake.injectInfo(HTTP_422_BEFORE);
        assertThatThrownBy(() -> meta(transport()))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE))
                .hasMessageContaining("POST /info meta").hasMessageContaining("HTTP 422")
                .hasMessageContaining("Failed to deserialize");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void givesUpAfterBoundedTriesNamingRequestAndLastFailure() {
        fake.setDown(i -> true);
        assertThatThrownBy(() -> meta(transport()))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE))
                .hasMessageContaining("POST /info meta").hasMessageContaining("gave up after 6 tries")
                .hasMessageContaining("HTTP 503");
        assertThat(fake.requestCount()).isEqualTo(6);
        assertThat(clock.sleeps).hasSize(5);
        // 1 + 2 + 4 + 8 + 16 s ceilings with equal jitter: between half and all of 31 s.
        assertThat(clock.slept()).isBetween(Duration.ofMillis(15_500), Duration.ofSeconds(31));
    }

    @Test
    void nonIdempotentCallIsNotRetriedAfterAServerError() {
        fake.injectInfo(HTTP_500_BEFORE);
        HttpTransport.Call order = new HttpTransport.Call("/info", HyperliquidWire.metaRequest(null), 1, "order", false);
        assertThatThrownBy(() -> transport().post(order, HyperliquidWire::parseMeta))
                .isInstanceOf(UserError.class).hasMessageContaining("not retried");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void sameSeedSameBackoff() {
        HttpTransport a = transport(HttpTransport.Settings.defaults(), 99);
        HttpTransport b = transport(HttpTransport.Settings.defaults(), 99);
        for (int k = 1; k <= 6; k++) {
            Duration da = a.backoff(k, null);
            assertThat(da).isEqualTo(b.backoff(k, null)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void weightBudgetPacesToTwelveHundredPerMinute() throws InterruptedException {
        WeightBudget budget = new WeightBudget(1200, clock);
        for (int i = 0; i < 100; i++) {
            budget.acquire(20);
        }
        // 2000 weight: 1200 at once, the other 800 at 20 per second.
        assertThat(clock.slept()).isBetween(Duration.ofSeconds(39), Duration.ofSeconds(41));
        budget.charge(100);
        assertThat(budget.available()).isLessThan(-99);
    }
}
