package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.core.Network;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.SyntheticHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static io.hypertrader.live.fake.FakeHyperliquid.Fault.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HyperliquidInfoClientTest {
    static final long H = 3_600_000L;
    static final long NOW = 1_750_000_000_000L + 1_234_567L; // mid-bar
    static final long FORMING = NOW / H * H;
    static final Coin BTC = Coin.of("BTC");

    final FakeHyperliquid fake;
    final SyntheticHistory history;
    final VirtualClock clock = new VirtualClock(NOW);
    final HyperliquidInfoClient client;

    HyperliquidInfoClientTest() throws IOException {
        fake = FakeHyperliquid.start(Network.MAINNET, () -> NOW);
        history = SyntheticHistory.serve(fake, NOW);
        fake.setDateOffsetMs(null); // no Date header: the transport's only clock is the test's VirtualClock
        HttpTransport t = new HttpTransport(fake.baseUrl(),
                HttpTransport.Settings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(5)),
                new WeightBudget(1200, clock), clock, new SplittableRandom(1));
        client = new HyperliquidInfoClient(t);
    }

    @AfterEach
    void stop() throws IOException {
        fake.close();
    }

    List<HyperliquidWire.WireCandle> fetch(long start, long end, List<Integer> pageSizes) {
        List<HyperliquidWire.WireCandle> all = new ArrayList<>();
        client.candles(BTC, Interval.H1, start, end, page -> {
            pageSizes.add(page.size());
            all.addAll(page);
        });
        return all;
    }

    static void assertContiguous(List<HyperliquidWire.WireCandle> l) {
        assertThat(new HashSet<>(l.stream().map(HyperliquidWire.WireCandle::t).toList())).hasSize(l.size());
        for (int i = 1; i < l.size(); i++) {
            assertThat(l.get(i).t() - l.get(i - 1).t()).as("step at %d", i).isEqualTo(H);
        }
    }

    @Test
    void paginatesTheWholeWindowWithoutDuplicatesOrGaps() {
        List<Integer> pages = new ArrayList<>();
        List<HyperliquidWire.WireCandle> all = fetch(FORMING - 4999 * H, NOW, pages);
        assertThat(all).hasSize(5000);
        assertContiguous(all);
        assertThat(all.getFirst().t()).isEqualTo(FORMING - 4999 * H);
        assertThat(all.getLast().t()).isEqualTo(FORMING); // the forming one is delivered; the caller decides
        assertThat(pages).hasSize(10).allMatch(n -> n == 500);
        assertThat(fake.candleStarts()).hasSize(10);
        assertThat(fake.candleStarts().get(1)).isEqualTo(FORMING - 4499 * H); // cursor = last T + 1
        // 10 requests of weight 20 + 8 per 500 candles: well under the budget, so no waiting.
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void olderThanTheWindowReturnsOnlyWhatExists() {
        List<HyperliquidWire.WireCandle> all = fetch(FORMING - 6000 * H, FORMING - 4000 * H, new ArrayList<>());
        assertThat(all.getFirst().t()).isEqualTo(FORMING - 4999 * H);
        assertThat(all.getLast().t()).isEqualTo(FORMING - 4000 * H);
        assertThat(all).hasSize(1000);
        assertContiguous(all);
    }

    @Test
    void unknownPageSizesAndOverlapDeduplicate() {
        history.pageSize(37);
        List<HyperliquidWire.WireCandle> all = fetch(FORMING - 300 * H + 1234, FORMING - 1, new ArrayList<>());
        // The candle containing startTime is returned too.
        assertThat(all.getFirst().t()).isEqualTo(FORMING - 300 * H);
        assertThat(all).hasSize(300);
        assertContiguous(all);
    }

    @Test
    void survivesEveryFaultKindWithExactRows() {
        fake.injectInfo(HTTP_429_NO_RETRY_AFTER, HTTP_500_BEFORE, NONE, HTML_BEFORE, DROP_BEFORE, NONE, HTTP_429_RETRY_AFTER_7S, TIMEOUT_AFTER_ACCEPT, TRUNCATED_JSON_BEFORE);
        List<HyperliquidWire.WireCandle> all = fetch(FORMING - 2000 * H, FORMING - 1, new ArrayList<>());
        assertThat(all).hasSize(2000);
        assertContiguous(all);
        assertThat(fake.requestCount()).isEqualTo(4 + 7);
        assertThat(fake.candleStarts()).containsSubsequence(FORMING - 2000 * H, FORMING - 1500 * H, FORMING - 1000 * H, FORMING - 500 * H);
    }

    @Test
    void failsWithExchangeErrorNamingThePageWhenTheServerStaysDown() {
        fake.setDown(i -> i > 3);
        List<Integer> pages = new ArrayList<>();
        assertThatThrownBy(() -> fetch(FORMING - 4999 * H, NOW, pages))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE))
                .hasMessageContaining("candleSnapshot BTC 1h " + java.time.Instant.ofEpochMilli(FORMING - 3499 * H))
                .hasMessageContaining("gave up after 6 tries");
        assertThat(pages).containsExactly(500, 500, 500);
    }

    @Test
    void emptyAnswerForAnUnknownCoinEndsAtOnce() {
        List<HyperliquidWire.WireCandle> all = new ArrayList<>();
        client.candles(Coin.of("NOPE"), Interval.H1, FORMING - 10 * H, NOW, all::addAll);
        assertThat(all).isEmpty();
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void fundingPaginatesWithMillisecondOffsets() {
        List<FundingRate> all = new ArrayList<>();
        int n = client.funding(BTC, FORMING - 1200 * H, NOW, all::addAll);
        assertThat(n).isEqualTo(all.size());
        assertThat(all).hasSize(1201);
        assertThat(new HashSet<>(all.stream().map(FundingRate::timeMs).toList())).hasSize(1201);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).timeMs()).isGreaterThan(all.get(i - 1).timeMs());
        }
        // 500 + 500 + 201 rows, then one request that brings nothing new ends the loop.
        assertThat(fake.infoBodies().stream().filter(r -> r.path("type").asText().equals("fundingHistory"))).hasSize(4);
    }

    @Test
    void metaListsTheUniverse() {
        assertThat(client.meta(null)).extracting(m -> m.coin().name()).startsWith("BTC", "ETH", "ATOM").hasSize(28);
    }
}
