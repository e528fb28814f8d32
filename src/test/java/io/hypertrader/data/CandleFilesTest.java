package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.testdata.Fixtures;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Imports the real CSVs of ../shared/datasets and checks them against SOURCES.md (those checks need
 * the whole files: skipped without ../shared, failed under CI=true), and the importer's errors.
 */
class CandleFilesTest {
    static final long NOW = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private static SeriesSummary importFile(String name, Interval interval) {
        try (Database db = Database.inMemory()) {
            CandleStore store = new CandleStore(db, InstantSource.fixed(Instant.ofEpochMilli(NOW)));
            Coin coin = Coin.of("X");
            Path file = SharedDatasets.file(name, "the import is checked against the whole file's row count, span and gaps in SOURCES.md");
            List<Candle> candles = CandleFiles.read(file, coin, interval, NOW).candles();
            store.upsert(coin, interval, candles, name);
            return store.summary(coin, interval).orElseThrow();
        }
    }

    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void coinbaseBtc1h() {
        SeriesSummary s = importFile("coinbase-btcusd-1h-2017-2019.csv", Interval.H1);
        assertThat(s.rows()).isEqualTo(16_882);
        assertThat(s.firstOpenMs()).isEqualTo(ms("2017-11-13T00:00:00Z"));
        assertThat(s.lastOpenMs()).isEqualTo(ms("2019-10-17T09:00:00Z"));
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void ftxBtcPerp1m() {
        SeriesSummary s = importFile("ftx-btcperp-1m-2022-01.csv", Interval.M1);
        assertThat(s.rows()).isEqualTo(45_031);
        assertThat(s.firstOpenMs()).isEqualTo(ms("2021-12-31T23:00:00Z"));
        assertThat(s.lastOpenMs()).isEqualTo(ms("2022-02-01T05:30:00Z"));
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void coinbaseBtc4hHasTheThreeDocumentedGaps() {
        SeriesSummary s = importFile("coinbase-btcusd-4h-2016-2025.csv", Interval.H4);
        assertThat(s.rows()).isEqualTo(20_695);
        assertThat(s.firstOpenMs()).isEqualTo(ms("2016-05-18T04:00:00Z"));
        assertThat(s.lastOpenMs()).isEqualTo(ms("2025-10-28T00:00:00Z"));
        assertThat(s.gaps()).containsExactly(
                new Gap(ms("2017-02-28T20:00:00Z"), ms("2017-02-28T20:00:00Z"), 1),
                new Gap(ms("2018-08-10T04:00:00Z"), ms("2018-08-10T12:00:00Z"), 3),
                new Gap(ms("2025-10-25T16:00:00Z"), ms("2025-10-25T16:00:00Z"), 1));
        assertThat(s.missingBars()).isEqualTo(5);
    }

    @Test
    void coinbaseEth4hHasNineGapsOf26Bars() {
        SeriesSummary s = importFile("coinbase-ethusd-4h-2016-2025.csv", Interval.H4);
        assertThat(s.rows()).isEqualTo(20_675);
        assertThat(s.firstOpenMs()).isEqualTo(ms("2016-05-18T00:00:00Z"));
        assertThat(s.gaps()).hasSize(9);
        assertThat(s.missingBars()).isEqualTo(26);
        assertThat(s.gaps()).contains(new Gap(ms("2016-05-21T00:00:00Z"), ms("2016-05-23T08:00:00Z"), 15));
        assertThat(s.gaps().subList(7, 9)).containsExactly(
                new Gap(ms("2017-02-28T20:00:00Z"), ms("2017-02-28T20:00:00Z"), 1),
                new Gap(ms("2025-10-25T16:00:00Z"), ms("2025-10-25T16:00:00Z"), 1));
    }

    @Test
    void coinbaseEth1dAndBittrex5m() {
        SeriesSummary d = importFile("coinbase-ethusd-1d-2016-2026.csv", Interval.D1);
        assertThat(d.rows()).isEqualTo(3_582);
        assertThat(d.gaps()).containsExactly(new Gap(ms("2016-05-21T00:00:00Z"), ms("2016-05-22T00:00:00Z"), 2));
        assertThat(d.lastOpenMs()).isEqualTo(ms("2026-03-10T00:00:00Z"));
        SeriesSummary b = importFile("bittrex-ethbtc-5m-2018-01.csv", Interval.M5);
        assertThat(b.rows()).isEqualTo(5_760);
        assertThat(b.gaps()).isEmpty();
        assertThat(b.firstOpenMs()).isEqualTo(ms("2018-01-10T04:55:00Z"));
    }

    @Test
    void wrongIntervalForAFileIsRefusedNamingTheRow() {
        // The 1h file (its last 5000 rows) read as 4h: its first row, 02:00, is off the 4h grid (line 2).
        Path csv = Fixtures.writeBtcHourlyLastCsv(dir);
        assertThatThrownBy(() -> CandleFiles.read(csv, Coin.of("BTC"), Interval.H4, NOW))
                .isInstanceOf(UserError.class).hasMessageContaining("line 2").hasMessageContaining("off the 4h grid");
    }

    @Test
    void csvErrorsNameLineAndReason() throws Exception {
        String good = "1510531200000,5886.35,6053.97,5858.01,6046.01,1961.82\n";
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800000,6046.01,6000,6050,5890,1308.4\n",
                "line 3", "< low");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800000,6046.01,6046.01,5850,5890,-1\n",
                "line 3", "negative volume");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800000,0,6046.01,5850,5890,1\n",
                "line 3", "non-positive price");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800001,6046.01,6046.01,5850,5890,1\n",
                "line 3", "off the 1h grid");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + good, "line 3", "duplicate");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800000,abc,6046.01,5850,5890,1\n",
                "line 3", "'abc' is not a number");
        assertError("open_time_ms,open,high,low,close,volume\n" + good + "1510534800000,1,2\n", "line 3", "3 fields");
        assertError("time,open,high,low,close,volume\n" + good, "line 1", "unknown column 'time'");
        assertError("", "empty file", "open_time_ms,open");
    }

    @Test
    void headerOnlyAndEmptyFilesAreRefusedClearly() throws Exception {
        assertError("open_time_ms,open,high,low,close,volume\n", "the header but no candle rows", "nothing to import");
        assertError("open_time_ms,open,high,low,close,volume\n\n\n", "the header but no candle rows");
        assertError("", "empty file", "expected the header open_time_ms,open,high,low,close,volume");
        assertError("\n  \n", "empty file");
        assertError("\nopen_time_ms,open,high,low,close,volume\n", "line 1: blank");
        Path json = dir.resolve("empty.json");
        Files.writeString(json, "[]");
        assertThatThrownBy(() -> CandleFiles.read(json, Coin.of("BTC"), Interval.H1, NOW))
                .isInstanceOf(UserError.class).hasMessageContaining("empty candleSnapshot array");
        // every candle of the recorded snapshot still forming at its recording time minus a day
        Path forming = Fixtures.writeHyperliquidSample("info-candleSnapshot-kPEPE-1h-2023-05-21.json", dir);
        assertThatThrownBy(() -> CandleFiles.read(forming, Coin.of("kPEPE"), Interval.H1, 1684699200000L))
                .isInstanceOf(UserError.class).hasMessageContaining("all 24 candles are still forming");
    }

    /** Real rows (the fixture's first three) with their open times rewritten in another unit. */
    private static String realRowsIn(long factor, long divisor) {
        StringBuilder sb = new StringBuilder(CandleFiles.CSV_HEADER).append('\n');
        var s = Fixtures.btcHourlyFirst(3);
        for (int i = 0; i < s.size(); i++) {
            sb.append(s.openTime(i) * factor / divisor).append(',').append(s.open(i)).append(',').append(s.high(i)).append(',')
                    .append(s.low(i)).append(',').append(s.close(i)).append(',').append(s.volume(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void secondsMicrosecondsAndNanosecondsAreNamedNotImported() throws Exception {
        // 1510531200 s = 2017-11-13: as ms it is 1970-01-18, which the old importer called "off the 1h grid"
        assertError(realRowsIn(1, 1000), "line 2", "open_time_ms 1510531200", "these look like seconds",
                "2017-11-13T00:00:00Z", "multiply by 1000", "nothing imported");
        // as ms, 1510531200000000 is in the year 49836 and on the 1h grid: it used to import
        assertError(realRowsIn(1000, 1), "line 2", "open_time_ms 1510531200000000", "+49836",
                "these look like microseconds", "2017-11-13T00:00:00Z", "divide by 1000", "nothing imported");
        assertError(realRowsIn(1_000_000, 1), "line 2", "these look like nanoseconds", "2017-11-13T00:00:00Z",
                "divide by 1000000");
        assertError(CandleFiles.CSV_HEADER + "\n-5,1,1,1,1,1\n", "line 2", "not an epoch-millisecond time");
        // the same rows in milliseconds import
        Path ok = dir.resolve("ok.csv");
        Files.writeString(ok, realRowsIn(1, 1));
        assertThat(CandleFiles.read(ok, Coin.of("BTC"), Interval.H1, NOW).candles()).hasSize(3);
    }

    @Test
    void epochUnitsBoundaries() {
        assertThat(EpochUnits.misread("t", EpochUnits.EARLIEST)).isNull();
        assertThat(EpochUnits.misread("t", EpochUnits.LATEST - 1)).isNull();
        assertThat(EpochUnits.misread("t", 1_700_000_000_000L)).isNull();
        assertThat(EpochUnits.misread("t", 1_700_000_000L)).contains("seconds");
        assertThat(EpochUnits.misread("t", 1_700_000_000_000_000L)).contains("microseconds");
        assertThat(EpochUnits.misread("t", 1_700_000_000_123_456L)).contains("microseconds", "not whole milliseconds");
        assertThat(EpochUnits.misread("t", 1_700_000_000_000_000_000L)).contains("nanoseconds");
        assertThat(EpochUnits.misread("t", Long.MAX_VALUE)).contains("not an epoch-millisecond time");
        assertThat(EpochUnits.misread("t", 0)).contains("not an epoch-millisecond time");
    }

    private void assertError(String csv, String... parts) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, csv);
        assertThatThrownBy(() -> CandleFiles.read(f, Coin.of("BTC"), Interval.H1, NOW))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageContainingAll(parts);
    }

    @Test
    void readsTheRecordedCandleSnapshotJson() {
        Path f = Fixtures.writeHyperliquidSample("info-candleSnapshot-kPEPE-1h-2023-05-21.json", dir);
        CandleFiles.Parsed p = CandleFiles.read(f, Coin.of("kPEPE"), Interval.H1, NOW);
        assertThat(p.candles()).hasSize(24);
        assertThat(p.droppedForming()).isZero();
        assertThat(p.candles().getFirst()).isEqualTo(new Candle(1684699200000L, 1684702799999L,
                0.001601, 0.001616, 0.001601, 0.001604, 520665683.0, 709));
        assertThat(p.candles().getLast().openTime()).isEqualTo(1684782000000L);
        // Recorded at 2023-05-22 19:46: the last candle was still forming then.
        CandleFiles.Parsed atRecording = CandleFiles.read(f, Coin.of("kPEPE"), Interval.H1, 1684784807000L);
        assertThat(atRecording.candles()).hasSize(23);
        assertThat(atRecording.droppedForming()).isEqualTo(1);
        assertThatThrownBy(() -> CandleFiles.read(f, Coin.of("BTC"), Interval.H1, NOW)).hasMessageContaining("coin 'kPEPE'");
        assertThatThrownBy(() -> CandleFiles.read(f, Coin.of("kPEPE"), Interval.H4, NOW)).hasMessageContaining("interval '1h'");
    }
}
