package io.hypertrader.sim;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.sim.model.MarketState;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What the latency and slippage models read about each coin's market (docs/simulator.md, "The
 * models"): the current bar's Parkinson volatility and, over a trailing window of earlier bars
 * ({@code slippage.windowHours} long), the daily volatility and the average daily traded value.
 * Every bar joins the window in order, quiet or not ({@link #push}); the square roots are taken
 * only when a model reads the state ({@link #state}), which most bars never do.
 *
 * <p>Nothing is tracked when no model reads the market state: then {@link #push} does nothing
 * and {@link #state} returns the bar length alone.
 */
final class MarketWindow {

    private static final double FOUR_LN2 = 4 * Math.log(2);

    private final boolean tracked;
    private final MarketState[] market;
    private final double[] barsPerDay;

    // the trailing window per coin: a ring of each bar's variance and traded value (USDC), and their sums
    private final int[] windowBars;
    private final double[][] windowVariance;
    private final double[][] windowUsd;
    private final int[] windowCount;
    private final int[] windowHead;
    private final double[] windowVarianceSum;
    private final double[] windowUsdSum;

    // the current bar's inputs to its market state, and the window as it was before the bar joined it
    private final double[] barVariance;
    private final double[] barUsd;
    private final double[] priorVarianceSum;
    private final double[] priorUsdSum;
    private final int[] priorCount;
    /** The bar's state in {@link #market} is derived already (by an earlier read in the bar). */
    private final boolean[] derived;

    MarketWindow(int coins, long barMs, int windowHours, boolean tracked) {
        this.tracked = tracked;
        market = new MarketState[coins];
        barsPerDay = new double[coins];
        windowBars = new int[coins];
        windowVariance = new double[coins][];
        windowUsd = new double[coins][];
        windowCount = new int[coins];
        windowHead = new int[coins];
        windowVarianceSum = new double[coins];
        windowUsdSum = new double[coins];
        barVariance = new double[coins];
        barUsd = new double[coins];
        priorVarianceSum = new double[coins];
        priorUsdSum = new double[coins];
        priorCount = new int[coins];
        derived = new boolean[coins];
        for (int c = 0; c < coins; c++) {
            market[c] = new MarketState();
            market[c].barMs = barMs;
            barsPerDay[c] = 86_400_000.0 / market[c].barMs;
            int wb = (int) Math.max(1, Math.round(windowHours * 3_600_000.0 / barMs));
            windowBars[c] = wb;
            windowVariance[c] = new double[wb];
            windowUsd[c] = new double[wb];
        }
    }

    /** True when a model reads the market state (then the replay passes per-bar variances). */
    boolean tracked() {
        return tracked;
    }

    /**
     * Coin c's next bar: its Parkinson variance and traded value become the current bar's (the
     * state is derived from them on first use), and the bar joins the window for the bars after it.
     */
    void push(int c, double close, double volume, double parkinsonVar) {
        if (!tracked) {
            return;
        }
        double var = parkinsonVar;
        double usd = volume * close;
        barVariance[c] = var;
        barUsd[c] = usd;
        priorVarianceSum[c] = windowVarianceSum[c];
        priorUsdSum[c] = windowUsdSum[c];
        priorCount[c] = windowCount[c];
        derived[c] = false;
        int wb = windowBars[c];
        int h = windowHead[c];
        double[] wv = windowVariance[c];
        double[] wu = windowUsd[c];
        if (windowCount[c] == wb) {
            windowVarianceSum[c] -= wv[h];
            windowUsdSum[c] -= wu[h];
        } else {
            windowCount[c]++;
        }
        wv[h] = var;
        wu[h] = usd;
        windowVarianceSum[c] += var;
        windowUsdSum[c] += usd;
        windowHead[c] = h + 1 == wb ? 0 : h + 1;
    }

    /**
     * The market state of coin c for the current bar (the bar's Parkinson volatility; daily
     * volatility and traded value over the trailing window of earlier bars, or this bar when
     * there are none), derived on first use: most bars see no fill, so the square roots are
     * taken only when a model reads them.
     */
    MarketState state(int c) {
        MarketState m = market[c];
        if (!tracked || derived[c]) {
            return m;
        }
        double var = barVariance[c];
        m.sigmaBar = Math.sqrt(var);
        double perDay = barsPerDay[c];
        if (priorCount[c] > 0) {
            m.sigmaDay = Math.sqrt(priorVarianceSum[c] / priorCount[c] * perDay);
            m.advUsd = priorUsdSum[c] / priorCount[c] * perDay;
        } else {
            m.sigmaDay = Math.sqrt(var * perDay);
            m.advUsd = barUsd[c] * perDay;
        }
        derived[c] = true;
        return m;
    }

    /** The live book's half spread of coin c (NaN: the profile's constant); see {@link SimulatedVenue#setLiveHalfSpread}. */
    void setLiveHalfSpread(int c, double halfSpread) {
        market[c].liveHalfSpread = halfSpread;
    }

    /** Parkinson variance of one bar, ln(H/L)^2 / (4 ln 2), 0 without a positive range: the one formula. */
    static double parkinsonVariance(double high, double low) {
        double lr = low > 0 && high > 0 ? Math.log(high / low) : 0;
        return lr * lr / FOUR_LN2;
    }

    private record Variances(double[] lows, double[] var) {
    }

    /** Per series (keyed by its highs array, checked against its lows), collected with the series. */
    private static final Map<double[], Variances> VARIANCES = Collections.synchronizedMap(new WeakHashMap<>());

    /** {@link #parkinsonVariance} of every bar of a series, cached per series; see {@link SimulatedVenue#parkinsonVariances}. */
    static double[] parkinsonVariances(CandleSeries s) {
        double[] h = s.highs();
        double[] l = s.lows();
        Variances v = VARIANCES.get(h);
        if (v != null && v.lows() == l && v.var().length == h.length) {
            return v.var();
        }
        double[] var = new double[h.length];
        for (int i = 0; i < var.length; i++) {
            var[i] = parkinsonVariance(h[i], l[i]);
        }
        VARIANCES.put(h, new Variances(l, var));
        return var;
    }
}
