package io.hypertrader.sim;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderTracker;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.Account;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The simulated Hyperliquid of docs/simulator.md: an {@link ExecutionVenue} over a piecewise-linear
 * price path per coin, driven by a replay loop (backtests) or a live feed (paper).
 *
 * <p>Driver protocol, per coin and bar: {@link #pushMarketWindow} and {@link #beginBarLiquidity},
 * {@link #jump} to the open, then for
 * each of the three segments {@link #beginSegment} and {@link #advance} to the segment's end,
 * stopping first at every {@link #nextEventTime} (an order arriving, a resting order or trigger
 * crossed) and at any point the strategy must see. After each strategy callback the driver calls
 * {@link #settle} so zero-latency orders execute at the decision time. Events go to the listener
 * from {@link #jump}, {@link #advance} and {@link #settle}, never from {@link #submit}. A bar
 * in which nothing can happen may instead pass through the quiet-bar methods
 * ({@link #quietOpen}, {@link #quietBarsPassed}, {@link #quietBarsEnd}; see the replay loop).
 *
 * <p>Time only moves forward through the driver: nothing sleeps and nothing reads the clock.
 * Orders arrive at decision time + latency and fill at the path price at arrival (plus the
 * latency model's noise), never at the price that triggered them unless latency is zero.
 *
 * <p>This class is the venue's face: the driver protocol and {@link ExecutionVenue}, in the order
 * a step runs them. The work is done by its parts, one idea each: {@link PricePath} (where each
 * coin's price is), {@link SegmentLiquidity} (what a segment can give), {@link MarketWindow} (what
 * the models read about the market), {@link PendingOrders} (orders in flight and resting),
 * {@link NextEvent} (where the path must stop), {@link Matching} (arrivals, resting fills,
 * triggers, taker executions) with {@link VenueRefusals}, {@link FundingPayments},
 * {@link Liquidator} and {@link VenueEvents} (events to the listener, the fills).
 *
 * <p>Longer than the ~400 lines a file of this project aims at, on purpose: it is the whole public
 * surface the backtest, the kernel, paper runs and the tests use (driver protocol, the venue
 * interface, the quiet-bar and real-time entry points), each a few delegating lines under the
 * documentation its callers read. Splitting the surface would split that documentation.
 */
public final class SimulatedVenue implements ExecutionVenue {

    /** Sizes closer than this (relative) count as equal: a position that does not grow, an order that is filled. */
    static final double SIZE_EPS = 1e-9;

    private final SimConfig config;
    private final SimModels models;
    private final Account account;
    private final EventLog log;
    private final OrderTracker tracker = new OrderTracker();
    private final int n;
    private long nextId = 1;
    /** Venue time (UTC ms): the latest time any coin's path reached. Orders are sent at it. */
    private long now = Long.MIN_VALUE;
    /** Why new orders are refused (with {@link RejectCode#RISK}), or null: a paper runner warming up sends nothing. */
    private String refusing;

    private final PricePath path;
    private final SegmentLiquidity liquidity;
    private final MarketWindow market;
    private final PendingOrders pending;
    private final VenueEvents events;
    private final NextEvent nextEvent;
    private final Matching matching;
    private final FundingPayments funding;
    private final Liquidator liquidator;
    // The arrays read at every path point, held here as well as by their owners (PricePath,
    // PendingOrders): a field of a field is loaded again after every call. With the guards in
    // jump and advance (funding due, resting orders there) that keep the parts' large methods out
    // of the per-point path, this keeps a replay point as fast as before the venue was cut into
    // its parts (EngineTimingProbe).
    private final long[] pathTime;
    private final double[] pathPrice;
    private final boolean[] inSegment;
    private final ArrayList<PendingOrders.Flight>[] inFlight;
    private final ArrayList<PendingOrders.Resting>[] resting;

    /**
     * @param config   simulator parameters
     * @param models   the run's seeded models (from {@link SimModels#of})
     * @param account  the account (its coins define the coin indexes)
     * @param funding  one schedule per coin index (may be {@link FundingSchedule#NONE})
     * @param barMs    bar length of the replayed interval
     * @param log      the run's event log
     */
    public SimulatedVenue(SimConfig config, SimModels models, Account account, List<FundingSchedule> funding, long barMs,
                          EventLog log) {
        this.config = config;
        this.models = models;
        this.account = account;
        this.log = log;
        this.n = account.size();
        if (funding.size() != n) {
            throw new IllegalArgumentException("one funding schedule per coin expected");
        }
        path = new PricePath(n);
        liquidity = new SegmentLiquidity(n, models.fill(), path);
        market = new MarketWindow(n, barMs, config.slippage().windowHours(),
                models.latency().usesMarketState() || models.slippage().usesMarketState());
        pending = new PendingOrders(n);
        events = new VenueEvents(tracker, log);
        nextEvent = new NextEvent(account, path, liquidity, pending);
        matching = new Matching(config, models, account, tracker, log, events, path, liquidity, market, pending);
        this.funding = new FundingPayments(account, path, funding);
        liquidator = new Liquidator(account, models, market, path, pending, tracker, events, log, () -> nextId++);
        pathTime = path.time;
        pathPrice = path.price;
        inSegment = path.inSegment;
        inFlight = pending.inFlight;
        resting = pending.resting;
    }

    // ================================================================== driver protocol

    /**
     * Starts a bar, part one: the bar's market state for the fills in it (its Parkinson variance,
     * from {@link #parkinsonVariances}, and traded value become the current bar's; daily
     * volatility and traded value over the trailing window of earlier bars, or this bar when
     * there are none, are derived on first use) and the bar joins the window. Every bar must
     * pass here, in order, quiet or not.
     */
    public void pushMarketWindow(int c, double close, double volume, double parkinsonVar) {
        market.push(c, close, volume, parkinsonVar);
    }

    /** Starts a bar, part two: the liquidity of its first segment, a third of the bar's volume. */
    public void beginBarLiquidity(int c, double volume) {
        liquidity.beginBar(c, volume);
        inSegment[c] = false;
    }

    /** Parkinson variance of one bar, ln(H/L)^2 / (4 ln 2), 0 without a positive range: the one formula. */
    public static double parkinsonVariance(double high, double low) {
        return MarketWindow.parkinsonVariance(high, low);
    }

    /**
     * {@link #parkinsonVariance} of every bar of a series, computed once per series and kept while
     * the series lives: a sweep replays the same candles thousands of times, and the logarithm
     * was a sixth of a realistic backtest. The result is shared: do not modify it.
     */
    public static double[] parkinsonVariances(CandleSeries s) {
        return MarketWindow.parkinsonVariances(s);
    }

    /** True when a model reads the market state (then the replay passes per-bar variances). */
    public boolean tracksMarketState() {
        return market.tracked();
    }

    /**
     * The path jumps to ({@code t}, {@code p}) (a bar's open): orders that arrived in the gap are
     * handled at this price, triggers beyond it fire here, funding due is paid, then the
     * liquidation test runs.
     */
    public void jump(int c, long t, double p) {
        long from = pathTime[c];
        path.jump(c, t, p);
        now = Math.max(now, t);
        account.setMark(c, p);
        if (funding.nextTime(c) <= t) {
            funding.pay(c, from, t, p);
        }
        if (!inFlight[c].isEmpty()) {
            matching.processArrivals(c, t);
        }
        if (!resting[c].isEmpty()) {
            matching.processResting(c, t);
        }
        liquidator.check(t);
        events.deliver();
    }

    /** The path moves linearly from the current point to ({@code t1}, {@code p1}) over this segment. */
    public void beginSegment(int c, long t1, double p1, boolean freshLiquidity) {
        path.beginSegment(c, t1, p1);
        if (freshLiquidity) {
            liquidity.freshSegment(c);
        }
    }

    /** Path price of coin c at time t on the current segment (the current price outside one). */
    public double pathPrice(int c, long t) {
        return path.priceAt(c, t);
    }

    /**
     * The earliest internal event of coin c on the current segment (an order or cancel arriving,
     * a resting order or trigger crossed), or {@link Long#MAX_VALUE}. The driver advances to it.
     */
    public long nextEventTime(int c) {
        return nextEvent.find(c);
    }

    /**
     * Moves coin c's path to time t (at price p, or the path price when p is NaN), paying funding
     * on the way, then handles every arrival and resting order due at t and tests liquidation.
     */
    public void advance(int c, long t, double p) {
        double price;
        if (Double.isNaN(p)) {
            price = nextEvent.priceAt(c, t);
        } else {
            price = p;
            nextEvent.forget();
        }
        long from = pathTime[c];
        if (t > from && funding.nextTime(c) <= t) {
            funding.pay(c, from, t, Double.NaN); // inside the segment: at the path price at each settlement
        }
        if (t >= pathTime[c]) {
            pathTime[c] = t;
            pathPrice[c] = price;
        }
        now = Math.max(now, t);
        account.setMark(c, pathPrice[c]);
        if (!inFlight[c].isEmpty()) {
            matching.processArrivals(c, t);
        }
        if (!resting[c].isEmpty()) {
            matching.processResting(c, t);
        }
        liquidator.check(t);
        events.deliver();
    }

    /** Executes zero-latency orders decided at the current time and delivers their events. */
    public void settle(int c) {
        for (int guard = 0; guard < 1000; guard++) {
            if (!arrivesBy(c, pathTime[c])) {
                events.deliver();
                return;
            }
            matching.processArrivals(c, pathTime[c]);
            liquidator.check(pathTime[c]);
            events.deliver();
        }
        throw new IllegalStateException("order storm: more than 1000 zero-latency rounds at " + pathTime[c]);
    }

    /** True when something in flight to coin c arrives at or before {@code t}. */
    private boolean arrivesBy(int c, long t) {
        List<PendingOrders.Flight> fl = inFlight[c];
        for (int i = 0, k = fl.size(); i < k; i++) {
            if (fl.get(i).at <= t) {
                return true;
            }
        }
        return false;
    }

    // ================================================================== ExecutionVenue

    @Override
    public long submit(OrderRequest req) {
        long id = nextId++;
        int c = account.index(req.coin());
        double decisionPrice = c < 0 ? Double.NaN : pathPrice[c];
        TrackedOrder o = tracker.register(id, req, now, decisionPrice);
        log.begin('S').l(id).s(req.coin().name()).l(req.side().ordinal()).l(req.type().ordinal()).d(req.size())
                .d(req.limitPrice()).d(req.triggerPrice()).l(req.tif().ordinal()).l(req.reduceOnly() ? 1 : 0)
                .l(now).d(decisionPrice);
        if (c < 0) {
            events.emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.UNKNOWN_COIN, "the venue does not trade " + req.coin()));
            return id;
        }
        if (refusing != null) {
            events.emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.RISK, refusing));
            return id;
        }
        long delay = models.latency().delayMs();
        pending.send(c, o, now + delay, delay, false);
        return id;
    }

    @Override
    public void cancel(long orderId) {
        TrackedOrder o = tracker.get(orderId);
        if (o == null || o.status().terminal()) {
            return;
        }
        int c = account.index(o.request().coin());
        long delay = models.latency().delayMs();
        pending.send(c, o, pending.cancelArrival(c, o, now + delay), delay, true);
    }

    @Override
    public void setLeverage(Coin coin, int leverage) {
        int c = index(coin);
        int max = account.instrument(c).maxLeverage();
        if (leverage < 1 || leverage > max) {
            throw new IllegalArgumentException("leverage " + leverage + " outside [1, " + max + "] for " + coin);
        }
        account.setLeverage(c, leverage);
    }

    @Override
    public Instrument instrument(Coin coin) {
        return account.instrument(index(coin));
    }

    @Override
    public double position(Coin coin) {
        return account.position(index(coin));
    }

    @Override
    public double entryPrice(Coin coin) {
        return account.entry(index(coin));
    }

    @Override
    public double netPnl(Coin coin) {
        return account.netPnl(index(coin));
    }

    @Override
    public double equity() {
        return account.equity();
    }

    @Override
    public double freeCollateral() {
        return account.freeCollateral();
    }

    @Override
    public void transferToSavings(double usd) {
        double before = account.savings();
        account.toSavings(usd);
        log.begin('V').l(now).d(account.savings() - before);
    }

    @Override
    public List<TrackedOrder> openOrders(Coin coin) {
        return tracker.open(coin);
    }

    @Override
    public void setListener(Consumer<OrderEvent> listener) {
        events.setListener(listener);
    }

    private int index(Coin coin) {
        int c = account.index(coin);
        if (c < 0) {
            throw new IllegalArgumentException("the venue does not trade " + coin);
        }
        return c;
    }

    // ================================================================== quiet-bar fast path

    /** True when coin c has no order in flight or resting: inside its bars only marks, funding and liquidation can act. */
    public boolean noOrders(int c) {
        return pending.none(c);
    }

    /**
     * The quiet-bar fast path of coin c, which leaves the path where it was (see
     * {@link #quietBarsEnd}): funding due at or before the bar's open {@code t} is paid at the
     * open, as {@link #jump} would. When the bar then turns out not to be quiet, the replay's
     * {@link #jump} to the same open pays nothing more and does the rest, so the bar replays exactly.
     * Returns true when a settlement was due (the cash may have moved).
     */
    public boolean quietOpen(int c, long t, double open) {
        if (funding.nextTime(c) <= t) {
            // the path's time is the last replayed point; every settlement up to the last quiet bar's close is paid already
            funding.pay(c, pathTime[c], t, open);
            return true;
        }
        return false;
    }

    /** Time of coin c's next funding settlement, UTC ms ({@link Long#MAX_VALUE} when none is left). */
    public long nextFundingTime(int c) {
        return funding.nextTime(c);
    }

    /**
     * The price that coin c's bars must stay beyond for liquidation to be impossible in them
     * (other coins' marks held): for a long, lows above it; for a short, highs below it; infinite
     * when flat or when no liquidation price exists. It lies a relative 1e-6 beyond the
     * liquidation price, where equity exceeds maintenance by 1e-6 of the position's notional,
     * far above the rounding {@link Account#belowMaintenance} allows for (1e-12 relative plus
     * 1e-9 USDC) for any position worth more than a thousandth of a cent; a dust position's
     * liquidation price is negative (none) anyway. It moves with the cash (funding).
     */
    public double liquidationBound(int c) {
        double pos = account.position(c);
        double pl = pos == 0 ? Double.NaN : account.liquidationPrice(c);
        if (Double.isNaN(pl)) {
            return pos >= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return pos > 0 ? pl * (1 + 1e-6) : pl * (1 - 1e-6);
    }

    /** {@code bars} quiet bars of coin c passed: their segments' liquidity was never drawn (only their ids are used up, three a bar). */
    public void quietBarsPassed(int c, int bars) {
        liquidity.skipQuietBars(bars);
    }

    /**
     * Ends a run of quiet bars of coin c whose last bar closed at ({@code t1}, {@code close})
     * with {@code volume}: the path, the mark and the last segment are where a replay of those
     * bars would have left them. Needed before anything reads them (the end of the run); a
     * {@link #jump} to the next bar's open sets them itself.
     */
    public void quietBarsEnd(int c, long t1, double close, double volume) {
        liquidity.endQuietBars(c, volume);
        path.endQuietBars(c, t1, close);
        now = Math.max(now, t1);
        account.setMark(c, close);
    }

    // ================================================================== driven in real time (paper)

    /** From now on every new order is refused with {@code reason} (null: accepted again); events come at the next settle. */
    public void refuseNewOrders(String reason) {
        this.refusing = reason;
    }

    /**
     * The live book's half spread of coin c, fraction of the mid (NaN: the profile's constant
     * again): slippage models that charge half the spread charge this one from now on.
     */
    public void setLiveHalfSpread(int c, double halfSpread) {
        market.setLiveHalfSpread(c, halfSpread);
    }

    /** When the earliest order or cancel in flight to coin c arrives, or {@link Long#MAX_VALUE}. */
    public long nextArrivalTime(int c) {
        return pending.nextArrival(c);
    }

    /** Order ids continue after {@code lastId} (a restarted paper run keeps the journal's ids unique). */
    public void continueIdsAfter(long lastId) {
        nextId = Math.max(nextId, lastId + 1);
    }

    /**
     * Pays one funding settlement of coin c at time {@code t} at {@code rate} (the live rate a
     * paper run read at the hour), at the current mark; a position of signed size s pays
     * s * mark * rate. Then the liquidation test runs. Replays use their precomputed schedules
     * instead; a venue driven this way is built with {@link FundingSchedule#NONE}.
     */
    public double payFundingNow(int c, long t, double rate) {
        now = Math.max(now, t);
        double paid = 0;
        double px = pathPrice[c];
        if (account.position(c) != 0 && px > 0) {
            paid = account.fund(c, px, rate);
        }
        liquidator.check(now);
        events.deliver();
        return paid;
    }

    // ================================================================== views and the end

    public Account account() {
        return account;
    }

    public OrderTracker tracker() {
        return tracker;
    }

    public List<Fill> fills() {
        return events.fills();
    }

    public List<LiquidationRecord> liquidations() {
        return liquidator.liquidations();
    }

    public SimConfig config() {
        return config;
    }

    /** Current venue time (UTC ms). */
    public long now() {
        return now;
    }

    /** Time of coin c's current path point. */
    public long time(int c) {
        return pathTime[c];
    }

    /** Current path price of coin c. */
    public double price(int c) {
        return pathPrice[c];
    }

    /** True when nothing can happen inside a segment of coin c: no order in flight or resting, no position. */
    public boolean idle(int c) {
        return inFlight[c].isEmpty() && resting[c].isEmpty() && account.position(c) == 0;
    }

    /**
     * Ends the run at time t: every order still in flight or resting is cancelled (with its filled
     * size) so that each order has exactly one terminal status; events are delivered.
     */
    public void closeOut(long t) {
        now = Math.max(now, t);
        for (TrackedOrder o : new ArrayList<>(tracker.open())) {
            events.emit(new OrderEvent.Cancelled(o.id(), o.request().coin(), now, o.filledSize(), "end of run"));
        }
        for (int c = 0; c < n; c++) {
            pending.clear(c);
        }
        events.deliver();
    }
}
