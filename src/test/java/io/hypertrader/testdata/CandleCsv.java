package io.hypertrader.testdata;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads candle CSVs in the datasets' format ({@code open_time_ms,open,high,low,close,volume}) into
 * series for tests, the same way for a fixture and for a shared file, so the same rows give the
 * same doubles bit for bit (the golden runs depend on it).
 */
public final class CandleCsv {
    private CandleCsv() {
    }

    /** Every row of a CSV file (the shipped dataset, a shared file) as a series. */
    public static CandleSeries read(Path csv, String coin, Interval interval) {
        try {
            return series(Files.readString(csv), coin, interval);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code n} rows of a CSV file. */
    public static CandleSeries lastN(Path csv, String coin, Interval interval, int n) {
        CandleSeries all = read(csv, coin, interval);
        return all.slice(Math.max(0, all.size() - n), all.size());
    }

    /** The first {@code n} rows of a CSV file. */
    public static CandleSeries firstN(Path csv, String coin, Interval interval, int n) {
        CandleSeries all = read(csv, coin, interval);
        return all.slice(0, Math.min(n, all.size()));
    }

    /** The rows of CSV text (header and blank lines dropped) as a series. */
    static CandleSeries series(String text, String coin, Interval interval) {
        List<String> rows = text.lines().skip(1).filter(s -> !s.isBlank()).toList();
        int m = rows.size();
        long[] t = new long[m];
        double[] o = new double[m], h = new double[m], l = new double[m], c = new double[m], v = new double[m];
        for (int i = 0; i < m; i++) {
            String[] f = rows.get(i).split(",");
            t[i] = Long.parseLong(f[0].trim());
            o[i] = Double.parseDouble(f[1]);
            h[i] = Double.parseDouble(f[2]);
            l[i] = Double.parseDouble(f[3]);
            c[i] = Double.parseDouble(f[4]);
            v[i] = Double.parseDouble(f[5]);
        }
        return new CandleSeries(Coin.of(coin), interval, t, o, h, l, c, v);
    }
}
