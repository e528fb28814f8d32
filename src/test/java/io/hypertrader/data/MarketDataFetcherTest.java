package io.hypertrader.data;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.fake.SyntheticHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketDataFetcherTest {
    static final long H = 3_600_000L;
    static final long NOW = 1_750_000_000_000L + 1_234_567L;
    static final long FORMING = NOW / H * H;
    static final Coin BTC = Coin.of("BTC");

    final FakeHyperliquid fake;
    final VirtualClock clock = new VirtualClock(NOW);
    final Database db = Database.inMemory();
    final MarketDataFetcher fetcher;
    final CandleStore store = new CandleStore(db, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    final List<String> log = new ArrayList<>();
    final MarketDataFetcher.Listener listener = new MarketDataFetcher.Listener() {
        @Override
        public void info(String line) {
            log.add(line);
        }

        @Override
        public void candleProgress(long done, long total) {
        }
    };

    MarketDataFetcherTest() throws IOException {
        fake = FakeHyperliquid.start(Network.MAINNET, () -> NOW);
        SyntheticHistory.serve(fake, NOW);
        fake.setDateOffsetMs(null); // no Date header: the transport's only clock is the test's VirtualClock
        HttpTransport t = new HttpTransport(fake.baseUrl(),
                HttpTransport.Settings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(5)),
                new WeightBudget(1200, clock), clock, new SplittableRandom(3));
        fetcher = new MarketDataFetcher(db, new HyperliquidInfoClient(t), Network.MAINNET, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
    }

    @AfterEach
    void stop() throws IOException {
        fake.close();
        db.close();
    }

    static MarketDataFetcher.Request recent(Integer n) {
        return new MarketDataFetcher.Request(BTC, Interval.H1, n, null, null, true);
    }

    void assertCompleteClosedWindow(int bars) {
        CandleSeries s = store.series(BTC, Interval.H1);
        assertThat(s.size()).isEqualTo(bars);
        assertThat(s.openTime(s.size() - 1)).isEqualTo(FORMING - H); // the forming bar is not stored
        assertThat(s.openTime(0)).isEqualTo(FORMING - (long) bars * H);
        assertThat(store.gaps(BTC, Interval.H1)).isEmpty();
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.open(i)).isEqualTo(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.8f",
                    SyntheticHistory.price(s.openTime(i)))), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void defaultFetchStoresTheWholeClosedWindowFundingAndMeta() throws SQLException {
        MarketDataFetcher.Result r = fetcher.fetch(recent(null), listener);
        assertThat(r.wantedBars()).isEqualTo(4999);
        assertThat(r.candlesNew()).isEqualTo(4999);
        assertThat(r.missingAfter()).isZero();
        assertCompleteClosedWindow(4999);
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles WHERE source = 'hyperliquid-mainnet'")).isEqualTo(4999);
        assertThat(r.fundingNew()).isGreaterThan(4990);
        assertThat(new FundingStore(db, InstantSource.system()).count(BTC)).isEqualTo(r.fundingNew());
        assertThat(new CoinMetaStore(db, InstantSource.system()).find(Network.MAINNET, BTC))
                .contains(new CoinMeta(BTC, 0, 5, 50, false, false));
    }

    @Test
    void resumesAfterAnInterruptionFetchingOnlyWhatIsMissing() {
        // Request 1 is meta, 2-4 are the first three candle pages; then the exchange goes down.
        fake.setDown(i -> i > 4);
        assertThatThrownBy(() -> fetcher.fetch(recent(null), listener))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.EXCHANGE));
        assertThat(store.summary(BTC, Interval.H1).orElseThrow().rows()).isEqualTo(1500);
        assertThat(store.gaps(BTC, Interval.H1)).isEmpty();

        fake.setDown(i -> false);
        int before = fake.candleStarts().size();
        MarketDataFetcher.Result r = fetcher.fetch(recent(null), listener);
        assertThat(r.missingBefore()).isEqualTo(3499);
        assertThat(r.candlesNew()).isEqualTo(3499);
        List<Long> resumedStarts = fake.candleStarts().subList(before, fake.candleStarts().size());
        assertThat(resumedStarts.getFirst()).isEqualTo(FORMING - 4999 * H + 1500 * H);
        assertThat(resumedStarts).hasSize(7); // 3499 bars in pages of 500
        assertCompleteClosedWindow(4999);

        // A third fetch has nothing to get: no candle request at all.
        int n = fake.candleStarts().size();
        assertThat(fetcher.fetch(recent(null), listener).candlesNew()).isZero();
        assertThat(fake.candleStarts()).hasSize(n);
    }

    @Test
    void fillsAHoleInTheMiddleOnly() {
        fetcher.fetch(recent(300), listener);
        assertThat(store.delete(BTC, Interval.H1)).isEqualTo(299);
        fetcher.fetch(recent(300), listener);
        // Remove 10 bars in the middle, then fetch again.
        try (var st = db.connection().createStatement()) {
            st.execute("DELETE FROM candles WHERE open_time_ms BETWEEN " + (FORMING - 200 * H) + " AND " + (FORMING - 191 * H));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int before = fake.candleStarts().size();
        MarketDataFetcher.Result r = fetcher.fetch(recent(300), listener);
        assertThat(r.missingBefore()).isEqualTo(10);
        assertThat(r.candlesNew()).isEqualTo(10);
        assertThat(fake.candleStarts().subList(before, fake.candleStarts().size())).containsExactly(FORMING - 200 * H);
        assertCompleteClosedWindow(299);
    }

    @Test
    void rangeOlderThanTheExchangeWindowIsRefusedWithTheImportCommand() {
        long from = FORMING - 9000 * H;
        assertThatThrownBy(() -> fetcher.fetch(new MarketDataFetcher.Request(BTC, Interval.H1, null, from, FORMING - 6000 * H, true), listener))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.DATA_MISSING))
                .hasMessageContaining("only the most recent 5000 1h candles")
                .hasMessageContaining("hypertrader data import FILE --coin BTC --interval 1h");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void rangePartlyOlderThanTheWindowIsCutWithANote() {
        MarketDataFetcher.Result r = fetcher.fetch(new MarketDataFetcher.Request(BTC, Interval.H1, null,
                FORMING - 6000 * H, FORMING - 4900 * H, false), listener);
        assertThat(r.windowFirstOpen()).isEqualTo(FORMING - 4999 * H);
        assertThat(r.candlesNew()).isEqualTo(100);
        assertThat(r.notes()).anyMatch(n -> n.contains("only the most recent 5000"));
        assertThat(log).anyMatch(n -> n.contains("only the most recent 5000"));
    }

    @Test
    void isoRangeInsideTheWindow() {
        MarketDataFetcher.Result r = fetcher.fetch(new MarketDataFetcher.Request(BTC, Interval.H1, null,
                FORMING - 48 * H + 1, FORMING - 24 * H, false), listener);
        // Bars opening in [from, to]: from is mid-bar, so the first is the next bar.
        assertThat(r.windowFirstOpen()).isEqualTo(FORMING - 47 * H);
        assertThat(r.windowLastOpen()).isEqualTo(FORMING - 24 * H);
        assertThat(r.candlesNew()).isEqualTo(24);
    }

    @Test
    void unknownCoinIsAClearUsageError() {
        assertThatThrownBy(() -> fetcher.fetch(new MarketDataFetcher.Request(Coin.of("btc"), Interval.H1, 10, null, null, true), listener))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("coin 'btc' is not a perpetual on Hyperliquid mainnet")
                .hasMessageContaining("meta lists 28 coins: BTC, ETH");
        assertThat(fake.candleStarts()).isEmpty();
    }

    @Test
    void moreThanTheWindowIsRefusedUpFront() {
        assertThatThrownBy(() -> recent(6000))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("--candles 6000").hasMessageContaining("only the most recent 5000");
    }

    @Test
    void refusesToMixWithAnImportedSeriesBeforeAnyRequest() {
        store.upsert(BTC, Interval.H1, List.of(CandleStoreTest.bar(FORMING - 10 * H, 100)), "coinbase");
        assertThatThrownBy(() -> fetcher.fetch(recent(10), listener)).hasMessageContaining("'coinbase'");
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void fundingResumesAfterTheLastStoredSettlement() {
        fetcher.fetch(recent(100), listener);
        long firstFundingRequests = fake.infoBodies().stream().filter(r -> r.path("type").asText().equals("fundingHistory")).count();
        fetcher.fetch(recent(100), listener);
        List<Long> starts = fake.infoBodies().stream().filter(r -> r.path("type").asText().equals("fundingHistory"))
                .skip(firstFundingRequests).map(r -> r.path("startTime").asLong()).toList();
        assertThat(starts).hasSize(1);
        assertThat(starts.getFirst()).isGreaterThan(FORMING - 2 * H);
    }
}
