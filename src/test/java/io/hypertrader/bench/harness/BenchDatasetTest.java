package io.hypertrader.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.testdata.SharedDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class BenchDatasetTest {

    @TempDir
    Path dir;

    private Path csv(String name, String... rows) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "open_time_ms,open,high,low,close,volume\n" + String.join("\n", rows) + "\n");
        return p;
    }

    @Test
    void sharedSeriesGivesItsLast5000Candles() {
        SharedDatasets.require("the benchmark reads its candles from the shared Coinbase BTC 1h file");
        BenchDataset d = BenchDataset.load(5000);
        assertThat(d.name()).isEqualTo("coinbase-btcusd-1h-2017-2019.csv");
        assertThat(d.candles().size()).isEqualTo(5000);
        assertThat(d.candles().interval()).isEqualTo(Interval.H1);
        // The file's last row (SOURCES.md: last open 2019-10-17 09:00 UTC).
        assertThat(d.candles().openTime(4999)).isEqualTo(1571302800000L);
        assertThat(d.candles().openTime(0)).isEqualTo(1571302800000L - 4999 * 3_600_000L);
    }

    @Test
    void fallsBackWhenThePrimaryIsAbsent() throws IOException {
        Path fallback = csv("synthetic.csv",
                "1699999200000,10,11,9,10.5,1", "1700002800000,10.5,12,10,11,2", "1700006400000,11,11.5,10.5,11.2,3");
        BenchDataset d = BenchDataset.load(dir.resolve("absent.csv"), fallback, 2);
        assertThat(d.source()).isEqualTo(fallback);
        assertThat(d.candles().size()).isEqualTo(2);
        assertThat(d.candles().close(1)).isEqualTo(11.2);
    }

    @Test
    void theShippedSyntheticSeriesIsTheFallbackWithoutShared() {
        BenchDataset d = BenchDataset.load(dir.resolve("no-shared.csv"), Path.of(BenchDataset.SHIPPED_CSV), 5000);
        assertThat(d.name()).isEqualTo("synthetic-btc-1h.csv");
        assertThat(d.candles().size()).isEqualTo(5000);
    }

    @Test
    void neitherFileIsDataMissingNamingBoth() {
        assertThatThrownBy(() -> BenchDataset.load(dir.resolve("a.csv"), dir.resolve("b.csv"), 10))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.DATA_MISSING))
                .hasMessageContaining("a.csv").hasMessageContaining("b.csv");
    }

    @Test
    void corruptRowRefusesTheFileNamingTheLine() throws IOException {
        Path bad = csv("bad.csv", "1699999200000,10,11,9,10.5,1", "1700002800000,10.5,9,10,11,2");
        assertThatThrownBy(() -> BenchDataset.load(bad, bad, 2))
                .isInstanceOf(UserError.class).hasMessageContaining("line 3").hasMessageContaining("high");
    }

    @Test
    void tooFewCandlesIsAUsageError() throws IOException {
        Path small = csv("small.csv", "1699999200000,10,11,9,10.5,1", "1700002800000,10.5,12,10,11,2");
        assertThatThrownBy(() -> BenchDataset.load(small, small, 5000))
                .isInstanceOf(UserError.class).hasMessageContaining("has 2 candles");
    }
}
