package io.hypertrader.bench.harness;

import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;

import io.hypertrader.data.CandleFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The candles every benchmark section runs on: the last {@code n} hourly bars of
 * {@value #SHARED_CSV} under the shared folder (system property {@value #SHARED_PROPERTY},
 * default {@code ../shared}), or of the shipped {@value #SHIPPED_CSV} when the shared file is
 * absent.
 *
 * @param name    the file name the candles came from (printed in the bench header)
 * @param source  the file read
 * @param candles the last {@code n} candles, time-ascending
 */
public record BenchDataset(String name, Path source, CandleSeries candles) {

    /** System property naming the shared data folder (Surefire sets it to {@code ../shared}). */
    public static final String SHARED_PROPERTY = "hypertrader.shared";
    /** The benchmark series, relative to the shared folder. */
    public static final String SHARED_CSV = "datasets/coinbase-btcusd-1h-2017-2019.csv";
    /** The fallback shipped with the project, relative to the working directory. */
    public static final String SHIPPED_CSV = "datasets/synthetic-btc-1h.csv";
    /** Both benchmark series are hourly. */
    public static final Interval INTERVAL = Interval.H1;

    /** The shared folder: the system property, else {@code ../shared}. */
    public static Path sharedDir() {
        String p = System.getProperty(SHARED_PROPERTY);
        return Path.of(p != null && !p.isBlank() ? p : "../shared");
    }

    /** The last {@code n} candles of the benchmark series (see the class comment). */
    public static BenchDataset load(int n) {
        return load(sharedDir().resolve(SHARED_CSV), Path.of(SHIPPED_CSV), n);
    }

    /** The last {@code n} candles of {@code primary}, or of {@code fallback} when primary is absent. */
    public static BenchDataset load(Path primary, Path fallback, int n) {
        Path file = Files.isRegularFile(primary) ? primary : fallback;
        if (!Files.isRegularFile(file)) {
            throw UserError.dataMissing("no benchmark candles: neither " + primary + " (the shared dataset; set -D"
                    + SHARED_PROPERTY + "=DIR) nor the shipped " + fallback + " exists; run from the project folder");
        }
        CandleSeries all = readCsv(file, Coin.of("BTC"));
        if (all.size() < n) {
            throw UserError.usage(file + " has " + all.size() + " candles; the benchmark needs at least " + n);
        }
        return new BenchDataset(file.getFileName().toString(), file, all.slice(all.size() - n, all.size()));
    }

    /** Reads and validates a 1h candle CSV with the data package's importer (any bad row refuses the file). */
    static CandleSeries readCsv(Path file, Coin coin) {
        List<Candle> candles = CandleFiles.read(file, coin, INTERVAL, Long.MAX_VALUE).candles();
        if (candles.size() < 2) {
            throw UserError.usage(file + ": fewer than 2 candles");
        }
        return CandleSeries.of(coin, INTERVAL, candles);
    }
}
