package io.hypertrader.backtest;

import io.hypertrader.kernel.KernelMarket;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.kernel.TradingKernel;

import io.hypertrader.core.BarPath;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.Account;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskGuardedStrategy;
import io.hypertrader.risk.RiskManager;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyJournal;
import io.hypertrader.strategy.TransitionRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The replay source of the one {@link TradingKernel}: walks candle series bar by bar, in time
 * order, along each bar's price path, moving one {@link SimulatedVenue} in replay time and handing
 * every price point, trigger crossing and bar close to the kernel (which drives the strategies and
 * lets the venue act after each callback, exactly as paper and live do); returns a
 * {@link BacktestResult}. Pure and deterministic: no I/O, no
 * wall clock; the same input, strategies and seed give the same event-log hash.
 *
 * <p>Per replay step (one distinct open time), for every coin with a bar at that time, phase by
 * phase: the open (a jump), then the three path segments (open to first extreme, to the second,
 * to the close). Inside a segment the loop stops at venue events (orders arriving, resting
 * orders crossed) and, in intrabar mode, at the exact crossing of the strategy's trigger
 * prices. Coins are interleaved per phase, so a portfolio shares one clock to within a third of
 * a bar.
 *
 * <p>Risk: with {@link BacktestInput#risk()} set, one {@link RiskManager} for the account guards
 * every strategy through a {@link RiskGuardedStrategy}, exactly as in paper and live runs (its
 * account view spans every slot's coins, so total leverage and open coins are account-wide). Its
 * events are decisions: each is hashed into the event log when it happens and kept in the result;
 * orders it refused are kept as REJECTED records with code RISK.
 *
 * <p>Quiet bars (one coin): a bar in which nothing but marks and funding at its open can happen
 * (no order in flight or resting, no funding inside, the range clear of liquidation, and the
 * strategy absorbs it through {@link QuietBarAbsorber#absorbQuietBar}) is taken whole, without its path;
 * the result is the same to the bit ({@link #runPointByPoint} is the reference the tests compare
 * with). See docs/engine.md, "Quiet bars".
 *
 * <p>Hot path: primitive arrays, no maps, no per-point objects; records are created only for
 * orders, fills and cycles.
 */
public final class Backtester {

    private Backtester() {
    }

    /** Runs the strategies over the input. Each coin of the input must belong to exactly one slot. */
    public static BacktestResult run(BacktestInput in, List<StrategySlot> slots) {
        return new Run(in, slots, true).execute();
    }

    /**
     * {@link #run} without the quiet-bar fast path: every bar point by point. The result is the
     * same to the bit (the equivalence tests compare the two); this is the reference they use.
     */
    public static BacktestResult runPointByPoint(BacktestInput in, List<StrategySlot> slots) {
        return new Run(in, slots, false).execute();
    }

    private static final class Run implements StrategyJournal {
        final BacktestInput in;
        final int n;
        final List<Coin> coins = new ArrayList<>();
        final CandleSeries[] series;
        final Strategy[] owner;
        final boolean[] intrabar;
        Coin[] coinOf;          // coins.get(c), without the list on the hot path
        LegView[] legs;         // owner[c] as a LegView, or null
        // replay state and the per-step result columns (set up by execute, filled by step)
        PathMode path;
        double[][] variance;
        long[] steps;
        long[] times;
        double[] equity;
        double[] cash;
        double[] margin;
        double[] savings;
        double[][] pos;
        double[][] longLeg;
        double[][] shortLeg;
        double[][] mark;
        int[] ptr;
        int[] act;
        long[] tp1;
        long[] tp2;
        long[] tp3;
        double[] pp1;
        double[] pp2;
        long barMs;
        long lastTime;
        /** Detail candles per coin ({@code --detail}; null: none), their length and count per bar. */
        CandleSeries[] det;
        long[] subMs;
        int[] subN;
        /** Per coin: the first detail candle not before the current bar; this step's first sub-bar, or -1. */
        int[] dptr;
        int[] detailAt;
        int[] segDone;
        double[] dp1;
        double[] dp2;
        int detailBars;
        int detailFallbackBars;
        final SimulatedVenue venue;
        final Account account;
        final EventLog log = new EventLog();
        final TradingKernel kernel;
        final KernelMarket market;
        final List<CycleRecord> cycles = new ArrayList<>();
        final List<TransitionRecord> transitions = new ArrayList<>();
        final List<StrategySlot> slots;
        final List<String> fundingSources = new ArrayList<>();
        final List<RiskEvent> riskEvents = new ArrayList<>();
        final List<TrackedOrder> refused = new ArrayList<>();
        /** Quiet-bar fast path: allowed by the caller, and used when one coin has a strategy. */
        final boolean quietAllowed;
        boolean quietPath;
        /** The current bar was begun (venue.beginBar, venue.quietOpen) by the fast path, which then gave it up. */
        boolean barBegun;
        final QuietBar quiet = new QuietBar();
        /** Bars the fast path absorbed (a diagnostic in the summary), and the step of the last one. */
        int quietBars;
        int lastQuiet = -1;
        /** Close mode: the current bar's path was taken to its close by the fast path (see finishAtClose). */
        boolean closeReady;
        /** The one coin's candle columns, for the fast path. */
        double[] qOpen;
        double[] qHigh;
        double[] qLow;
        double[] qClose;
        double[] qVolume;
        /** The one coin's legs at the last recorded step: an absorbed bar keeps them. */
        double lastLongLeg;
        double lastShortLeg;

        Run(BacktestInput in, List<StrategySlot> slots, boolean quietAllowed) {
            this.in = in;
            this.quietAllowed = quietAllowed;
            this.slots = guarded(in, slots);
            this.n = in.series().size();
            this.series = in.series().toArray(new CandleSeries[0]);
            for (CandleSeries s : series) {
                coins.add(s.coin());
            }
            // the one kernel: market events to strategy callbacks, then the venue (see TradingKernel)
            kernel = new TradingKernel(coins, this.slots, series[0].interval(), null);
            owner = new Strategy[n];
            for (int c = 0; c < n; c++) {
                owner[c] = kernel.owner(c);
            }
            intrabar = new boolean[n];
            account = new Account(in.instruments(), in.initialEquity());
            SimModels models = SimModels.of(in.sim(), in.seed());
            List<FundingSchedule> schedules = new ArrayList<>();
            long barMs = series[0].interval().millis();
            for (CandleSeries s : series) {
                FundingHistory h = in.funding().getOrDefault(s.coin(), FundingHistory.EMPTY);
                FundingSchedule fs = s.size() == 0 ? FundingSchedule.NONE
                        : models.funding().schedule(s.openTime(0), s.closeTime(s.size() - 1), h);
                schedules.add(fs);
                fundingSources.add(s.coin() + ":" + fs.source() + "(" + fs.fromHistory() + " stored, "
                        + fs.fromFallback() + " constant)");
            }
            venue = new SimulatedVenue(in.sim(), models, account, schedules, barMs, log);
            market = kernel.market();
            venue.setListener(kernel::orderEvent);
            kernel.venueSync(venue::settle); // zero-latency orders execute at the decision time
        }

        /** The slots behind one risk manager for the account (the input's limits), or as given without limits. */
        private List<StrategySlot> guarded(BacktestInput in, List<StrategySlot> given) {
            if (in.risk() == null) {
                return List.copyOf(given);
            }
            RiskManager manager = new RiskManager(in.risk(), this::riskEvent);
            List<StrategySlot> out = new ArrayList<>(given.size());
            for (StrategySlot s : given) {
                out.add(new StrategySlot(new RiskGuardedStrategy(s.strategy(), manager, refused::add), s.coins()));
            }
            return out;
        }

        private void riskEvent(RiskEvent e) {
            riskEvents.add(e);
            log.begin('K').l(e.timeMs()).s(e.rule().name()).s(e.coin()).s(e.action().name()).s(e.reason());
        }

        @Override
        public void cycle(CycleRecord r) {
            cycles.add(r);
            log.begin('Y').s(r.coin().name()).l(r.index()).l(r.startTime()).l(r.endTime()).d(r.q()).d(r.e()).d(r.h())
                    .d(r.pnl()).s(r.endReason());
        }

        @Override
        public void transition(TransitionRecord t) {
            transitions.add(t);
        }

        BacktestResult execute() {
            kernel.start(venue, this);
            coinOf = coins.toArray(new Coin[0]);
            legs = new LegView[n];
            for (int c = 0; c < n; c++) {
                intrabar[c] = kernel.everyPrice(c);
                legs[c] = kernel.legs(c);
            }
            path = in.sim().path();
            variance = new double[n][];
            for (int c = 0; c < n; c++) {
                variance[c] = venue.tracksMarketState() ? SimulatedVenue.parkinsonVariances(series[c]) : null;
            }
            // merged timeline of open times
            steps = mergedTimes();
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
            ptr = new int[n];
            act = new int[n];
            tp1 = new long[n];
            tp2 = new long[n];
            tp3 = new long[n];
            pp1 = new double[n];
            pp2 = new double[n];
            barMs = series[0].interval().millis();
            int rows = 0;
            for (CandleSeries s : series) {
                rows += s.size();
            }
            lastTime = Long.MIN_VALUE;

            // One coin: the account is that coin's alone, so a bar is quiet when the venue has no
            // orders, no funding falls inside it, its range is clear of liquidation and the strategy
            // absorbs it whole. Portfolios (shared cross margin, interleaved phases) replay every point.
            det = new CandleSeries[n];
            subMs = new long[n];
            subN = new int[n];
            dptr = new int[n];
            detailAt = new int[n];
            segDone = new int[n];
            dp1 = new double[n];
            dp2 = new double[n];
            for (int c = 0; c < n; c++) {
                det[c] = in.detail().get(coins.get(c));
                if (det[c] != null) {
                    subMs[c] = det[c].interval().millis();
                    subN[c] = (int) (barMs / subMs[c]);
                    // the detail is part of the run: in its event log (so in its hash and run id);
                    // a run without detail logs nothing here and stays bit-identical
                    log.begin('D').l(c).l(subMs[c]).l(det[c].size());
                }
            }
            // with detail candles every bar is replayed point by point (the fast path knows one path per bar;
            // without detail it gives the same result, QuietBarEquivalenceTest)
            // the fast path is opt-in: only a strategy that can absorb a bar is offered one
            quietPath = quietAllowed && n == 1 && owner[0] instanceof QuietBarAbsorber && in.detail().isEmpty();
            if (quietPath) {
                qOpen = series[0].opens();
                qHigh = series[0].highs();
                qLow = series[0].lows();
                qClose = series[0].closes();
                qVolume = series[0].volumes();
            }
            for (int k = 0; k < m; k++) {
                if (quietPath) {
                    k += quietRun(k, m);
                    if (k == m) {
                        break;
                    }
                }
                if (closeReady) {
                    finishAtClose(k);
                } else {
                    step(k);
                }
            }
            endQuietBars(m);
            kernel.finish(lastTime);
            venue.closeOut(lastTime);
            return result(times, equity, cash, margin, savings, pos, longLeg, shortLeg, mark, rows);
        }

        /**
         * One replay step (one open time): a method of its own so the JIT compiles it after a few
         * thousand steps, i.e. within the first runs, instead of waiting for thousands of calls
         * of {@link #execute} (the whole run was one loop: only on-stack replacement reached it).
         */
        private void step(int k) {
            long t = steps[k];
            int na = 0;
            for (int c = 0; c < n; c++) {
                if (ptr[c] < series[c].size() && series[c].openTime(ptr[c]) == t) {
                    act[na++] = c;
                }
            }
            boolean detailed = false;
            for (int a = 0; a < na; a++) {
                int c = act[a];
                detailAt[c] = det[c] == null ? -1 : subBarsOf(c, t);
                if (det[c] != null) {
                    if (detailAt[c] >= 0) {
                        detailBars++;
                        detailed = true;
                    } else {
                        detailFallbackBars++;
                    }
                }
            }
            // open
            for (int a = 0; a < na; a++) {
                int c = act[a];
                CandleSeries s = series[c];
                int i = ptr[c];
                double o = s.open(i), h = s.high(i), l = s.low(i), cl = s.close(i);
                if (!barBegun) {
                    venue.pushMarketWindow(c, cl, s.volume(i), variance[c] == null ? 0 : variance[c][i]);
                }
                // a detailed bar's segments draw on its sub-bars' volumes (the ADV above stays the bar's)
                venue.beginBarLiquidity(c, detailAt[c] >= 0 ? det[c].volume(detailAt[c]) : s.volume(i));
                boolean lowFirst = path.lowFirst(o, cl, account.position(c));
                tp1[c] = BarPath.time(t, barMs, 1);
                tp2[c] = BarPath.time(t, barMs, 2);
                tp3[c] = BarPath.closeTime(t, barMs);
                pp1[c] = BarPath.firstExtreme(h, l, lowFirst);
                pp2[c] = BarPath.secondExtreme(h, l, lowFirst);
                venue.jump(c, t, o);
                if (intrabar[c]) {
                    deliver(c, t, o);
                }
            }
            if (detailed) {
                detailedSegments(na, t);
                for (int a = 0; a < na; a++) {
                    int c = act[a];
                    closeBar(c, tp3[c]);
                }
                barBegun = false;
                record(k, t);
                return;
            }
            // three segments, phase by phase
            for (int a = 0; a < na; a++) {
                int c = act[a];
                segment(c, tp1[c], pp1[c], false, intrabar[c]);
            }
            for (int a = 0; a < na; a++) {
                int c = act[a];
                segment(c, tp2[c], pp2[c], true, intrabar[c]);
            }
            for (int a = 0; a < na; a++) {
                int c = act[a];
                segment(c, tp3[c], series[c].close(ptr[c]), true, true);
            }
            for (int a = 0; a < na; a++) {
                int c = act[a];
                closeBar(c, tp3[c]);
            }
            barBegun = false;
            record(k, t);
        }

        /**
         * The index of the first of coin c's detail candles that tile the bar opening at t (each
         * sub-bar there, on its grid), or -1 when any is missing: that bar replays its own path.
         */
        private int subBarsOf(int c, long t) {
            CandleSeries d = det[c];
            int i = dptr[c];
            while (i < d.size() && d.openTime(i) < t) {
                i++;
            }
            dptr[c] = i;
            if (i + subN[c] > d.size()) {
                return -1;
            }
            for (int j = 0; j < subN[c]; j++) {
                if (d.openTime(i + j) != t + j * subMs[c]) {
                    return -1;
                }
            }
            return i;
        }

        /**
         * The segments of a step in which some coin replays its bar through its sub-bars: every
         * coin's segments in the order of their end times (ties in coin order, which for bars
         * without detail is the phase-by-phase order of {@link #step}). A detailed bar is three
         * segments per sub-bar on the run's path rule (open, first extreme, second extreme, close
         * of each sub-bar; between sub-bars the path jumps to the next open). Its price points are
         * the strategy's: every point in intrabar mode; in close mode only the bar's close, so the
         * strategy's bar closes stay on the main interval.
         */
        private void detailedSegments(int na, long t) {
            for (int a = 0; a < na; a++) {
                segDone[act[a]] = 0;
            }
            while (true) {
                int best = -1;
                long bestEnd = Long.MAX_VALUE;
                for (int a = 0; a < na; a++) {
                    int c = act[a];
                    int total = detailAt[c] >= 0 ? 3 * subN[c] : 3;
                    if (segDone[c] < total) {
                        long end = segmentEnd(c, t, segDone[c]);
                        if (end < bestEnd) {
                            bestEnd = end;
                            best = c;
                        }
                    }
                }
                if (best < 0) {
                    return;
                }
                int c = best;
                int sIdx = segDone[c]++;
                if (detailAt[c] < 0) {
                    switch (sIdx) {
                        case 0 -> segment(c, tp1[c], pp1[c], false, intrabar[c]);
                        case 1 -> segment(c, tp2[c], pp2[c], true, intrabar[c]);
                        default -> segment(c, tp3[c], series[c].close(ptr[c]), true, true);
                    }
                    continue;
                }
                CandleSeries d = det[c];
                int j = sIdx / 3;
                int i = detailAt[c] + j;
                switch (sIdx % 3) {
                    case 0 -> {
                        if (j > 0) {
                            long ts = t + j * subMs[c];
                            venue.beginBarLiquidity(c, d.volume(i));
                            venue.jump(c, ts, d.open(i));
                            if (intrabar[c]) {
                                deliver(c, ts, d.open(i));
                            }
                        }
                        boolean lowFirst = path.lowFirst(d.open(i), d.close(i), account.position(c));
                        dp1[c] = BarPath.firstExtreme(d.high(i), d.low(i), lowFirst);
                        dp2[c] = BarPath.secondExtreme(d.high(i), d.low(i), lowFirst);
                        segment(c, bestEnd, dp1[c], false, intrabar[c]);
                    }
                    case 1 -> segment(c, bestEnd, dp2[c], true, intrabar[c]);
                    default -> {
                        boolean last = j == subN[c] - 1;
                        // the bar closes at its own close (the main candle's, which the record marks at)
                        segment(c, last ? tp3[c] : bestEnd, last ? series[c].close(ptr[c]) : d.close(i), true,
                                last || intrabar[c]);
                    }
                }
            }
        }

        /** End time of segment s of coin c's bar opening at t (three per sub-bar when detailed). */
        private long segmentEnd(int c, long t, int s) {
            if (detailAt[c] < 0) {
                return s == 0 ? tp1[c] : s == 1 ? tp2[c] : tp3[c];
            }
            long ts = t + (s / 3) * subMs[c];
            return BarPath.time(ts, subMs[c], s % 3 + 1); // segment s % 3 of its sub-bar ends at that point
        }

        /** Coin c's current bar, its path at the close (time t3), closes: the strategy hears of it, the pointer moves on. */
        private void closeBar(int c, long t3) {
            CandleSeries s = series[c];
            int i = ptr[c];
            kernel.barClose(c, s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            ptr[c]++;
            lastTime = Math.max(lastTime, t3);
        }

        /**
         * The quiet-bar fast path for the one coin from step k on: takes consecutive bars whole
         * while nothing but marks, funding at their opens and what the strategy absorbs (see
         * {@link QuietBarAbsorber#absorbQuietBar}) happens in them, and returns how many it took. The
         * bar it stops at must be replayed, possibly after {@link #barBegun} (then {@link #step}
         * carries on from there, with the same result).
         *
         * <p>What no quiet bar can change is read once: no order can appear, so position,
         * entry, leverage, savings and the strategy's legs stay. The venue's path, mark and
         * segment liquidity stay at the last replayed point: nothing reads them until the next
         * replayed bar jumps to its open (or {@link #endQuietBars} at the end). So a quiet bar
         * costs its funding, its checks, the strategy's absorb and its result row.
         */
        private int quietRun(int k0, int m) {
            final int c = 0;
            if (!venue.noOrders(c)) {
                return 0;
            }
            final double p = account.position(c);
            final double entry = account.entry(c);
            final double leverage = account.leverage(c);
            final double savingsNow = account.savings();
            final double longL = lastLongLeg;
            final double shortL = lastShortLeg;
            final QuietBarAbsorber strategy = (QuietBarAbsorber) owner[c];
            final boolean points4 = intrabar[c];
            quiet.startRun(coinOf[c], barMs, points4, p, entry);
            final boolean track = venue.tracksMarketState();
            // these move only when funding is paid: kept in locals until then
            double cashNow = account.cash();
            double liquidationBound = venue.liquidationBound(c);
            long nextFunding = venue.nextFundingTime(c);
            final double[] var = variance[c];
            final double[] posC = pos[c];
            final double[] longC = longLeg[c];
            final double[] shortC = shortLeg[c];
            final long bar = barMs;
            int k = k0;
            for (; k < m; k++) { // one coin: step k is bar k
                long t = steps[k];
                double o = qOpen[k], h = qHigh[k], l = qLow[k], cl = qClose[k], v = qVolume[k];
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
                    barBegun = true; // window pushed, funding at the open paid: step() carries on from there
                    break;
                }
                // the bar as the strategy would see it (its points, the equity the venue would show at each)
                quiet.bar(t, o, h, l, cl, v, cashNow, points4 && path.lowFirst(o, cl, p));
                if (!strategy.absorbQuietBar(quiet)) {
                    barBegun = true;
                    // close mode: the strategy sees only the close, and nothing can happen on the
                    // path before it (the checks above), so the path may go straight there
                    closeReady = !points4;
                    break;
                }
                // record(k, t) for one coin, unrolled: the same arithmetic as Account (equity, initial
                // margin) with the mark at the close; the legs are the last step's (see above)
                equity[k] = (p == 0 ? cashNow : cashNow + p * (cl - entry)) + savingsNow;
                cash[k] = cashNow;
                margin[k] = p == 0 ? 0 : Math.abs(p) * cl / leverage;
                savings[k] = savingsNow;
                posC[k] = p;
                longC[k] = longL;
                shortC[k] = shortL;
            }
            int taken = k - k0;
            if (taken > 0) {
                int last = k - 1;
                long t3 = BarPath.closeTime(steps[last], bar);
                venue.quietBarsPassed(c, taken);
                market.set(c, t3, qClose[last]);
                ptr[c] = k;
                lastTime = Math.max(lastTime, t3);
                lastQuiet = last;
                quietBars += taken;
            }
            if (closeReady) {
                venue.quietBarsPassed(c, 1);
                venue.quietBarsEnd(c, BarPath.closeTime(steps[k], bar), qClose[k], qVolume[k]);
            }
            return taken;
        }

        /**
         * Bar k of the one coin, in close mode, whose path {@link #quietRun} took to the close
         * because nothing could happen before it: the rest of {@link #step} from there (the close
         * point to the strategy, the bar close, the result row).
         */
        private void finishAtClose(int k) {
            final int c = 0;
            long t = steps[k];
            long t3 = BarPath.closeTime(t, barMs);
            deliver(c, t3, qClose[k]);
            closeBar(c, t3);
            barBegun = false;
            closeReady = false;
            record(k, t);
        }

        /** After the last step: when it was quiet, the venue's path and mark go to its close. */
        private void endQuietBars(int m) {
            if (m > 0 && lastQuiet == m - 1) {
                CandleSeries s = series[0];
                int i = s.size() - 1;
                venue.quietBarsEnd(0, BarPath.closeTime(s.openTime(i), barMs), s.close(i), s.volume(i));
            }
        }

        /** The per-step result columns after step k (open time t). */
        private void record(int k, long t) {
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

        /** One path segment of coin c from its current point to (t1, p1). */
        private void segment(int c, long t1, double p1, boolean fresh, boolean deliverEnd) {
            venue.beginSegment(c, t1, p1, fresh);
            Strategy s = owner[c];
            Coin coin = coinOf[c];
            boolean crossings = intrabar[c];
            for (int guard = 0; ; guard++) {
                if (guard > 100_000) {
                    throw new IllegalStateException("replay stuck in a segment of " + coin + " at " + venue.time(c));
                }
                long te = venue.idle(c) ? Long.MAX_VALUE : venue.nextEventTime(c);
                long tc = Long.MAX_VALUE;
                double pc = Double.NaN;
                if (crossings) {
                    long t0 = venue.time(c);
                    double p0 = venue.price(c);
                    if (p1 > p0) {
                        double up = s.triggerAbove(coin);
                        if (up > p0 && up < p1) {
                            tc = t0 + (long) Math.ceil((up - p0) / (p1 - p0) * (t1 - t0));
                            pc = up;
                        }
                    } else if (p1 < p0) {
                        double dn = s.triggerBelow(coin);
                        if (dn < p0 && dn > p1) {
                            tc = t0 + (long) Math.ceil((p0 - dn) / (p0 - p1) * (t1 - t0));
                            pc = dn;
                        }
                    }
                    if (tc >= t1) {
                        tc = Long.MAX_VALUE; // within the last millisecond: the end point stands for it
                    }
                }
                if (te <= t1 && te <= tc) {
                    venue.advance(c, te, Double.NaN);
                    continue;
                }
                if (tc != Long.MAX_VALUE) {
                    venue.advance(c, tc, pc);
                    deliver(c, tc, pc);
                    continue;
                }
                venue.advance(c, t1, p1);
                if (deliverEnd && s != null) {
                    deliver(c, t1, p1);
                }
                return;
            }
        }

        private void deliver(int c, long t, double p) {
            kernel.price(c, t, p);
        }

        private long[] mergedTimes() {
            if (series.length == 1) {
                return series[0].openTimes(); // read only: one coin's open times are the timeline
            }
            int total = 0;
            for (CandleSeries s : series) {
                total += s.size();
            }
            long[] all = new long[total];
            int k = 0;
            for (CandleSeries s : series) {
                System.arraycopy(s.openTimes(), 0, all, k, s.size());
                k += s.size();
            }
            if (series.length == 1) {
                return all;
            }
            Arrays.sort(all);
            int u = 0;
            for (int i = 0; i < all.length; i++) {
                if (u == 0 || all[i] != all[u - 1]) {
                    all[u++] = all[i];
                }
            }
            return Arrays.copyOf(all, u);
        }

        private BacktestResult result(long[] times, double[] equity, double[] cash, double[] margin, double[] savings,
                                      double[][] pos, double[][] longLeg, double[][] shortLeg, double[][] mark, int rows) {
            double initial = account.initialCash();
            double fin = account.totalValue();
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
            int rejected = 0;
            int cancelled = 0;
            for (TrackedOrder o : venue.tracker().all()) {
                if (o.status() == OrderStatus.REJECTED) {
                    rejected++;
                } else if (o.status() == OrderStatus.CANCELLED) {
                    cancelled++;
                }
            }
            double traded = 0;
            for (int c = 0; c < n; c++) {
                traded += account.tradedNotional(c);
            }
            rejected += refused.size(); // each refused order once (its risk event says why, it is not counted again)
            log.begin('Z').d(fin).d(account.totalFees()).d(account.totalFunding()).d(account.totalSlippage())
                    .d(account.pricePnl()).l(venue.fills().size());
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (CandleSeries s : series) {
                if (s.size() > 0) {
                    from = Math.min(from, s.openTime(0));
                    to = Math.max(to, s.openTime(s.size() - 1));
                }
            }
            long count = log.count();
            String sha = log.sha256();
            BacktestResult.Summary summary = new BacktestResult.Summary(initial, fin, fin / initial - 1, mdd,
                    venue.tracker().all().size() + refused.size(), venue.fills().size(), rejected, cancelled, account.totalFees(),
                    account.totalFunding(), account.totalSlippage(), account.pricePnl(), account.ledgerResidual(), traded,
                    cycles.size(), venue.liquidations().size(), riskEvents.size(), quietBars);
            return new BacktestResult(List.copyOf(coins), in.sim(), in.seed(), from, to, rows, times, equity, cash, margin,
                    savings, pos, longLeg, shortLeg, mark, List.copyOf(venue.tracker().all()), List.copyOf(venue.fills()),
                    List.copyOf(cycles), List.copyOf(transitions), List.copyOf(venue.liquidations()),
                    List.copyOf(fundingSources), List.copyOf(refused), List.copyOf(riskEvents), sha, count, summary,
                    detailBars, detailFallbackBars);
        }
    }
}
