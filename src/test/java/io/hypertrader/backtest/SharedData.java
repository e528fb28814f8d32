package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the shared real datasets (open_time_ms,open,high,low,close,volume) for tests. */
public final class SharedData {
    private SharedData() {
    }

    public static Path shared() {
        return Path.of(System.getProperty("hypertrader.shared", "../shared"));
    }

    /** The last {@code n} rows of a shared CSV as a series. */
    public static CandleSeries lastN(String file, String coin, Interval interval, int n) {
        List<String> rows = rows(shared().resolve("datasets").resolve(file));
        return series(rows.subList(Math.max(0, rows.size() - n), rows.size()), coin, interval);
    }

    /** The first {@code n} rows of a shared CSV as a series. */
    public static CandleSeries firstN(String file, String coin, Interval interval, int n) {
        List<String> rows = rows(shared().resolve("datasets").resolve(file));
        return series(rows.subList(0, Math.min(n, rows.size())), coin, interval);
    }

    /** Every row of a CSV in the import format (any path, e.g. the project's shipped dataset) as a series. */
    public static CandleSeries all(Path csv, String coin, Interval interval) {
        return series(rows(csv), coin, interval);
    }

    /** The data rows: header and blank lines dropped. */
    private static List<String> rows(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv);
            return lines.subList(1, lines.size()).stream().filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CandleSeries series(List<String> rows, String coin, Interval interval) {
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
