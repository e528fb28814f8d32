package io.hypertrader.bench.harness;

import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The candles every benchmark section runs on: the last {@code n} bars of
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
    private static final String HEADER = "open_time_ms,open,high,low,close,volume";

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

    /**
     * Reads a candle CSV with header {@value #HEADER} (open time in UTC epoch ms, bar start). The
     * interval is the step between the first two rows. Any corrupt row refuses the whole file.
     */
    static CandleSeries readCsv(Path file, Coin coin) {
        List<double[]> rows = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw UserError.usage(file + ": header must be '" + HEADER + "', got '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 6) {
                    throw UserError.usage(file + " line " + lineNo + ": expected 6 fields, got " + f.length);
                }
                try {
                    times.add(Long.parseLong(f[0].strip()));
                    rows.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])});
                } catch (NumberFormatException e) {
                    throw UserError.usage(file + " line " + lineNo + ": not a number: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (times.size() < 2) {
            throw UserError.usage(file + ": fewer than 2 candles");
        }
        Interval interval = intervalOf(file, times.get(1) - times.get(0));
        List<Candle> candles = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++) {
            double[] v = rows.get(i);
            long t = times.get(i);
            Candle c = new Candle(t, t + interval.millis() - 1, v[0], v[1], v[2], v[3], v[4], -1);
            String problem = c.problem();
            if (problem != null) {
                throw UserError.usage(file + " line " + (i + 2) + " (open_time_ms " + t + "): " + problem);
            }
            candles.add(c);
        }
        try {
            return CandleSeries.of(coin, interval, candles);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(file + ": " + e.getMessage());
        }
    }

    private static Interval intervalOf(Path file, long stepMs) {
        for (Interval i : Interval.values()) {
            if (i.fixedLength() && i.millis() == stepMs) {
                return i;
            }
        }
        throw UserError.usage(file + ": the first two rows are " + stepMs + " ms apart, not a known interval");
    }
}
