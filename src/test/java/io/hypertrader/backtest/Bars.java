package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;

import java.util.ArrayList;
import java.util.List;

/** Builds crafted candle series for tests: hourly bars from a fixed start, default volume 1000. */
public final class Bars {
    public static final long T0 = 1_700_000_000_000L / 3_600_000L * 3_600_000L;

    private final Coin coin;
    private final Interval interval;
    private final List<double[]> rows = new ArrayList<>();

    public Bars(String coin) {
        this(coin, Interval.H1);
    }

    public Bars(String coin, Interval interval) {
        this.coin = Coin.of(coin);
        this.interval = interval;
    }

    public Bars bar(double o, double h, double l, double c) {
        return bar(o, h, l, c, 1000);
    }

    public Bars bar(double o, double h, double l, double c, double v) {
        rows.add(new double[]{o, h, l, c, v});
        return this;
    }

    /** {@code count} flat bars at price p (a warm-up with zero range). */
    public Bars flat(int count, double p) {
        for (int i = 0; i < count; i++) {
            bar(p, p, p, p);
        }
        return this;
    }

    /** {@code count} flat bars at price p with volume v. */
    public Bars flat(int count, double p, double v) {
        for (int i = 0; i < count; i++) {
            bar(p, p, p, p, v);
        }
        return this;
    }

    /** A bar from the previous close to c with extremes just covering the move. */
    public Bars to(double c) {
        double o = last();
        return bar(o, Math.max(o, c), Math.min(o, c), c);
    }

    public double last() {
        return rows.get(rows.size() - 1)[3];
    }

    public int size() {
        return rows.size();
    }

    public CandleSeries series() {
        int n = rows.size();
        long[] t = new long[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            t[i] = T0 + i * interval.millis();
            o[i] = r[0];
            h[i] = r[1];
            l[i] = r[2];
            c[i] = r[3];
            v[i] = r[4];
        }
        return new CandleSeries(coin, interval, t, o, h, l, c, v);
    }

    /** The series reflected around {@code k}: price p becomes 2k - p (high and low swap). */
    public static CandleSeries reflect(CandleSeries s, double k) {
        int n = s.size();
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n];
        for (int i = 0; i < n; i++) {
            o[i] = 2 * k - s.open(i);
            h[i] = 2 * k - s.low(i);
            l[i] = 2 * k - s.high(i);
            c[i] = 2 * k - s.close(i);
        }
        return new CandleSeries(s.coin(), s.interval(), s.openTimes().clone(), o, h, l, c, s.volumes().clone());
    }
}
