package io.hypertrader.sim;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.exec.OrderTracker;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.exec.VenueRules;
import io.hypertrader.portfolio.Account;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.MarketState;
import io.hypertrader.sim.model.SimModels;

import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
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
 */
public final class SimulatedVenue implements ExecutionVenue {

    private static final double SIZE_EPS = 1e-9;

    /** An order (or a cancel request) travelling to the venue. */
    private static final class Flight {
        final TrackedOrder order;
        final long at;
        final long delay;
        final boolean cancel;

        Flight(TrackedOrder order, long at, long delay, boolean cancel) {
            this.order = order;
            this.at = at;
            this.delay = delay;
            this.cancel = cancel;
        }
    }

    /** An accepted order waiting in the book (limit) or for its trigger. */
    private static final class Resting {
        final TrackedOrder order;
        long lastSegment = -1;

        Resting(TrackedOrder order) {
            this.order = order;
        }
    }

    private final SimConfig config;
    private final SimModels models;
    private final Account account;
    private final EventLog log;
    private final OrderTracker tracker = new OrderTracker();
    private final ArrayDeque<OrderEvent> outbox = new ArrayDeque<>();
    private Consumer<OrderEvent> listener = e -> {
    };
    private long nextId = 1;
    private long now = Long.MIN_VALUE;

    private final int n;
    private final long[] curT;
    private final double[] curP;
    private final long[] endT;
    private final double[] endP;
    /** Where coin c's current segment started (price): with endP, the segment's range for the wick model. */
    private final double[] segStartP;
    private final boolean[] segActive;
    private final long[] segId;
    private final double[] segLeft;
    /** The last order that drew liquidity from a segment of coin c, and that segment's id (for cancel reasons only). */
    private final long[] segTaker;
    private final long[] segTakerSeg;
    private final double[] segVolume;
    private final MarketState[] market;
    private final FundingSchedule[] funding;
    private final int[] fundingIdx;
    // per coin index (arrays, not lists of lists: read at every path point)
    private final ArrayList<Flight>[] flights;
    private final ArrayList<Resting>[] resting;
    /** Time of each coin's next funding settlement (Long.MAX_VALUE after the last): the per-point test. */
    private final long[] nextFunding;
    private long nextSegment = 1;

    // trailing window for sigma_day and ADV
    private final int[] winBars;
    private final double[][] winVar;
    private final double[][] winUsd;
    private final int[] winCount;
    private final int[] winHead;
    private final double[] winVarSum;
    private final double[] winUsdSum;
    // this bar's inputs to its market state, and the window before it (see marketState)
    private final boolean trackMarket;
    private final double[] barsPerDay;
    private final double[] barVar;
    private final double[] barUsd;
    private final double[] preVarSum;
    private final double[] preUsdSum;
    private final int[] preCount;
    private final boolean[] marketFresh;
    private static final double FOUR_LN2 = 4 * Math.log(2);

    private final List<Fill> fillLog = new ArrayList<>();
    private final List<LiquidationRecord> liquidations = new ArrayList<>();
    private int openCount;

    // the earliest internal event found by nextEventTime, with its exact price (NaN = path)
    private double pendingEventPrice = Double.NaN;

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
        curT = new long[n];
        curP = new double[n];
        endT = new long[n];
        endP = new double[n];
        segStartP = new double[n];
        segActive = new boolean[n];
        segId = new long[n];
        segLeft = new double[n];
        segTaker = new long[n];
        segTakerSeg = new long[n];
        java.util.Arrays.fill(segTakerSeg, -1);
        segVolume = new double[n];
        market = new MarketState[n];
        this.funding = funding.toArray(new FundingSchedule[0]);
        fundingIdx = new int[n];
        @SuppressWarnings("unchecked")
        ArrayList<Flight>[] fa = new ArrayList[n];
        @SuppressWarnings("unchecked")
        ArrayList<Resting>[] ra = new ArrayList[n];
        flights = fa;
        resting = ra;
        nextFunding = new long[n];
        winBars = new int[n];
        winVar = new double[n][];
        winUsd = new double[n][];
        winCount = new int[n];
        winHead = new int[n];
        winVarSum = new double[n];
        winUsdSum = new double[n];
        trackMarket = models.latency().usesMarketState() || models.slippage().usesMarketState();
        barsPerDay = new double[n];
        barVar = new double[n];
        barUsd = new double[n];
        preVarSum = new double[n];
        preUsdSum = new double[n];
        preCount = new int[n];
        marketFresh = new boolean[n];
        int windowHours = config.slippage().windowHours();
        for (int c = 0; c < n; c++) {
            curP[c] = Double.NaN;
            curT[c] = Long.MIN_VALUE;
            market[c] = new MarketState();
            market[c].barMs = barMs;
            barsPerDay[c] = 86_400_000.0 / market[c].barMs;
            flights[c] = new ArrayList<>();
            resting[c] = new ArrayList<>();
            long[] ft = this.funding[c].times();
            nextFunding[c] = ft.length > 0 ? ft[0] : Long.MAX_VALUE;
            int wb = (int) Math.max(1, Math.round(windowHours * 3_600_000.0 / barMs));
            winBars[c] = wb;
            winVar[c] = new double[wb];
            winUsd[c] = new double[wb];
        }
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
        if (trackMarket) {
            double var = parkinsonVar;
            double usd = volume * close;
            // The fields of market[c] are derived from these on first use in the bar (marketState).
            barVar[c] = var;
            barUsd[c] = usd;
            preVarSum[c] = winVarSum[c];
            preUsdSum[c] = winUsdSum[c];
            preCount[c] = winCount[c];
            marketFresh[c] = false;
            // push this bar into the window for the next bars
            int wb = winBars[c];
            int h = winHead[c];
            double[] wv = winVar[c];
            double[] wu = winUsd[c];
            if (winCount[c] == wb) {
                winVarSum[c] -= wv[h];
                winUsdSum[c] -= wu[h];
            } else {
                winCount[c]++;
            }
            wv[h] = var;
            wu[h] = usd;
            winVarSum[c] += var;
            winUsdSum[c] += usd;
            winHead[c] = h + 1 == wb ? 0 : h + 1;
        }
    }

    /** Starts a bar, part two: the liquidity of its first segment, a third of the bar's volume. */
    public void beginBarLiquidity(int c, double volume) {
        segVolume[c] = volume / 3.0;
        segLeft[c] = models.fill().segmentCapacity(segVolume[c]);
        segId[c] = nextSegment++;
        segActive[c] = false;
    }

    /** Parkinson variance of one bar, ln(H/L)^2 / (4 ln 2), 0 without a positive range: the one formula. */
    public static double parkinsonVariance(double high, double low) {
        double lr = low > 0 && high > 0 ? Math.log(high / low) : 0;
        return lr * lr / FOUR_LN2;
    }

    private record Variances(double[] lows, double[] var) {
    }

    /** Per series (keyed by its highs array, checked against its lows), collected with the series. */
    private static final Map<double[], Variances> VARIANCES = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * {@link #parkinsonVariance} of every bar of a series, computed once per series and kept while
     * the series lives: a sweep replays the same candles thousands of times, and the logarithm
     * was a sixth of a realistic backtest. The result is shared: do not modify it.
     */
    public static double[] parkinsonVariances(CandleSeries s) {
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

    /** True when a model reads the market state (then the replay passes per-bar variances). */
    public boolean tracksMarketState() {
        return trackMarket;
    }

    /**
     * The market state of coin c for the current bar (the bar's Parkinson volatility; daily
     * volatility and traded value over the trailing window of earlier bars, or this bar when
     * there are none), derived on first use: most bars see no fill, so the square roots are
     * taken only when a model reads them.
     */
    private MarketState marketState(int c) {
        MarketState m = market[c];
        if (!trackMarket || marketFresh[c]) {
            return m;
        }
        double var = barVar[c];
        m.sigmaBar = Math.sqrt(var);
        double barsPerDay = this.barsPerDay[c];
        if (preCount[c] > 0) {
            m.sigmaDay = Math.sqrt(preVarSum[c] / preCount[c] * barsPerDay);
            m.advUsd = preUsdSum[c] / preCount[c] * barsPerDay;
        } else {
            m.sigmaDay = Math.sqrt(var * barsPerDay);
            m.advUsd = barUsd[c] * barsPerDay;
        }
        marketFresh[c] = true;
        return m;
    }

    /**
     * The path jumps to ({@code t}, {@code p}) (a bar's open): orders that arrived in the gap are
     * handled at this price, triggers beyond it fire here, funding due is paid, then the
     * liquidation test runs.
     */
    public void jump(int c, long t, double p) {
        segActive[c] = false;
        long from = curT[c];
        curT[c] = t;
        curP[c] = p;
        now = Math.max(now, t);
        account.setMark(c, p);
        payFunding(c, from, t, true);
        processArrivals(c, t);
        processResting(c, t);
        checkLiquidation(t);
        deliver();
    }

    /** The path moves linearly from the current point to ({@code t1}, {@code p1}) over this segment. */
    public void beginSegment(int c, long t1, double p1, boolean freshLiquidity) {
        endT[c] = t1;
        endP[c] = p1;
        segStartP[c] = curP[c];
        segActive[c] = true;
        if (freshLiquidity) {
            segLeft[c] = models.fill().segmentCapacity(segVolume[c]);
            segId[c] = nextSegment++;
        }
    }

    /** Path price of coin c at time t on the current segment (the current price outside one). */
    public double pathPrice(int c, long t) {
        if (!segActive[c] || endT[c] <= curT[c] || t <= curT[c]) {
            return curP[c];
        }
        if (t >= endT[c]) {
            return endP[c];
        }
        return curP[c] + (endP[c] - curP[c]) * ((double) (t - curT[c]) / (endT[c] - curT[c]));
    }

    /**
     * The earliest internal event of coin c on the current segment (an order or cancel arriving,
     * a resting order or trigger crossed), or {@link Long#MAX_VALUE}. The driver advances to it.
     */
    public long nextEventTime(int c) {
        long best = Long.MAX_VALUE;
        pendingEventPrice = Double.NaN;
        List<Flight> fl = flights[c];
        for (int i = 0, k = fl.size(); i < k; i++) {
            long at = fl.get(i).at;
            if (at < best) {
                best = at;
            }
        }
        if (best != Long.MAX_VALUE && best < curT[c]) {
            best = curT[c];
        }
        List<Resting> rs = resting[c];
        if (!rs.isEmpty() && segActive[c]) {
            for (int i = 0, k = rs.size(); i < k; i++) {
                Resting r = rs.get(i);
                if (r.order.arrivalTime() < 0) {
                    continue;
                }
                double thr = threshold(r.order, c);
                boolean up = crossesUp(r.order);
                long tc;
                double p0 = curP[c];
                double p1 = endP[c];
                if (up ? p0 >= thr : p0 <= thr) {
                    if (r.order.request().type() == OrderType.LIMIT && (r.lastSegment == segId[c] || segLeft[c] <= 0)) {
                        continue; // already had its share of this segment's liquidity
                    }
                    tc = curT[c];
                } else if (up ? p1 >= thr : p1 <= thr) {
                    double frac = (thr - p0) / (p1 - p0);
                    tc = curT[c] + (long) Math.ceil(frac * (endT[c] - curT[c]));
                    tc = Math.min(Math.max(tc, curT[c]), endT[c]);
                } else {
                    continue;
                }
                if (tc < best) {
                    best = tc;
                    pendingEventPrice = tc == curT[c] ? Double.NaN : thr;
                }
            }
        }
        double pos = account.position(c);
        if (pos != 0 && segActive[c]) {
            // the exchange liquidates continuously: stop exactly where equity meets maintenance
            double pl = account.liquidationPrice(c);
            double p0 = curP[c];
            double p1 = endP[c];
            boolean cross = pos > 0 ? (p0 > pl && p1 <= pl) : (p0 < pl && p1 >= pl);
            if (cross) {
                long tc = curT[c] + (long) Math.ceil((pl - p0) / (p1 - p0) * (endT[c] - curT[c]));
                tc = Math.min(Math.max(tc, curT[c]), endT[c]);
                if (tc < best) {
                    best = tc;
                    pendingEventPrice = pl;
                }
            }
        }
        return best;
    }

    /**
     * Moves coin c's path to time t (at price p, or the path price when p is NaN), paying funding
     * on the way, then handles every arrival and resting order due at t and tests liquidation.
     */
    public void advance(int c, long t, double p) {
        double price;
        if (Double.isNaN(p)) {
            price = pathAt(c, t);
        } else {
            price = p;
            pendingEventPrice = Double.NaN;
        }
        long from = curT[c];
        if (t > from) {
            payFunding(c, from, t, false);
        }
        if (t >= curT[c]) {
            curT[c] = t;
            curP[c] = price;
        }
        now = Math.max(now, t);
        account.setMark(c, curP[c]);
        processArrivals(c, t);
        if (segActive[c] || !resting[c].isEmpty()) {
            processResting(c, t);
        }
        checkLiquidation(t);
        deliver();
    }

    private double pathAt(int c, long t) {
        if (!Double.isNaN(pendingEventPrice)) {
            double x = pendingEventPrice;
            pendingEventPrice = Double.NaN;
            return x;
        }
        return pathPrice(c, t);
    }

    /** Executes zero-latency orders decided at the current time and delivers their events. */
    public void settle(int c) {
        for (int guard = 0; guard < 1000; guard++) {
            if (!dueNow(c)) {
                deliver();
                return;
            }
            processArrivals(c, curT[c]);
            checkLiquidation(curT[c]);
            deliver();
        }
        throw new IllegalStateException("order storm: more than 1000 zero-latency rounds at " + curT[c]);
    }

    private boolean dueNow(int c) {
        List<Flight> fl = flights[c];
        for (int i = 0, k = fl.size(); i < k; i++) {
            if (fl.get(i).at <= curT[c]) {
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
        double decisionPrice = c < 0 ? Double.NaN : curP[c];
        TrackedOrder o = tracker.register(id, req, now, decisionPrice);
        openCount++;
        log.begin('S').l(id).s(req.coin().name()).l(req.side().ordinal()).l(req.type().ordinal()).d(req.size())
                .d(req.limitPrice()).d(req.triggerPrice()).l(req.tif().ordinal()).l(req.reduceOnly() ? 1 : 0)
                .l(now).d(decisionPrice);
        if (c < 0) {
            emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.UNKNOWN_COIN, "the venue does not trade " + req.coin()));
            return id;
        }
        if (refusing != null) {
            emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.RISK, refusing));
            return id;
        }
        long delay = models.latency().delayMs();
        flights[c].add(new Flight(o, now + delay, delay, false));
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
        long at = now + delay;
        for (Flight f : flights[c]) {
            if (f.order == o && !f.cancel) {
                at = Math.max(at, f.at); // a cancel never overtakes its order
            }
        }
        flights[c].add(new Flight(o, at, delay, true));
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
        this.listener = listener;
    }

    private int index(Coin coin) {
        int c = account.index(coin);
        if (c < 0) {
            throw new IllegalArgumentException("the venue does not trade " + coin);
        }
        return c;
    }

    // ================================================================== order processing

    private void processArrivals(int c, long t) {
        List<Flight> fl = flights[c];
        while (!fl.isEmpty()) {
            int best = -1;
            for (int i = 0; i < fl.size(); i++) {
                Flight f = fl.get(i);
                if (f.at <= t && (best < 0 || f.at < fl.get(best).at)) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            Flight f = fl.remove(best);
            if (f.cancel) {
                arriveCancel(c, f, t);
            } else {
                arrive(c, f, t);
            }
        }
    }

    private void arriveCancel(int c, Flight f, long t) {
        TrackedOrder o = f.order;
        if (o.status().terminal()) {
            return;
        }
        removeResting(c, o);
        emit(new OrderEvent.Cancelled(o.id(), o.request().coin(), t, o.filledSize(), "cancelled by request"));
    }

    private void arrive(int c, Flight f, long t) {
        TrackedOrder o = f.order;
        if (o.status().terminal()) {
            return;
        }
        OrderRequest req = o.request();
        double path = curP[c];
        double a = models.latency().arrivalPrice(path, f.delay, marketState(c));
        tracker.arrived(o, t, a);
        log.begin('A').l(o.id()).l(t).d(a);
        RejectCode code = check(c, o, a);
        if (code == null && VenueRules.postOnlyWouldTake(req, a)) {
            // Hyperliquid refuses a post-only order that would cross, as it refuses a broken rule
            code = RejectCode.POST_ONLY_WOULD_TAKE;
        }
        if (code != null) {
            emit(new OrderEvent.Rejected(o.id(), req.coin(), t, code, rejectMessage(code, c, o, a)));
            return;
        }
        emit(new OrderEvent.Accepted(o.id(), req.coin(), t));
        switch (req.type()) {
            case MARKET -> takeLiquidity(c, o, t, a, true);
            case LIMIT -> {
                boolean marketable = req.side() == Side.BUY ? a <= req.limitPrice() : a >= req.limitPrice();
                if (marketable) {
                    takeLiquidity(c, o, t, a, false);
                } else if (req.tif() == TimeInForce.IOC) {
                    emit(new OrderEvent.Cancelled(o.id(), req.coin(), t, 0, "IOC limit did not match on arrival"));
                } else {
                    resting[c].add(new Resting(o));
                }
            }
            case STOP, TAKE_PROFIT -> {
                if (beyond(o, a)) {
                    tracker.triggered(o);
                    takeLiquidity(c, o, t, a, true);
                } else {
                    resting[c].add(new Resting(o));
                }
            }
        }
    }

    /** Price the path must reach for a resting order to act. */
    private double threshold(TrackedOrder o, int c) {
        OrderRequest r = o.request();
        if (r.type() == OrderType.LIMIT) {
            double tick = VenueRules.tick(r.limitPrice(), account.instrument(c).szDecimals());
            return r.side() == Side.BUY ? r.limitPrice() - tick : r.limitPrice() + tick;
        }
        return r.triggerPrice();
    }

    /** True when the resting order acts on an upward move. */
    private static boolean crossesUp(TrackedOrder o) {
        OrderRequest r = o.request();
        return switch (r.type()) {
            case LIMIT -> r.side() == Side.SELL;
            case STOP -> r.side() == Side.BUY;
            case TAKE_PROFIT -> r.side() == Side.SELL;
            case MARKET -> false;
        };
    }

    private static boolean beyond(TrackedOrder o, double price) {
        double trig = o.request().triggerPrice();
        return crossesUp(o) ? price >= trig : price <= trig;
    }

    private void processResting(int c, long t) {
        List<Resting> rs = resting[c];
        if (rs.isEmpty()) {
            return;
        }
        double p = curP[c];
        for (int i = 0; i < rs.size(); ) {
            Resting r = rs.get(i);
            TrackedOrder o = r.order;
            if (o.status().terminal()) {
                rs.remove(i);
                continue;
            }
            if (o.arrivalTime() < 0 || o.arrivalTime() > t) {
                i++;
                continue;
            }
            double thr = threshold(o, c);
            boolean hit = crossesUp(o) ? p >= thr - 1e-12 * Math.abs(thr) : p <= thr + 1e-12 * Math.abs(thr);
            if (!hit) {
                i++;
                continue;
            }
            if (o.request().type() == OrderType.LIMIT) {
                if (r.lastSegment == segId[c]) {
                    i++;
                    continue;
                }
                r.lastSegment = segId[c];
                restingLimitFill(c, o, t);
                if (o.status().terminal()) {
                    rs.remove(i);
                } else {
                    i++;
                }
            } else {
                rs.remove(i);
                tracker.triggered(o);
                // A trigger fires at the crossing (or at the open when the bar gapped through it).
                takeLiquidity(c, o, t, p, true);
            }
        }
    }

    private void removeResting(int c, TrackedOrder o) {
        resting[c].removeIf(r -> r.order == o);
    }

    /**
     * The share of the current segment's volume traded at or beyond {@code x} on the side a resting
     * {@code side} limit at x fills from (at or below x for a buy, at or above for a sell): the wick
     * model. The segment runs linearly from its start to its end, and one of the two is its extreme on
     * that side. Near an extreme a price path spends little time: for Brownian motion the expected
     * occupation density (local time) at a distance u below the running maximum grows linearly from
     * zero, E[L(m - u)] = 2u (the Ray-Knight theorem; Revuz and Yor, Continuous Martingales and
     * Brownian Motion, ch. XI), so the volume traded within d of the extreme is the square of d's
     * share of the segment's range: ((x - extreme) / range)^2, at most 1. A limit at a wick's tip,
     * one tick through it, gets almost nothing; one halfway up the wick a quarter.
     */
    private double beyondShare(int c, double x, Side side) {
        double p0 = segStartP[c];
        double p1 = endP[c];
        double range = Math.abs(p1 - p0);
        if (!(range > 0)) {
            return 1;
        }
        double d = side == Side.BUY ? x - Math.min(p0, p1) : Math.max(p0, p1) - x;
        double f = Math.max(0, Math.min(1, d / range));
        return f * f;
    }

    /** A resting limit the path traded through: fills at its limit as maker, up to the segment's liquidity. */
    private void restingLimitFill(int c, TrackedOrder o, long t) {
        OrderRequest req = o.request();
        double x = req.limitPrice();
        double wanted = o.remaining();
        boolean whole = false;
        if (req.reduceOnly()) {
            double pos = Math.abs(account.position(c));
            whole = wanted >= onGrid(pos, c);
            wanted = Math.min(wanted, pos);
            if (whole) {
                wanted = pos;
            }
        }
        double left = segLeft[c];
        if (segActive[c] && Double.isFinite(left)) {
            // wicks are touched, not dwelt in: only the volume traded at or beyond the limit is there for it
            left = Math.min(left, models.fill().segmentCapacity(segVolume[c]) * beyondShare(c, x, req.side()));
        }
        double can = models.fill().fillable(wanted, wanted * x, left);
        double size = whole && can >= wanted ? wanted : roundDown(can, c);
        if (size <= 0) {
            return;
        }
        double fee = models.fee().fee(size * x, true);
        book(c, o, t, req.side(), size, x, fee, true, x, false);
    }

    /**
     * A taker execution at arrival price a: participation/partial-fill model, adverse slippage,
     * grid rounding against the taker, the 5% IOC collar for market orders, taker fee. Whatever
     * does not fill is cancelled (market, IOC) or rests (GTC limit).
     */
    private void takeLiquidity(int c, TrackedOrder o, long t, double a, boolean marketLike) {
        OrderRequest req = o.request();
        Coin coin = req.coin();
        double wanted = o.remaining();
        boolean clipped = false;
        boolean whole = false;
        if (req.reduceOnly()) {
            double pos = Math.abs(account.position(c));
            double posOnGrid = onGrid(pos, c);
            if (wanted >= posOnGrid) {
                // The order covers the whole position as the size grid counts it: it closes all of
                // it, including the floating-point residue a sum of fills leaves off the grid (a
                // floor to the grid would leave that residue behind as a position nobody can close).
                clipped = wanted > posOnGrid;
                wanted = pos;
                whole = true;
            }
        }
        double left = segLeft[c];
        double can = models.fill().fillable(wanted, wanted * a, left);
        double size = whole && can >= wanted ? wanted : roundDown(can, c);
        // what stopped it: the segment's liquidity (drawn by an earlier order of this segment, or
        // too little for this one), the fill model's partial fill, or the position (reduce-only)
        boolean segmentBound = can < wanted && Double.isFinite(left) && can >= left;
        if (size <= 0) {
            finishUnfilled(c, o, t, marketLike, segmentBound || can < wanted ? noLiquidity(c, o)
                    : clipped ? "reduce-only order larger than the position: rest cancelled"
                    : "no liquidity left in this path segment (participation cap)");
            return;
        }
        double s = models.slippage().slippage(size * a, marketState(c));
        int sign = req.side().sign();
        double px = a * (1 + sign * s);
        boolean refused = false;
        if (marketLike) {
            double collar = a * (1 + sign * models.marketMaxPct());
            if (!(sign > 0 ? px <= collar : px >= collar)) {
                refused = true;
            }
        }
        if (!refused && config.tickRounding()) {
            px = OrderRounding.roundPrice(px, account.instrument(c).szDecimals(), false,
                    sign > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
        }
        if (!marketLike) {
            double x = req.limitPrice();
            px = sign > 0 ? Math.min(px, x) : Math.max(px, x); // no worse than its limit
        }
        if (refused || !(px > 0)) {
            emit(new OrderEvent.Cancelled(o.id(), coin, t, o.filledSize(), String.format(Locale.ROOT,
                    "could not match within %.1f%% of the arrival price %s (IOC collar)", 100 * models.marketMaxPct(),
                    fmt(a))));
            return;
        }
        double fee = models.fee().fee(size * px, false);
        book(c, o, t, req.side(), size, px, fee, false, a, false);
        if (!o.status().terminal()) {
            finishUnfilled(c, o, t, marketLike, segmentBound ? noLiquidity(c, o)
                    : clipped && !(can < wanted) ? "reduce-only order larger than the position: rest cancelled"
                    : "partially filled: rest " + (marketLike ? "cancelled (IOC)" : "follows its time in force"));
        }
    }

    /**
     * Why an order found no (more) liquidity in this path segment, naming the order of the same
     * segment that drew it when there was one (a strategy's order and a risk stop at the same
     * point share one segment's liquidity).
     */
    private String noLiquidity(int c, TrackedOrder o) {
        String base = "no liquidity left in this path segment (participation cap)";
        long by = segTakerSeg[c] == segId[c] ? segTaker[c] : -1;
        return by >= 0 && by != o.id() ? base + ": order " + by + " took the segment's liquidity" : base;
    }

    /** A size on the coin's grid, to the nearest step (a sum of fills may sit a hair off the grid). */
    private double onGrid(double size, int c) {
        return OrderRounding.roundSizeNearest(java.math.BigDecimal.valueOf(size), account.instrument(c).szDecimals()).doubleValue();
    }

    private void finishUnfilled(int c, TrackedOrder o, long t, boolean marketLike, String reason) {
        OrderRequest req = o.request();
        if (!marketLike && req.tif() == TimeInForce.GTC) {
            if (resting[c].stream().noneMatch(r -> r.order == o)) {
                Resting r = new Resting(o);
                r.lastSegment = segId[c];
                resting[c].add(r);
            }
            return;
        }
        emit(new OrderEvent.Cancelled(o.id(), req.coin(), t, o.filledSize(), reason));
    }

    /** Books one fill on the account and emits PartiallyFilled or Filled. */
    private void book(int c, TrackedOrder o, long t, Side side, double size, double px, double fee, boolean maker,
                      double arrival, boolean liquidation) {
        double signed = side.sign() * size;
        account.fill(c, signed, px, fee, arrival);
        if (Double.isFinite(segLeft[c])) {
            segLeft[c] = Math.max(0, segLeft[c] - size);
            segTaker[c] = o.id();
            segTakerSeg[c] = segId[c];
        }
        double slip = signed * (px - arrival);
        Fill f = new Fill(o.id(), o.request().coin(), side, t, px, size, fee, maker, arrival, slip, liquidation);
        fillLog.add(f);
        log.begin('F').l(o.id()).l(t).d(px).d(size).d(fee).l(maker ? 1 : 0).d(arrival).l(liquidation ? 1 : 0);
        double filled = o.filledSize() + size;
        double remaining = o.request().size() - filled;
        double step = OrderRounding.sizeStep(account.instrument(c).szDecimals());
        if (remaining <= Math.max(step / 2, SIZE_EPS * o.request().size())) {
            double prevNotional = o.filledSize() > 0 ? o.avgFillPrice() * o.filledSize() : 0;
            double avg = (prevNotional + px * size) / filled;
            emit(new OrderEvent.Filled(o.id(), o.request().coin(), t, f, filled, avg));
        } else {
            emit(new OrderEvent.PartiallyFilled(o.id(), o.request().coin(), t, f, filled, remaining));
        }
    }

    private double roundDown(double size, int c) {
        if (!(size > 0)) {
            return 0;
        }
        return OrderRounding.roundSize(size, account.instrument(c).szDecimals());
    }

    // ================================================================== checks

    /**
     * The first refusal of an arriving order: Hyperliquid's own rules ({@link VenueRules}, the copy
     * the live venue checks too) and the margin they need when the profile applies them, then the
     * profile's notional cap and random refusals.
     */
    private RejectCode check(int c, TrackedOrder o, double a) {
        OrderRequest r = o.request();
        var rules = models.rejection();
        double ref = VenueRules.referencePrice(r, a);
        double pos = account.position(c);
        if (rules.exchangeRules()) {
            RejectCode exchange = VenueRules.refusal(r, account.instrument(c).szDecimals(), a, pos);
            if (exchange != null) {
                return exchange;
            }
            double newPos = pos + r.signedSize();
            if (!r.type().isTrigger() && Math.abs(newPos) > Math.abs(pos) + SIZE_EPS) {
                double added = (Math.abs(newPos) - Math.abs(pos)) * ref / account.leverage(c);
                if (account.freeCollateral() < added) {
                    return RejectCode.INSUFFICIENT_MARGIN;
                }
            }
        }
        if (r.size() * ref > rules.maxNotionalUsd()) {
            return RejectCode.NOTIONAL_CAP;
        }
        if (rules.randomRefusal()) {
            return RejectCode.RANDOM;
        }
        return null;
    }

    private String rejectMessage(RejectCode code, int c, TrackedOrder o, double a) {
        OrderRequest r = o.request();
        return switch (code) {
            case SIZE_OFF_GRID, PRICE_OFF_GRID, REDUCE_ONLY, MIN_NOTIONAL ->
                    VenueRules.message(code, r, account.instrument(c).szDecimals(), account.position(c), r.size() * a);
            case INSUFFICIENT_MARGIN -> "insufficient margin: free collateral " + fmt(account.freeCollateral()) + " USDC";
            case NOTIONAL_CAP -> "order value " + fmt(r.size() * a) + " USDC exceeds the cap of "
                    + fmt(models.rejection().maxNotionalUsd()) + " USDC";
            case POST_ONLY_WOULD_TAKE -> "post-only order would have taken liquidity (ALO refused)";
            case RANDOM -> String.format(Locale.ROOT, "simulated random venue refusal (rate %.1f%%)",
                    100 * models.rejection().randomRate());
            default -> code.name();
        };
    }

    // ================================================================== quiet-bar fast path

    /** True when coin c has no order in flight or resting: inside its bars only marks, funding and liquidation can act. */
    public boolean noOrders(int c) {
        return flights[c].isEmpty() && resting[c].isEmpty();
    }

    /**
     * The quiet-bar fast path of coin c, which leaves the path where it was (see
     * {@link #quietBarsEnd}): funding due at or before the bar's open {@code t} is paid at the
     * open, as {@link #jump} would. When the bar then turns out not to be quiet, the replay's
     * {@link #jump} to the same open pays nothing more and does the rest, so the bar replays exactly.
     * Returns true when a settlement was due (the cash may have moved).
     */
    public boolean quietOpen(int c, long t, double open) {
        if (nextFunding[c] <= t) {
            // curT is the last replayed point; every settlement up to the last quiet bar's close is paid already
            payFunding(c, curT[c], t, open);
            return true;
        }
        return false;
    }

    /** Time of coin c's next funding settlement, UTC ms ({@link Long#MAX_VALUE} when none is left). */
    public long nextFundingTime(int c) {
        return nextFunding[c];
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
        nextSegment += 3L * bars;
    }

    /**
     * Ends a run of quiet bars of coin c whose last bar closed at ({@code t1}, {@code close})
     * with {@code volume}: the path, the mark and the last segment are where a replay of those
     * bars would have left them. Needed before anything reads them (the end of the run); a
     * {@link #jump} to the next bar's open sets them itself.
     */
    public void quietBarsEnd(int c, long t1, double close, double volume) {
        segVolume[c] = volume / 3.0;
        segLeft[c] = models.fill().segmentCapacity(segVolume[c]);
        segId[c] = nextSegment - 1;
        endT[c] = t1;
        endP[c] = close;
        segActive[c] = true;
        curT[c] = t1;
        curP[c] = close;
        now = Math.max(now, t1);
        account.setMark(c, close);
    }

    // ================================================================== driven in real time (paper)

    /** Why new orders are refused (with {@link RejectCode#RISK}), or null: a paper runner warming up sends nothing. */
    private String refusing;

    /** From now on every new order is refused with {@code reason} (null: accepted again); events come at the next settle. */
    public void refuseNewOrders(String reason) {
        this.refusing = reason;
    }

    /**
     * The live book's half spread of coin c, fraction of the mid (NaN: the profile's constant
     * again): slippage models that charge half the spread charge this one from now on.
     */
    public void setLiveHalfSpread(int c, double halfSpread) {
        market[c].liveHalfSpread = halfSpread;
    }

    /** When the earliest order or cancel in flight to coin c arrives, or {@link Long#MAX_VALUE}. */
    public long nextArrivalTime(int c) {
        long best = Long.MAX_VALUE;
        for (Flight f : flights[c]) {
            best = Math.min(best, f.at);
        }
        return best;
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
        double px = curP[c];
        if (account.position(c) != 0 && px > 0) {
            paid = account.fund(c, px, rate);
        }
        checkLiquidation(now);
        deliver();
        return paid;
    }

    // ================================================================== funding and liquidation

    private void payFunding(int c, long from, long to, boolean jumped) {
        payFunding(c, from, to, jumped ? curP[c] : Double.NaN);
    }

    /** Pays the settlements in (from, to] at {@code jumpPrice}, or at the path price at each time when it is NaN. */
    private void payFunding(int c, long from, long to, double jumpPrice) {
        if (nextFunding[c] > to) {
            return;
        }
        FundingSchedule fs = funding[c];
        int i = fundingIdx[c];
        long[] times = fs.times();
        if (i >= times.length || times[i] > to) {
            return;
        }
        while (i < times.length && times[i] <= to) {
            if (times[i] > from || from == Long.MIN_VALUE) {
                double px = Double.isNaN(jumpPrice) ? pathPrice(c, times[i]) : jumpPrice;
                if (account.position(c) != 0 && px > 0) {
                    account.fund(c, px, fs.rates()[i]);
                }
            }
            i++;
        }
        fundingIdx[c] = i;
        nextFunding[c] = i < times.length ? times[i] : Long.MAX_VALUE;
    }

    private void checkLiquidation(long t) {
        if (!account.belowMaintenance()) {
            return;
        }
        double eq = account.equity();
        double mm = account.maintenanceMargin();
        // Cancel everything in flight or resting, then close every position at the path price.
        for (int c = 0; c < n; c++) {
            for (Flight f : new ArrayList<>(flights[c])) {
                if (!f.cancel && !f.order.status().terminal()) {
                    emit(new OrderEvent.Cancelled(f.order.id(), f.order.request().coin(), t, f.order.filledSize(),
                            "liquidation: account below maintenance margin"));
                }
            }
            flights[c].clear();
            for (Resting r : resting[c]) {
                if (!r.order.status().terminal()) {
                    emit(new OrderEvent.Cancelled(r.order.id(), r.order.request().coin(), t, r.order.filledSize(),
                            "liquidation: account below maintenance margin"));
                }
            }
            resting[c].clear();
        }
        for (int c = 0; c < n; c++) {
            double pos = account.position(c);
            if (pos == 0) {
                continue;
            }
            Coin coin = account.coin(c);
            Side side = pos > 0 ? Side.SELL : Side.BUY;
            double size = Math.abs(pos);
            double a = curP[c];
            long id = nextId++;
            OrderRequest req = OrderRequest.market(coin, side, size, true, "liquidation");
            TrackedOrder o = tracker.register(id, req, t, a);
            tracker.arrived(o, t, a);
            log.begin('L').l(id).s(coin.name()).l(t).d(a).d(eq).d(mm);
            double s = models.slippage().slippage(size * a, marketState(c));
            if (!Double.isFinite(s)) {
                s = models.marketMaxPct();
            }
            double px = a * (1 + side.sign() * Math.min(s, models.marketMaxPct()));
            double fee = models.fee().fee(size * px, false);
            emit(new OrderEvent.Accepted(id, coin, t));
            // Book the full size: a liquidation is not limited by the participation cap.
            double signed = side.sign() * size;
            account.fill(c, signed, px, fee, a);
            Fill f = new Fill(id, coin, side, t, px, size, fee, false, a, signed * (px - a), true);
            fillLog.add(f);
            log.begin('F').l(id).l(t).d(px).d(size).d(fee).l(0).d(a).l(1);
            emit(new OrderEvent.Filled(id, coin, t, f, size, px));
            liquidations.add(new LiquidationRecord(t, coin, pos, a, px, fee, eq, mm));
        }
    }

    // ================================================================== events and views

    private void emit(OrderEvent e) {
        tracker.apply(e);
        switch (e) {
            case OrderEvent.Cancelled cx -> log.begin('C').l(cx.orderId()).l(cx.timeMs()).d(cx.filledSize()).s(cx.reason());
            case OrderEvent.Rejected rx -> log.begin('R').l(rx.orderId()).l(rx.timeMs()).l(rx.code().ordinal());
            default -> {
            }
        }
        outbox.add(e);
    }

    private void deliver() {
        while (!outbox.isEmpty()) {
            listener.accept(outbox.poll());
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    public Account account() {
        return account;
    }

    public OrderTracker tracker() {
        return tracker;
    }

    public List<Fill> fills() {
        return fillLog;
    }

    public List<LiquidationRecord> liquidations() {
        return liquidations;
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
        return curT[c];
    }

    /** Current path price of coin c. */
    public double price(int c) {
        return curP[c];
    }

    /** True when nothing can happen inside a segment of coin c: no order in flight or resting, no position. */
    public boolean idle(int c) {
        return flights[c].isEmpty() && resting[c].isEmpty() && account.position(c) == 0;
    }

    /**
     * Ends the run at time t: every order still in flight or resting is cancelled (with its filled
     * size) so that each order has exactly one terminal status; events are delivered.
     */
    public void closeOut(long t) {
        now = Math.max(now, t);
        for (TrackedOrder o : new ArrayList<>(tracker.open())) {
            emit(new OrderEvent.Cancelled(o.id(), o.request().coin(), now, o.filledSize(), "end of run"));
        }
        for (int c = 0; c < n; c++) {
            flights[c].clear();
            resting[c].clear();
        }
        deliver();
    }
}
