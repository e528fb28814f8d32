package io.hypertrader.bench;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.SyntheticCandles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * DuckDB store figures. On a temporary database file (durable commits, as the CLI uses it):
 * writing 5000 candles through {@link CandleStore#upsert} (validation, Appender into staging,
 * update + insert, commit) into an empty series, re-writing them (all updates), and reading them
 * back into a CandleSeries; and the same write into an in-memory database (no disk).
 */
final class DataBench implements BenchSection {
    static final String WRITE = "DuckDB write 5000 candles (Appender, warm)";
    static final String READ = "DuckDB read 5000 candles";
    static final String REWRITE = "DuckDB re-write 5000 stored candles (upsert)";
    static final String MEMORY = "DuckDB write 5000 candles, in-memory DB";

    @Override
    public String name() {
        return "data";
    }

    /** What the benchmark's throw-away rows are stamped with: their time means nothing, so no clock is read. */
    private static final InstantSource THROWAWAY_STAMP = InstantSource.fixed(java.time.Instant.EPOCH);

    @Override
    public List<BenchRow> run(BenchOptions o) {
        List<Candle> candles = SyntheticCandles.generate(SyntheticCandles.Params.btc1h(1, 5000));
        Coin coin = Coin.of("BENCH");
        Path dir;
        try {
            dir = Files.createTempDirectory("hypertrader-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Database db = Database.open(dir.resolve("bench.duckdb"))) {
            CandleStore store = new CandleStore(db, THROWAWAY_STAMP);
            double write = Timing.medianMillis(o, new Timing.Task() {
                @Override
                public void setUp() {
                    store.delete(coin, Interval.H1);
                }

                @Override
                public void run() {
                    store.upsert(coin, Interval.H1, candles, "bench");
                }
            });
            long[] sink = {0};
            double read = Timing.medianMillis(o, () -> sink[0] += store.series(coin, Interval.H1).size());
            if (sink[0] == 0) {
                throw new IllegalStateException("read benchmark read nothing");
            }
            double rewrite = Timing.medianMillis(o, () -> store.upsert(coin, Interval.H1, candles, "bench"));
            double memory;
            try (Database mem = Database.inMemory()) {
                CandleStore m = new CandleStore(mem, THROWAWAY_STAMP);
                memory = Timing.medianMillis(o, new Timing.Task() {
                    @Override
                    public void setUp() {
                        m.delete(coin, Interval.H1);
                    }

                    @Override
                    public void run() {
                        m.upsert(coin, Interval.H1, candles, "bench");
                    }
                });
            }
            return List.of(BenchRow.lowerIsBetter(WRITE, write, 20, "ms"),
                    BenchRow.lowerIsBetter(REWRITE, rewrite, Double.NaN, "ms"),
                    BenchRow.lowerIsBetter(MEMORY, memory, Double.NaN, "ms"),
                    BenchRow.lowerIsBetter(READ, read, Double.NaN, "ms"));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp dir: best effort
            }
        }
    }
}
