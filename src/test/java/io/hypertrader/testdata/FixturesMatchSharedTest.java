package io.hypertrader.testdata;

import io.hypertrader.bench.harness.BenchDataset;
import io.hypertrader.core.CandleSeries;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures are what their README says: exact slices of the shared files (checked whenever
 * ../shared is present, so always on CI), and in their own right real, ordered hourly candles.
 */
class FixturesMatchSharedTest {

    @Test
    void candleSlicesAreTheSharedFilesRowsByteForByte() throws IOException {
        Path shared = SharedDatasets.file(Fixtures.BTC_1H, "to compare the fixtures with their source");
        List<String> lines = Files.readAllLines(shared, StandardCharsets.UTF_8);
        List<String> first = Fixtures.text(Fixtures.FIRST_RESOURCE).lines().toList();
        List<String> last = Fixtures.text(Fixtures.LAST_RESOURCE).lines().toList();
        assertThat(first).containsExactlyElementsOf(lines.subList(0, Fixtures.BTC_1H_FIRST_ROWS + 1));
        assertThat(last.getFirst()).isEqualTo(lines.getFirst());
        assertThat(last.subList(1, last.size()))
                .containsExactlyElementsOf(lines.subList(lines.size() - Fixtures.BTC_1H_LAST_ROWS, lines.size()));
    }

    @Test
    void theLastSliceIsTheBenchmarksCandles() {
        SharedDatasets.require("to compare the fixture with the benchmark's candles");
        CandleSeries bench = BenchDataset.load(Fixtures.BTC_1H_LAST_ROWS).candles();
        CandleSeries fixture = Fixtures.btcHourlyLast(Fixtures.BTC_1H_LAST_ROWS);
        assertThat(fixture.openTimes()).containsExactly(bench.openTimes());
        assertThat(fixture.closes()).containsExactly(bench.closes());
        assertThat(fixture.highs()).containsExactly(bench.highs());
        assertThat(fixture.lows()).containsExactly(bench.lows());
    }

    @Test
    void hyperliquidSamplesAreTheSharedFilesByteForByte() throws IOException {
        Path dir = SharedDatasets.require("to compare the recorded responses with their source").resolve("hyperliquid-samples");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            assertThat(all).hasSize(13);
            for (Path f : all) {
                String name = f.getFileName().toString();
                if (name.equals(Fixtures.SHARED_ONLY_SAMPLE)) {
                    continue; // read from ../shared by its test, not copied into the project
                }
                assertThat(Fixtures.hyperliquidSample(name)).as(name).isEqualTo(Files.readAllBytes(f));
            }
        }
    }

    @Test
    void slicesAreContiguousHourlyRowsWhereTheReadmeSaysTheyStartAndEnd() {
        CandleSeries first = Fixtures.btcHourlyFirst(Fixtures.BTC_1H_FIRST_ROWS);
        CandleSeries last = Fixtures.btcHourlyLast(Fixtures.BTC_1H_LAST_ROWS);
        assertThat(first.openTime(0)).isEqualTo(1_510_531_200_000L); // 2017-11-13 00:00 UTC
        assertThat(first.openTime(first.size() - 1)).isEqualTo(1_521_327_600_000L); // 2018-03-17 23:00
        assertThat(last.openTime(0)).isEqualTo(1_553_306_400_000L); // 2019-03-23 02:00
        assertThat(last.openTime(last.size() - 1)).isEqualTo(1_571_302_800_000L); // 2019-10-17 09:00
        for (CandleSeries s : List.of(first, last)) {
            for (int i = 1; i < s.size(); i++) {
                assertThat(s.openTime(i) - s.openTime(i - 1)).isEqualTo(3_600_000L);
                assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
                assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i)));
            }
        }
        assertThat(Fixtures.btcHourlyLast(1500).openTime(0)).isEqualTo(last.openTime(3500));
    }
}
