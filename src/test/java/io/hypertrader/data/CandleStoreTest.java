package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CandleStoreTest {
    static final Coin BTC = Coin.of("BTC");
    static final Interval H1 = Interval.H1;
    static final long T0 = 1_700_000_000_000L / 3_600_000L * 3_600_000L;

    final Database db = Database.inMemory();
    final CandleStore store = new CandleStore(db, InstantSource.fixed(Instant.ofEpochMilli(42)));

    @AfterEach
    void close() {
        db.close();
    }

    static Candle bar(long open, double px) {
        return new Candle(open, open + 3_600_000L - 1, px, px + 10, px - 10, px + 5, 12.5, 100);
    }

    static List<Candle> bars(long from, int n) {
        List<Candle> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(bar(from + i * 3_600_000L, 30_000 + i));
        }
        return l;
    }

    @Test
    void upsertIsIdempotentAndCountsNewRows() throws SQLException {
        assertThat(store.upsert(BTC, H1, bars(T0, 100), "test")).isEqualTo(new CandleStore.UpsertResult(100, 100));
        assertThat(store.upsert(BTC, H1, bars(T0, 100), "test")).isEqualTo(new CandleStore.UpsertResult(100, 0));
        assertThat(store.upsert(BTC, H1, bars(T0 + 50 * 3_600_000L, 100), "test").inserted()).isEqualTo(50);
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles")).isEqualTo(150);
        assertThat(DatabaseTest.count(db, "SELECT count(DISTINCT open_time_ms) FROM candles")).isEqualTo(150);
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles WHERE fetched_at_ms = 42 AND source = 'test'")).isEqualTo(150);
    }

    /** A batch that overlaps nothing stored is appended directly; any overlap goes through the upsert. */
    @Test
    void gapFillBetweenStoredRunsAndOverlapsBothCountExactly() throws SQLException {
        long h = 3_600_000L;
        store.upsert(BTC, H1, bars(T0, 100), "test");
        store.upsert(BTC, H1, bars(T0 + 200 * h, 100), "test");
        assertThat(store.gaps(BTC, H1)).hasSize(1);
        // exactly the hole: nothing stored inside its span
        assertThat(store.upsert(BTC, H1, bars(T0 + 100 * h, 100), "test")).isEqualTo(new CandleStore.UpsertResult(100, 100));
        assertThat(store.gaps(BTC, H1)).isEmpty();
        // spanning stored bars on both sides: updates only
        assertThat(store.upsert(BTC, H1, bars(T0 + 50 * h, 200), "test")).isEqualTo(new CandleStore.UpsertResult(200, 0));
        // another coin with the same times is independent
        assertThat(store.upsert(Coin.of("ETH"), H1, bars(T0, 10), "test").inserted()).isEqualTo(10);
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles WHERE coin = 'BTC'")).isEqualTo(300);
        assertThat(DatabaseTest.count(db, "SELECT count(DISTINCT open_time_ms) FROM candles WHERE coin = 'BTC'")).isEqualTo(300);
    }

    @Test
    void reFetchUpdatesValuesInPlace() {
        store.upsert(BTC, H1, List.of(bar(T0, 100)), "test");
        Candle revised = new Candle(T0, T0 + 3_599_999L, 100, 120, 90, 95, 99, -1);
        store.upsert(BTC, H1, List.of(revised), "test");
        assertThat(store.candles(BTC, H1, T0, T0 + 1)).containsExactly(revised);
    }

    @Test
    void readsSeriesByOpenTimeRange() {
        store.upsert(BTC, H1, bars(T0, 10), "test");
        store.upsert(Coin.of("ETH"), H1, bars(T0, 3), "test");
        CandleSeries s = store.series(BTC, H1, T0 + 2 * 3_600_000L, T0 + 5 * 3_600_000L);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.openTime(0)).isEqualTo(T0 + 2 * 3_600_000L);
        assertThat(s.close(2)).isEqualTo(30_004 + 5);
        assertThat(store.series(BTC, H1).size()).isEqualTo(10);
        assertThat(store.tail(BTC, H1, 2)).extracting(Candle::openTime)
                .containsExactly(T0 + 8 * 3_600_000L, T0 + 9 * 3_600_000L);
    }

    @Test
    void missingSeriesIsDataMissingWithTheFix() {
        assertThatThrownBy(() -> store.series(BTC, H1))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.DATA_MISSING))
                .hasMessageContaining("hypertrader fetch --coin BTC --interval 1h");
    }

    @Test
    void gapsAndMissingRunsOnTheGrid() {
        List<Candle> l = new ArrayList<>(bars(T0, 5));
        l.addAll(bars(T0 + 8 * 3_600_000L, 2));   // bars 5,6,7 missing
        l.addAll(bars(T0 + 11 * 3_600_000L, 1));  // bar 10 missing
        store.upsert(BTC, H1, l, "test");
        assertThat(store.gaps(BTC, H1)).containsExactly(
                new Gap(T0 + 5 * 3_600_000L, T0 + 7 * 3_600_000L, 3),
                new Gap(T0 + 10 * 3_600_000L, T0 + 10 * 3_600_000L, 1));
        assertThat(store.missing(BTC, H1, T0 - 2 * 3_600_000L, T0 + 13 * 3_600_000L)).containsExactly(
                new Gap(T0 - 2 * 3_600_000L, T0 - 3_600_000L, 2),
                new Gap(T0 + 5 * 3_600_000L, T0 + 7 * 3_600_000L, 3),
                new Gap(T0 + 10 * 3_600_000L, T0 + 10 * 3_600_000L, 1),
                new Gap(T0 + 12 * 3_600_000L, T0 + 13 * 3_600_000L, 2));
        assertThat(store.missing(BTC, H1, T0, T0 + 4 * 3_600_000L)).isEmpty();
        SeriesSummary s = store.summary(BTC, H1).orElseThrow();
        assertThat(s.rows()).isEqualTo(8);
        assertThat(s.missingBars()).isEqualTo(4);
        assertThat(s.firstOpenMs()).isEqualTo(T0);
        assertThat(s.lastOpenMs()).isEqualTo(T0 + 11 * 3_600_000L);
        assertThat(s.source()).isEqualTo("test");
    }

    @Test
    void monthlyGapsUseCalendarMonths() {
        long jan = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        long feb = Instant.parse("2024-02-01T00:00:00Z").toEpochMilli();
        long apr = Instant.parse("2024-04-01T00:00:00Z").toEpochMilli();
        long mar = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
        List<Candle> l = List.of(new Candle(jan, feb - 1, 1, 2, 1, 2, 1, -1), new Candle(feb, mar - 1, 1, 2, 1, 2, 1, -1),
                new Candle(apr, Instant.parse("2024-05-01T00:00:00Z").toEpochMilli() - 1, 1, 2, 1, 2, 1, -1));
        store.upsert(BTC, Interval.MONTH1, l, "test");
        assertThat(store.gaps(BTC, Interval.MONTH1)).containsExactly(new Gap(mar, mar, 1));
    }

    @Test
    void refusesToMixSources() {
        store.upsert(BTC, H1, bars(T0, 3), "csv:a");
        assertThatThrownBy(() -> store.upsert(BTC, H1, bars(T0 + 3 * 3_600_000L, 3), "hyperliquid-mainnet"))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContaining("'csv:a'").hasMessageContaining("hypertrader data delete --coin BTC --interval 1h");
        assertThat(store.summary(BTC, H1).orElseThrow().rows()).isEqualTo(3);
        assertThat(store.delete(BTC, H1)).isEqualTo(3);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void eachValidationReasonRefusesTheWholeBatchAndWritesNothing() throws SQLException {
        store.upsert(BTC, H1, bars(T0, 2), "test");
        long t = T0 + 2 * 3_600_000L;
        long c = t + 3_599_999L;
        record Case(Candle bad, String reason) {
        }
        List<Case> cases = List.of(
                new Case(new Candle(t, c, 100, 90, 95, 95, 1, -1), "< low"),
                new Case(new Candle(t, c, 0, 100, 90, 95, 1, -1), "non-positive price"),
                new Case(new Candle(t, c, -5, 100, 90, 95, 1, -1), "non-positive price"),
                new Case(new Candle(t, c, 100, 101, 90, 95, -1, -1), "negative volume"),
                new Case(new Candle(t + 1, c + 1, 100, 101, 90, 95, 1, -1), "off the 1h grid"),
                new Case(new Candle(t, c, Double.NaN, 101, 90, 95, 1, -1), "not a finite number"),
                new Case(new Candle(t, c, 100, 99, 90, 95, 1, -1), "below open/close"),
                new Case(new Candle(t, c + 5, 100, 101, 90, 95, 1, -1), "close time"),
                new Case(bar(T0 + 3 * 3_600_000L, 200), "duplicate open time"));
        for (Case k : cases) {
            // The bad bar first, a good one after: nothing of the batch may be written.
            List<Candle> batch = k.reason().startsWith("duplicate")
                    ? List.of(bar(T0 + 3 * 3_600_000L, 100), k.bad())
                    : List.of(k.bad(), bar(T0 + 3 * 3_600_000L, 100));
            List<Candle> finalBatch = batch;
            assertThatThrownBy(() -> store.upsert(BTC, H1, finalBatch, "test"))
                    .as(k.reason())
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                    .hasMessageContaining(k.reason()).hasMessageContaining("nothing written");
            assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles")).as(k.reason()).isEqualTo(2);
        }
        assertThatThrownBy(() -> store.upsert(BTC, H1, List.of(bar(T0 + 5 * 3_600_000L, 100), bar(T0 + 4 * 3_600_000L, 100)), "test"))
                .hasMessageContaining("ascending");
    }

    @Test
    void listOrdersByCoinThenInterval() {
        store.upsert(Coin.of("ETH"), H1, bars(T0, 2), "test");
        store.upsert(BTC, H1, bars(T0, 3), "test");
        long t4 = T0 / 14_400_000L * 14_400_000L;
        store.upsert(BTC, Interval.H4, List.of(new Candle(t4, t4 + 14_399_999L, 1, 2, 1, 2, 3, -1)), "test");
        store.upsert(BTC, Interval.M1, List.of(new Candle(T0, T0 + 59_999L, 1, 2, 1, 2, 3, -1)), "test");
        assertThat(store.list()).extracting(s -> s.coin() + " " + s.interval() + " " + s.rows())
                .containsExactly("BTC 1m 1", "BTC 1h 3", "BTC 4h 1", "ETH 1h 2");
    }

    @Test
    void fundingUpsertIsIdempotent() {
        FundingStore f = new FundingStore(db, InstantSource.fixed(Instant.EPOCH));
        List<FundingRate> rates = List.of(new FundingRate(1000, 0.0001, Double.NaN), new FundingRate(2000, -0.0002, 0.0003));
        assertThat(f.upsert(BTC, rates, "hyperliquid-mainnet")).isEqualTo(2);
        assertThat(f.upsert(BTC, rates, "hyperliquid-mainnet")).isZero();
        assertThat(f.read(BTC, 0, 5000)).containsExactlyElementsOf(rates);
        assertThat(f.lastTime(BTC)).hasValue(2000);
        assertThat(f.count(BTC)).isEqualTo(2);
        assertThatThrownBy(() -> f.upsert(BTC, List.of(rates.get(0), rates.get(0)), "x")).hasMessageContaining("duplicate");
    }

    @Test
    void metaReplacesANetworksUniverse() {
        CoinMetaStore m = new CoinMetaStore(db, InstantSource.fixed(Instant.EPOCH));
        m.replaceAll(io.hypertrader.core.Network.MAINNET, List.of(new CoinMeta(BTC, 0, 5, 50, false, false),
                new CoinMeta(Coin.of("ETH"), 1, 4, 50, false, false)));
        m.replaceAll(io.hypertrader.core.Network.MAINNET, List.of(new CoinMeta(BTC, 0, 5, 40, false, false)));
        assertThat(m.all(io.hypertrader.core.Network.MAINNET)).containsExactly(new CoinMeta(BTC, 0, 5, 40, false, false));
        assertThat(m.find(io.hypertrader.core.Network.TESTNET, BTC)).isEmpty();
    }

    @Test
    void writersAreNotedWithTheRowsAndTheCallersBookkeepingCommitsWithThemOrNotAtAll() throws SQLException {
        store.upsert(BTC, H1, bars(T0, 10), "hyperliquid-mainnet", SeriesSources.FETCH, null);
        store.upsert(BTC, H1, bars(T0 + 5 * 3_600_000L, 10), "hyperliquid-mainnet", SeriesSources.RECORD,
                c -> c.createStatement().executeUpdate("INSERT INTO recorder_cursor VALUES ('BTC', '1h', " + (T0 + 14 * 3_600_000L) + ", 1)"));
        assertThat(SeriesSources.list(db)).containsExactly(
                new SeriesSources.Entry("candles", BTC, "1h", "fetch", T0, T0 + 9 * 3_600_000L, 10, 42),
                new SeriesSources.Entry("candles", BTC, "1h", "record", T0 + 5 * 3_600_000L, T0 + 14 * 3_600_000L, 5, 42));
        assertThat(SeriesSources.writers(SeriesSources.list(db), "candles", BTC, "1h")).isEqualTo("fetch+record");
        assertThat(SeriesSources.writers(SeriesSources.list(db), "candles", BTC, "4h")).isEqualTo("-");

        // the bookkeeping fails: the candles of that call are not written either
        assertThatThrownBy(() -> store.upsert(BTC, H1, bars(T0 + 15 * 3_600_000L, 3), "hyperliquid-mainnet", SeriesSources.RECORD,
                c -> c.createStatement().executeUpdate("INSERT INTO no_such_table VALUES (1)"))).isInstanceOf(IllegalStateException.class);
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM candles")).isEqualTo(15);
        assertThat(SeriesSources.list(db)).extracting(SeriesSources.Entry::rowsNew).containsExactly(10L, 5L);

        // deleting the series forgets its writers and the recorder's cursor
        assertThat(store.delete(BTC, H1)).isEqualTo(15);
        assertThat(SeriesSources.list(db)).isEmpty();
        assertThat(DatabaseTest.count(db, "SELECT count(*) FROM recorder_cursor")).isZero();
    }
}
