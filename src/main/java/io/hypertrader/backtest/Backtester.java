package io.hypertrader.backtest;

import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.kernel.TradingKernel;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
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
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.Strategy;
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
 * <p>Its parts: this class sets a run up (kernel, account, venue, risk manager, journal), runs the
 * loop over the replay steps and assembles the result; {@link BarStepper} replays one step
 * point by point (per replay step, one distinct open time, for every coin with a bar at that
 * time, phase by phase: the open, then the three path segments, stopping at venue events and,
 * in intrabar mode, at the strategy's trigger crossings); {@link QuietBarPath} takes quiet bars
 * whole; {@link ResultColumns} holds the per-step rows (the equity curve and its neighbours).
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
 * with). See docs/engine.md, "Quiet bars: the replay's fast path".
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
        /** Each coin's strategy (of the kernel's slots). */
        final Strategy[] owner;
        final SimulatedVenue venue;
        final Account account;
        final EventLog log = new EventLog();
        final TradingKernel kernel;
        final List<CycleRecord> cycles = new ArrayList<>();
        final List<TransitionRecord> transitions = new ArrayList<>();
        final List<StrategySlot> slots;
        final List<String> fundingSources = new ArrayList<>();
        final List<RiskEvent> riskEvents = new ArrayList<>();
        final List<TrackedOrder> refused = new ArrayList<>();
        /** Quiet-bar fast path allowed by the caller (it is used when one coin's strategy can absorb bars). */
        final boolean quietAllowed;

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
            Coin[] coinOf = coins.toArray(new Coin[0]);
            LegView[] legs = new LegView[n];
            boolean[] intrabar = new boolean[n];
            double[][] variance = new double[n][];
            for (int c = 0; c < n; c++) {
                intrabar[c] = kernel.everyPrice(c);
                legs[c] = kernel.legs(c);
                variance[c] = venue.tracksMarketState() ? SimulatedVenue.parkinsonVariances(series[c]) : null;
            }
            PathMode path = in.sim().path();
            // merged timeline of open times
            long[] steps = mergedTimes();
            int m = steps.length;
            ResultColumns columns = new ResultColumns(steps, series, account, coinOf, legs);
            int rows = 0;
            for (CandleSeries s : series) {
                rows += s.size();
            }
            BarStepper stepper = new BarStepper(series, in.detail(), venue, account, kernel, owner, coinOf, intrabar, path,
                    variance, steps, columns, log);
            // One coin: the account is that coin's alone, so a bar is quiet when the venue has no
            // orders, no funding falls inside it, its range is clear of liquidation and the strategy
            // absorbs it whole. Portfolios (shared cross margin, interleaved phases) replay every point.
            // With detail candles every bar is replayed point by point (the fast path knows one path per bar;
            // without detail it gives the same result, QuietBarEquivalenceTest).
            // The fast path is opt-in: only a strategy that can absorb a bar is offered one.
            QuietBarPath quiet = quietAllowed && n == 1 && owner[0] instanceof QuietBarAbsorber absorber
                    && in.detail().isEmpty()
                    ? new QuietBarPath(series[0], venue, account, kernel.market(), absorber, intrabar[0], path,
                    variance[0], steps, stepper, columns)
                    : null;
            for (int k = 0; k < m; k++) {
                if (quiet == null) {
                    stepper.step(k);
                    continue;
                }
                k += quiet.run(k, m);
                if (k == m) {
                    break;
                }
                quiet.finish(k);
            }
            if (quiet != null) {
                quiet.end(m);
            }
            kernel.finish(stepper.lastTime);
            venue.closeOut(stepper.lastTime);
            return result(columns, rows, quiet == null ? 0 : quiet.quietBars, stepper);
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
            Arrays.sort(all);
            int u = 0;
            for (int i = 0; i < all.length; i++) {
                if (u == 0 || all[i] != all[u - 1]) {
                    all[u++] = all[i];
                }
            }
            return Arrays.copyOf(all, u);
        }

        private BacktestResult result(ResultColumns r, int rows, int quietBars, BarStepper stepper) {
            double initial = account.initialCash();
            double fin = account.totalValue();
            double mdd = r.maxDrawdown(initial);
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
            return new BacktestResult(List.copyOf(coins), in.sim(), in.seed(), from, to, rows, r.times, r.equity, r.cash,
                    r.margin, r.savings, r.pos, r.longLeg, r.shortLeg, r.mark, List.copyOf(venue.tracker().all()),
                    List.copyOf(venue.fills()), List.copyOf(cycles), List.copyOf(transitions),
                    List.copyOf(venue.liquidations()), List.copyOf(fundingSources), List.copyOf(refused),
                    List.copyOf(riskEvents), sha, count, summary, stepper.detailBars, stepper.detailFallbackBars);
        }
    }
}
