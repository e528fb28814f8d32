package io.hypertrader.backtest;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.portfolio.Account;
import io.hypertrader.strategy.LegView;

/**
 * The per-step result columns of a replay (the equity curve and what stands beside it in
 * {@link BacktestResult}): one row per replay step, written after the step's bars closed, from
 * the account and each coin's legs ({@link #record}), or by the quiet-bar fast path from the
 * figures it already holds ({@link #quietRow}).
 *
 * <p>Columns are arrays indexed by step (and coin): the run hands them to its result as they are.
 */
final class ResultColumns {

    private final int n;
    private final Account account;
    private final Coin[] coinOf;
    /** Each coin's strategy as a {@link LegView}, or null: then the legs are the position's sides. */
    private final LegView[] legs;
    /** The replay's open times: one coin's are its bars' (read only, not copied). */
    private final long[] steps;

    final long[] times;
    final double[] equity;
    final double[] cash;
    final double[] margin;
    final double[] savings;
    final double[][] pos;
    final double[][] longLeg;
    final double[][] shortLeg;
    final double[][] mark;

    /** The first coin's columns of {@link #pos}, {@link #longLeg}, {@link #shortLeg}: the fast path writes them per bar. */
    private final double[] firstPos;
    private final double[] firstLongLeg;
    private final double[] firstShortLeg;

    /** The first coin's legs at the last {@link #record}ed step: an absorbed quiet bar keeps them. */
    private double lastLongLeg;
    private double lastShortLeg;

    ResultColumns(long[] steps, CandleSeries[] series, Account account, Coin[] coinOf, LegView[] legs) {
        this.n = series.length;
        this.account = account;
        this.coinOf = coinOf;
        this.legs = legs;
        this.steps = steps;
        int m = steps.length;
        // one coin: the steps are its bars, so the times column is its open times (read only, not copied)
        times = n == 1 ? steps : new long[m];
        equity = new double[m];
        cash = new double[m];
        margin = new double[m];
        savings = new double[m];
        pos = new double[n][m];
        longLeg = new double[n][m];
        shortLeg = new double[n][m];
        // one coin: after each bar the mark is its close (record checks it), so the mark column is the closes
        mark = n == 1 ? new double[][]{series[0].closes()} : new double[n][m];
        firstPos = pos[0];
        firstLongLeg = longLeg[0];
        firstShortLeg = shortLeg[0];
    }

    /** The row of step k (open time t), from the account and the legs as they stand after it. */
    void record(int k, long t) {
        if (times != steps) {
            times[k] = t;
        }
        equity[k] = account.totalValue();
        cash[k] = account.cash();
        margin[k] = account.initialMargin();
        savings[k] = account.savings();
        for (int c = 0; c < n; c++) {
            double p = account.position(c);
            pos[c][k] = p;
            if (n == 1) {
                if (account.mark(c) != mark[c][k]) { // the replay ends every bar at its close
                    throw new IllegalStateException("mark " + account.mark(c) + " is not the close " + mark[c][k]
                            + " after the bar at " + t);
                }
            } else {
                mark[c][k] = account.mark(c);
            }
            LegView lv = legs[c];
            if (lv != null) {
                longLeg[c][k] = lv.longLeg(coinOf[c]);
                shortLeg[c][k] = lv.shortLeg(coinOf[c]);
            } else {
                longLeg[c][k] = Math.max(0, p);
                shortLeg[c][k] = Math.max(0, -p);
            }
        }
        lastLongLeg = longLeg[0][k];
        lastShortLeg = shortLeg[0][k];
    }

    /**
     * The row of step k of the one coin for a bar the fast path absorbed: {@link #record}'s
     * arithmetic (Account's equity and initial margin) with the mark at the bar's close
     * {@code close}, the position {@code p} at {@code entry} and the legs of the last recorded step.
     */
    void quietRow(int k, double p, double entry, double leverage, double close, double cashNow, double savingsNow) {
        equity[k] = (p == 0 ? cashNow : cashNow + p * (close - entry)) + savingsNow;
        cash[k] = cashNow;
        margin[k] = p == 0 ? 0 : Math.abs(p) * close / leverage;
        savings[k] = savingsNow;
        firstPos[k] = p;
        firstLongLeg[k] = lastLongLeg;
        firstShortLeg[k] = lastShortLeg;
    }

    /** Largest fall of the equity column from its running peak (starting at {@code initial}), fraction of the peak. */
    double maxDrawdown(double initial) {
        double peak = initial;
        double mdd = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            // divide only where the drawdown may be a new maximum: below the peak by more than a hair
            // under mdd (a division is exact to half an ulp, so the skipped ones could not win)
            if (peak > 0 && peak - e > mdd * peak * (1 - 1e-12)) {
                mdd = Math.max(mdd, (peak - e) / peak);
            }
        }
        return mdd;
    }
}
