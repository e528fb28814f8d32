package io.hypertrader.backtest;

import io.hypertrader.core.BarPath;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.kernel.KernelMarket;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;

/**
 * The quiet-bar fast path of a one-coin replay (docs/engine.md, "Quiet bars: the replay's fast
 * path"): consecutive bars in which nothing but marks, funding at their opens and what the
 * strategy absorbs can happen are taken whole, without their paths, to the same result to the
 * bit as {@link BarStepper} would give (the equivalence tests compare the two). A bar is quiet
 * when the venue has no order in flight or resting, no funding settlement falls inside it, its
 * range stays clear of liquidation and the strategy absorbs it
 * ({@link QuietBarAbsorber#absorbQuietBar}); the bar it stops at goes back to the stepper.
 *
 * <p>All of the fast path is here; the venue's side of it are the quiet-bar methods of
 * {@link SimulatedVenue}, the strategy's {@link QuietBarAbsorber}, and a bar's points come from
 * {@link BarPath} through {@link QuietBar}, exactly as the stepper's.
 */
final class QuietBarPath {

    private static final int COIN = 0;

    private final SimulatedVenue venue;
    private final Account account;
    private final KernelMarket market;
    private final QuietBarAbsorber strategy;
    private final Coin coin;
    /** The strategy sees every price point (four per bar), not only the close. */
    private final boolean intrabar;
    private final PathMode path;
    /** Each bar's Parkinson variance, or null when no model reads the market state. */
    private final double[] variance;
    private final long barMs;
    private final long[] steps;
    private final BarStepper stepper;
    private final ResultColumns columns;
    /** The coin's candle columns. */
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final QuietBar quiet = new QuietBar();

    /** Bars absorbed (a diagnostic in the summary), and the step of the last one. */
    int quietBars;
    private int lastQuiet = -1;
    /**
     * Close mode: the current bar's path was taken to its close, because nothing could happen
     * before it; the stepper finishes it from there ({@link BarStepper#finishAtClose}).
     */
    private boolean closeReady;

    QuietBarPath(CandleSeries series, SimulatedVenue venue, Account account, KernelMarket market,
                 QuietBarAbsorber strategy, boolean intrabar, PathMode path, double[] variance, long[] steps,
                 BarStepper stepper, ResultColumns columns) {
        this.venue = venue;
        this.account = account;
        this.market = market;
        this.strategy = strategy;
        this.coin = series.coin();
        this.intrabar = intrabar;
        this.path = path;
        this.variance = variance;
        this.barMs = series.interval().millis();
        this.steps = steps;
        this.stepper = stepper;
        this.columns = columns;
        open = series.opens();
        high = series.highs();
        low = series.lows();
        close = series.closes();
        volume = series.volumes();
    }

    /**
     * Takes consecutive bars whole from step k0 on while they are quiet, and returns how many it
     * took. The bar it stops at must be replayed, possibly after the stepper's
     * {@link BarStepper#barBegun} (then {@link BarStepper#step} carries on from there, with the
     * same result), or finished at its close ({@link #finish}).
     *
     * <p>What no quiet bar can change is read once: no order can appear, so position,
     * entry, leverage, savings and the strategy's legs stay. The venue's path, mark and
     * segment liquidity stay at the last replayed point: nothing reads them until the next
     * replayed bar jumps to its open (or {@link #end} at the end). So a quiet bar
     * costs its funding, its checks, the strategy's absorb and its result row.
     */
    int run(int k0, int m) {
        final int c = COIN;
        if (!venue.noOrders(c)) {
            return 0;
        }
        final double p = account.position(c);
        final double entry = account.entry(c);
        final double leverage = account.leverage(c);
        final double savingsNow = account.savings();
        quiet.startRun(coin, barMs, intrabar, p, entry);
        final boolean track = venue.tracksMarketState();
        // these move only when funding is paid: kept in locals until then
        double cashNow = account.cash();
        double liquidationBound = venue.liquidationBound(c);
        long nextFunding = venue.nextFundingTime(c);
        final double[] var = variance;
        final long bar = barMs;
        int k = k0;
        for (; k < m; k++) { // one coin: step k is bar k
            long t = steps[k];
            double o = open[k], h = high[k], l = low[k], cl = close[k], v = volume[k];
            if (track) {
                venue.pushMarketWindow(c, cl, v, var[k]);
            }
            if (nextFunding <= t) {
                venue.quietOpen(c, t, o); // pays at the open
                nextFunding = venue.nextFundingTime(c);
                cashNow = account.cash();
                liquidationBound = venue.liquidationBound(c);
            }
            long t3 = BarPath.closeTime(t, bar);
            if (nextFunding <= t3 || (p > 0 ? !(l > liquidationBound) : p < 0 && !(h < liquidationBound))) {
                stepper.barBegun = true; // window pushed, funding at the open paid: step() carries on from there
                break;
            }
            // the bar as the strategy would see it (its points, the equity the venue would show at each)
            quiet.bar(t, o, h, l, cl, v, cashNow, intrabar && path.lowFirst(o, cl, p));
            if (!strategy.absorbQuietBar(quiet)) {
                stepper.barBegun = true;
                // close mode: the strategy sees only the close, and nothing can happen on the
                // path before it (the checks above), so the path may go straight there
                closeReady = !intrabar;
                break;
            }
            // the row record() would write, unrolled: the mark at the close, the legs the last step's (see above)
            columns.quietRow(k, p, entry, leverage, cl, cashNow, savingsNow);
        }
        int taken = k - k0;
        if (taken > 0) {
            int last = k - 1;
            long t3 = BarPath.closeTime(steps[last], bar);
            venue.quietBarsPassed(c, taken);
            market.set(c, t3, close[last]);
            stepper.barIndex[c] = k;
            stepper.lastTime = Math.max(stepper.lastTime, t3);
            lastQuiet = last;
            quietBars += taken;
        }
        if (closeReady) {
            venue.quietBarsPassed(c, 1);
            venue.quietBarsEnd(c, BarPath.closeTime(steps[k], bar), close[k], volume[k]);
        }
        return taken;
    }

    /**
     * Step k after {@link #run} stopped at it: in close mode with the path at the bar's close,
     * the stepper finishes the bar from there; otherwise it replays the bar.
     */
    void finish(int k) {
        if (closeReady) {
            stepper.finishAtClose(k, close[k]);
            closeReady = false;
        } else {
            stepper.step(k);
        }
    }

    /** After the last of m steps: when it was quiet, the venue's path and mark go to its close. */
    void end(int m) {
        if (m > 0 && lastQuiet == m - 1) {
            int i = close.length - 1;
            venue.quietBarsEnd(COIN, BarPath.closeTime(steps[i], barMs), close[i], volume[i]);
        }
    }
}
