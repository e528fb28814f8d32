package io.hypertrader.strategy.fib;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PositionExpectation;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.StateSchema;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyJournal;
import io.hypertrader.strategy.StrategyState;
import io.hypertrader.strategy.StrategyStateException;
import io.hypertrader.strategy.TransitionRecord;
import io.hypertrader.strategy.rules.FilterGate;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Fibonacci hedge of docs/strategy.md for one coin: a state machine over FLAT, FULL, HEDGED,
 * SCALED, DEEP and RECOVERING that trades the net of its two legs through the venue.
 *
 * <p>All rules are evaluated in <i>thesis space</i>, y = sign * price (sign +1 bull, -1 bear), so
 * the bear thesis is the exact mirror of the bull one: "highest", "above" and "long" in the code
 * mean "lowest", "below" and "short" for a bear. Percent-of-price terms (arming, stops) use
 * |price|, which is what the mirrored rule says.
 *
 * <p>Orders: each transition changes the target net position (exposure table times Q); the
 * strategy then reconciles the venue's position to the target with market orders, one order in
 * flight at a time. A remainder cancelled by the venue (IOC after a partial fill) or a refused
 * order is retried at the next price point (at most 3 refusals in a row per target); a
 * difference below one size step or below the $10 minimum order value is left alone.
 *
 * <p>State: {@link #snapshot()} captures every field below the parameters (the {@link #SCHEMA}
 * lists them beside their declarations) as a {@code fib-hedge} {@link StrategyState}; a fresh
 * instance given it through {@link #restore} continues exactly as this one would. Prices in the
 * text are in price space (a bear's H is the lowest price); see docs/engine.md, "Strategy state".
 * This file is longer than most because the schema belongs next to the fields it lists and the
 * fields are one state machine's: sizing and the profit skim, which hold no state, are in
 * {@link FibSizing}.
 */
public final class FibHedgeStrategy implements StatefulStrategy, LegView, QuietBarAbsorber {

    private static final int MAX_REJECTS = 3;
    private static final String[] TAGS = {"flat", "full", "hedged", "scaled", "deep", "recovering"};

    private final FibHedgeParams p;
    private final Coin coin;
    private final int d;

    private ExecutionVenue venue;
    private StrategyJournal journal;
    private int szDecimals;

    // The key to the names below (docs/strategy.md, "Notation", maps each to its state key): a Y
    // suffix is a thesis-space price, y = d * price (d = +1 bull, -1 bear). q = Q, the cycle's base
    // quantity in coins; eY = E, the long's average entry; hY = H, the highest y of the cycle; loY =
    // Lo, the lowest y since the hedge; sY = S, the hedge short's entry; lvlH/lvlS/lvlD = the hedge,
    // scale and deep levels L(r) = H - r * (H - E); stopY = the long's stop in FULL; hPrevY and
    // loFlatY = after a stop, the ended cycle's H and the lowest y since.

    private FibState state = FibState.FLAT;
    private double q;
    private double eY = Double.NaN;
    private double hY = Double.NaN;
    private double loY = Double.NaN;
    private double sY = Double.NaN;
    private double lvlH = Double.NaN;
    private double lvlS = Double.NaN;
    private double lvlD = Double.NaN;
    private boolean armed;
    private double stopY = Double.NEGATIVE_INFINITY;
    private boolean hFromEntry;

    /** FLAT after a stop (or a refused re-entry): re-entry follows the reversal rule against hPrevY and loFlatY. */
    private boolean stoppedOut;
    private double hPrevY = Double.NaN;
    private double loFlatY = Double.NaN;

    // own view of the net position (thesis space), for the average cost E
    private double ownPos;
    private double ownAvg = Double.NaN;
    /** The short leg is being opened from zero: its sells' notional and size make S. */
    private boolean openingShort;
    private double sNotional;
    private double sSize;

    /** The market order in flight (-1: none) and the resting entry limit (-1: none). */
    private long activeOrder = -1;
    private long entryLimit = -1;
    /** The venue's position differs from the state's target: reconcile at the next price point. */
    private boolean dirty;
    /** Refusals in a row of the current target's orders; at MAX_REJECTS the strategy gives up on that target. */
    private int rejectStreak;
    private boolean gaveUp;
    /** No new cycle before this many closed bars (a too-small or refused entry waits a bar). */
    private int entryBlockedUntilBar;

    private int barsClosed;
    // the ATR: the previous close, the average (simple over the first arm.atrBars bars, then Wilder's) and its sum and count
    private double prevClose = Double.NaN;
    private double atr = Double.NaN;
    private double trSum;
    private int trCount;

    // the current cycle: its index (-1 before the first), whether open, its start time, the venue's
    // net P&L at its start, its deepest state and its levels as first set (for its record)
    private int cycleIndex = -1;
    private boolean cycleOpen;
    private long cycleStart;
    private double cyclePnl0;
    private FibState maxState = FibState.FULL;
    private double cycleLvlH = Double.NaN;
    private double cycleLvlS = Double.NaN;
    private double cycleLvlD = Double.NaN;

    private long lastTime;
    private double lastPrice = Double.NaN;

    /**
     * Every field above, as the state's text keys (price-space values; see {@link #px}). A field
     * added above and not here would be lost at a restart: FibHedgeStateTest sets every field
     * reflectively and requires a restored instance to hold the same bits. Bump the version when
     * this list changes.
     */
    static final StateSchema<FibHedgeStrategy> SCHEMA = StateSchema.<FibHedgeStrategy>of("fib-hedge", 1)
            .name(FibState.class, s -> s.state, (s, v) -> s.state = v)
            .identity("coin", s -> s.coin.name(), "the state belongs to another coin")
            .identity("thesis", s -> s.p.thesis().name().toLowerCase(Locale.ROOT), "the state belongs to the other thesis")
            .identity("params", FibHedgeStrategy::fingerprint,
                    "the strategy's trading parameters changed since the state was saved (FibHedgeParams.tradingRules)")
            .number("q", s -> s.q, (s, v) -> s.q = v)
            .number("e", s -> s.px(s.eY), (s, v) -> s.eY = s.px(v))
            .number("h", s -> s.px(s.hY), (s, v) -> s.hY = s.px(v))
            .number("lo", s -> s.px(s.loY), (s, v) -> s.loY = s.px(v))
            .number("s", s -> s.px(s.sY), (s, v) -> s.sY = s.px(v))
            .number("levelHedge", s -> s.px(s.lvlH), (s, v) -> s.lvlH = s.px(v))
            .number("levelScale", s -> s.px(s.lvlS), (s, v) -> s.lvlS = s.px(v))
            .number("levelDeep", s -> s.px(s.lvlD), (s, v) -> s.lvlD = s.px(v))
            .flag("armed", s -> s.armed, (s, v) -> s.armed = v)
            .number("stop", s -> s.px(s.stopY), (s, v) -> s.stopY = s.px(v))
            .flag("hFromEntry", s -> s.hFromEntry, (s, v) -> s.hFromEntry = v)
            .flag("stoppedOut", s -> s.stoppedOut, (s, v) -> s.stoppedOut = v)
            .number("hPrev", s -> s.px(s.hPrevY), (s, v) -> s.hPrevY = s.px(v))
            .number("loFlat", s -> s.px(s.loFlatY), (s, v) -> s.loFlatY = s.px(v))
            .number("pos", s -> s.px(s.ownPos), (s, v) -> s.ownPos = s.px(v))
            .number("avg", s -> s.ownAvg, (s, v) -> s.ownAvg = v)
            .flag("openingShort", s -> s.openingShort, (s, v) -> s.openingShort = v)
            .number("shortNotional", s -> s.sNotional, (s, v) -> s.sNotional = v)
            .number("shortSize", s -> s.sSize, (s, v) -> s.sSize = v)
            .whole("order", s -> s.activeOrder, (s, v) -> s.activeOrder = v)
            .whole("entryLimit", s -> s.entryLimit, (s, v) -> s.entryLimit = v)
            .flag("dirty", s -> s.dirty, (s, v) -> s.dirty = v)
            .integer("rejects", s -> s.rejectStreak, (s, v) -> s.rejectStreak = v)
            .flag("gaveUp", s -> s.gaveUp, (s, v) -> s.gaveUp = v)
            .integer("blockedUntilBar", s -> s.entryBlockedUntilBar, (s, v) -> s.entryBlockedUntilBar = v)
            .integer("bars", s -> s.barsClosed, (s, v) -> s.barsClosed = v)
            .number("prevClose", s -> s.prevClose, (s, v) -> s.prevClose = v)
            .number("atr", s -> s.atr, (s, v) -> s.atr = v)
            .number("trSum", s -> s.trSum, (s, v) -> s.trSum = v)
            .integer("trCount", s -> s.trCount, (s, v) -> s.trCount = v)
            .integer("cycle", s -> s.cycleIndex, (s, v) -> s.cycleIndex = v)
            .flag("cycleOpen", s -> s.cycleOpen, (s, v) -> s.cycleOpen = v)
            .whole("cycleStart", s -> s.cycleStart, (s, v) -> s.cycleStart = v)
            .number("cyclePnl0", s -> s.cyclePnl0, (s, v) -> s.cyclePnl0 = v)
            .choice("maxState", FibState.class, s -> s.maxState, (s, v) -> s.maxState = v)
            .number("cycleLevelHedge", s -> s.px(s.cycleLvlH), (s, v) -> s.cycleLvlH = s.px(v))
            .number("cycleLevelScale", s -> s.px(s.cycleLvlS), (s, v) -> s.cycleLvlS = s.px(v))
            .number("cycleLevelDeep", s -> s.px(s.cycleLvlD), (s, v) -> s.cycleLvlD = s.px(v))
            .whole("time", s -> s.lastTime, (s, v) -> s.lastTime = v)
            .number("price", s -> s.lastPrice, (s, v) -> s.lastPrice = v);

    /** The parameters' fingerprint, computed on the first snapshot or restore (not state). */
    private String fingerprint;

    /** Q of a new cycle and the profit skim (not state: only the cap a runner sets, see {@link #capCycleNotional}). */
    private final FibSizing sizing;

    /**
     * What forced the fills of the event being handled when it was not the venue's liquidation
     * (RiskGuardedStrategy says "risk-stop" right before a position stop's fills); null: a
     * liquidation. Not state: it lives for one event.
     */
    private String forcedReason;
    private String forcedLabel;

    /** absorbQuietBar is running the bar's points: every action stops at its first line and sets wouldAct. */
    private boolean probing;
    private boolean wouldAct;

    /**
     * The config's filters over closed bars (null: none, the hedge as specified). Not state: it is
     * rebuilt from the bars a runner replays at start (see {@link FilterGate}).
     */
    private final FilterGate filters;

    public FibHedgeStrategy(FibHedgeParams params) {
        if (params.isRules()) {
            throw new IllegalArgumentException("these are the parameters of a ta4j-rules strategy (StrategyKinds.create)");
        }
        this.p = params;
        this.coin = params.coin();
        this.d = params.thesis().sign();
        this.sizing = new FibSizing(params);
        this.filters = params.filters() == null || !params.filters().any() ? null
                : new FilterGate(params.filters(), params.interval().millis());
    }

    /**
     * Sizes every cycle to at most {@code usd} of notional (a deployment's position cap), telling
     * {@code onCapped} each time the cap cut a cycle's size. Infinity (the default) sizes as the
     * config says.
     */
    public FibHedgeStrategy capCycleNotional(double usd, java.util.function.Consumer<String> onCapped) {
        sizing.capCycleNotional(usd, onCapped);
        return this;
    }

    @Override
    public void start(StrategyContext context) {
        if (!context.coins().contains(coin)) {
            throw new IllegalArgumentException("context does not trade " + coin);
        }
        this.venue = context.venue();
        this.journal = context.journal();
        this.szDecimals = venue.instrument(coin).szDecimals();
        venue.setLeverage(coin, p.sizing().leverage());
    }

    @Override
    public PriceMode priceMode() {
        return p.trigger();
    }

    // ------------------------------------------------------------------ prices

    @Override
    public void onPrice(Coin c, long t, double price) {
        lastTime = t;
        lastPrice = price;
        double y = d * price;
        switch (state) {
            case FLAT -> onFlat(t, price, y);
            case FULL -> onFull(t, price, y);
            case HEDGED, SCALED, DEEP -> onHedged(t, price, y);
            case RECOVERING -> onRecovering(t, price, y);
        }
        if (dirty) {
            reconcile();
        }
    }

    private void onFlat(long t, double price, double y) {
        if (activeOrder >= 0 || entryLimit >= 0) {
            return;
        }
        if (stoppedOut) {
            if (y < loFlatY) {
                loFlatY = y;
            }
            if (y >= reentryY() && barsClosed >= entryBlockedUntilBar
                    && (filters == null || filters.reentryOpen())) {
                newCycle(t, price, "re-entry", true);
            }
        } else if (cycleIndex < 0 || !cycleOpen) {
            if (barsClosed >= p.entry().warmupBars() && barsClosed >= entryBlockedUntilBar
                    && (filters == null || filters.entryOpen())) {
                if (p.entry().atMarket()) {
                    newCycle(t, price, "entry", true);
                } else {
                    placeEntryLimit(t, price);
                }
            }
        }
    }

    private void onFull(long t, double price, double y) {
        if (y > hY) {
            hY = y;
        }
        if (Double.isNaN(eY)) {
            return; // the cycle's position is still being built: E unknown
        }
        updateArm();
        double trail = hY - p.longStop().trailPct() * Math.abs(hY);
        if (trail > stopY) {
            stopY = trail;
        }
        double hedgeY = hedgeY();
        if (y <= stopY || y <= hedgeY) {
            if (armed && hedgeY >= stopY) {
                enterHedge(t, price, y);
            } else {
                longStop(t, price, y, "long-stop");
            }
        }
    }

    private void onHedged(long t, double price, double y) {
        if (y < loY) {
            loY = y;
        }
        boolean liftPeak = y >= peakReclaimY();
        boolean liftStop = y >= shortStopY();
        if (liftPeak || liftStop) {
            newCycle(t, price, liftPeak ? "lift-peak" : "lift-stop", false);
            return;
        }
        if (state != FibState.HEDGED && y >= reversalHalfY()) {
            go(FibState.RECOVERING, t, price, "reversal-half");
            if (y >= reversalFullY()) {
                newCycle(t, price, "reversal", false);
            }
            return;
        }
        FibState deepest = y <= lvlD ? FibState.DEEP : y <= lvlS ? FibState.SCALED : FibState.HEDGED;
        if (deepest.depth() > state.depth()) {
            go(deepest, t, price, "level");
        }
    }

    private void onRecovering(long t, double price, double y) {
        if (y >= reversalFullY()) {
            newCycle(t, price, "reversal", false);
        } else if (y < loY) {
            loY = y;
            go(FibState.DEEP, t, price, "new-low");
        }
    }

    // ------------------------------------------------------------------ quiet bars

    /**
     * Runs the bar's points through the same rules as {@link #onPrice}, with every action
     * stopped at its first line ({@link #probe}). If none was reached, what the points did
     * (extremes, trailing stop, arming) stands and the bar closes; otherwise those fields are
     * put back and the driver replays the bar.
     */
    @Override
    public boolean absorbQuietBar(QuietBar bar) {
        if (dirty || activeOrder >= 0 || entryLimit >= 0) {
            return false;
        }
        int last = bar.points() - 1;
        if (untouched(d > 0 ? bar.low() : -bar.high(), d > 0 ? bar.high() : -bar.low())) {
            // no point of the bar reaches a rule or a tracked extreme: only the bar close changes state
            lastTime = bar.time(last);
            lastPrice = bar.price(last);
            onBarClose(coin, bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
            return true;
        }
        // every field the non-acting part of the price rules writes
        double hY0 = hY;
        double stopY0 = stopY;
        boolean armed0 = armed;
        double loY0 = loY;
        double loFlatY0 = loFlatY;
        long lastTime0 = lastTime;
        double lastPrice0 = lastPrice;
        probing = true;
        wouldAct = false;
        try {
            for (int j = 0; j < bar.points() && !wouldAct; j++) {
                onPrice(coin, bar.time(j), bar.price(j));
            }
        } finally {
            probing = false;
        }
        if (wouldAct) {
            hY = hY0;
            stopY = stopY0;
            armed = armed0;
            loY = loY0;
            loFlatY = loFlatY0;
            lastTime = lastTime0;
            lastPrice = lastPrice0;
            return false;
        }
        onBarClose(coin, bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        return true;
    }

    /**
     * True when no price in [yLo, yHi] (thesis space) would change anything in {@link #onPrice}:
     * strictly inside the state's triggers ({@link #upY}, {@link #dnY}, the same thresholds the
     * rules test) and not beyond the extreme the state tracks. A cheaper test than probing the
     * points, for the bars that are quiet by a margin; FLAT before an entry is left to probing.
     */
    private boolean untouched(double yLo, double yHi) {
        return switch (state) {
            case FULL -> !Double.isNaN(eY) && yHi <= hY && yLo > dnY();
            case HEDGED, SCALED, DEEP -> yLo >= loY && yHi < upY() && yLo > dnY();
            case RECOVERING -> yHi < upY() && yLo > dnY();
            case FLAT -> stoppedOut && yLo >= loFlatY && yHi < upY();
        };
    }

    /** True (and noted) when an action was reached while probing a quiet bar: the action must not run. */
    private boolean probe() {
        if (probing) {
            wouldAct = true;
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ transitions

    private void updateArm() {
        if (armed || Double.isNaN(eY) || (filters != null && !filters.armingOpen())) {
            return;
        }
        double g = hY - eY;
        double atrTerm = Double.isNaN(atr) ? 0 : p.arm().minGainAtr() * atr;
        double need = Math.max(p.arm().minGainPct() * Math.abs(eY), atrTerm);
        if (g > 0 && g >= need) {
            armed = true;
        }
    }

    private void enterHedge(long t, double price, double y) {
        if (probe()) {
            return;
        }
        double g = hY - eY;
        lvlH = hY - p.levels().hedge() * g;
        lvlS = hY - p.levels().scale() * g;
        lvlD = hY - p.levels().deep() * g;
        cycleLvlH = lvlH;
        cycleLvlS = lvlS;
        cycleLvlD = lvlD;
        loY = y;
        FibState deepest = y <= lvlD ? FibState.DEEP : y <= lvlS ? FibState.SCALED : FibState.HEDGED;
        go(deepest, t, price, "hedge");
    }

    private void longStop(long t, double price, double y, String reason) {
        if (probe()) {
            return;
        }
        endCycle(t, reason, true);
        hPrevY = hY;
        loFlatY = y;
        stoppedOut = true;
        go(FibState.FLAT, t, price, reason);
    }

    private void newCycle(long t, double price, String reason, boolean fromFlat) {
        if (probe()) {
            return;
        }
        if (cycleOpen) {
            endCycle(t, reason, true);
        }
        double qNew = sizing.q(venue, szDecimals, price);
        if (qNew > 0) {
            sizing.reportCap(venue, price, qNew);
        }
        if (!(qNew > 0)) {
            // Not enough equity to trade the minimum: stay (or go) flat, retry later.
            hPrevY = Double.isNaN(hY) ? d * price : hY;
            loFlatY = d * price;
            stoppedOut = fromFlat ? stoppedOut : true;
            entryBlockedUntilBar = barsClosed + 1;
            go(FibState.FLAT, t, price, "too-small");
            return;
        }
        q = qNew;
        if (!fromFlat) {
            // a reversal: its H and low are what a refused opening order falls back to (abortEntry)
            hPrevY = hY;
            loFlatY = loY;
        }
        cycleIndex++;
        cycleOpen = true;
        cycleStart = t;
        cyclePnl0 = venue.netPnl(coin);
        maxState = FibState.FULL;
        cycleLvlH = cycleLvlS = cycleLvlD = Double.NaN;
        eY = Double.NaN;
        hY = d * price;
        hFromEntry = fromFlat;
        armed = false;
        stopY = Double.NEGATIVE_INFINITY;
        lvlH = lvlS = lvlD = Double.NaN;
        loY = Double.NaN;
        sY = Double.NaN;
        stoppedOut = false;
        go(FibState.FULL, t, price, reason);
    }

    private void placeEntryLimit(long t, double price) {
        if (probe()) {
            return;
        }
        double px = OrderRounding.roundPrice(p.entry().price(), szDecimals, false,
                d > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
        double qNew = sizing.q(venue, szDecimals, px);
        if (!(qNew > 0)) {
            entryBlockedUntilBar = barsClosed + 1;
            return;
        }
        newCycle(t, price, "entry-limit", true);
        q = qNew;
        entryLimit = venue.submit(OrderRequest.limit(coin, d > 0 ? Side.BUY : Side.SELL, q, px, TimeInForce.GTC, "entry"));
        dirty = false;
    }

    private void endCycle(long t, String reason, boolean complete) {
        if (!cycleOpen) {
            return;
        }
        cycleOpen = false;
        double pnl = venue.netPnl(coin) - cyclePnl0;
        double g = hY - eY;
        double capture = g > 0 && q > 0 ? pnl / (q * g) : Double.NaN;
        journal.cycle(new CycleRecord(coin, cycleIndex, p.thesis().name().toLowerCase(Locale.ROOT), cycleStart, t, q,
                d * eY, d * hY, d * cycleLvlH, d * cycleLvlS, d * cycleLvlD, pnl, capture, maxState.name(), reason,
                complete));
        if (complete && pnl > 0 && p.profit().spotSavingsPct() > 0) {
            sizing.skim(venue, pnl);
        }
    }

    private void go(FibState to, long t, double price, String reason) {
        if (probe()) {
            return;
        }
        FibState from = state;
        FibHedgeParams.Target oldT = p.exposure().of(from);
        FibHedgeParams.Target newT = p.exposure().of(to);
        if (oldT.shortLeg() == 0 && newT.shortLeg() > 0) {
            openingShort = true;
            sNotional = 0;
            sSize = 0;
            sY = Double.NaN;
        }
        state = to;
        if (to.depth() > maxState.depth()) {
            maxState = to;
        }
        dirty = true;
        gaveUp = false;
        rejectStreak = 0;
        journal.transition(new TransitionRecord(coin, t, price, from.name(), to.name(), d * newT.net(), reason));
    }

    // ------------------------------------------------------------------ orders

    private void reconcile() {
        if (activeOrder >= 0 || entryLimit >= 0 || gaveUp) {
            return;
        }
        double target = d * q * p.exposure().of(state).net();
        if (state == FibState.FLAT) {
            target = 0;
        }
        double pos = venue.position(coin);
        double diff = target - pos;
        // Going flat closes the whole position: its size to the nearest grid step (a sum of fills
        // sits a hair off the grid, and a floor would leave one step behind as dust below the
        // smallest order, held for the rest of the run). A reduce-only order for the whole position
        // is the one order the exchange takes below $10, so dust left by anything else is closed too.
        double size = target == 0 ? OrderRounding.roundSizeNearest(java.math.BigDecimal.valueOf(Math.abs(pos)), szDecimals).doubleValue()
                : OrderRounding.roundSize(Math.abs(diff), szDecimals);
        double px = Double.isNaN(lastPrice) ? 0 : lastPrice;
        if (size <= 0 || (target != 0 && size * px < OrderRounding.MIN_NOTIONAL_USD)) {
            targetReached();
            return;
        }
        boolean reduceOnly = target == 0 ? pos != 0 : (Math.signum(target) == Math.signum(pos) && Math.abs(target) < Math.abs(pos));
        Side side = diff > 0 ? Side.BUY : Side.SELL;
        activeOrder = venue.submit(OrderRequest.market(coin, side, size, reduceOnly, TAGS[state.ordinal()]));
    }

    private void targetReached() {
        dirty = false;
        if (state == FibState.FULL && Double.isNaN(eY) && cycleOpen) {
            if (ownPos > 0 && !Double.isNaN(ownAvg)) {
                eY = d * ownAvg;
                if (hFromEntry) {
                    hY = eY; // FLAT -> FULL: H := E (docs/strategy.md, "FLAT")
                }
                stopY = eY - p.longStop().initialPct() * Math.abs(eY);
                updateArm();
            }
        }
        if (openingShort) {
            openingShort = false;
            if (sSize > 0) {
                sY = d * (sNotional / sSize);
            }
        }
    }

    @Override
    public void forcedBy(Coin c, String reason) {
        forcedReason = reason;
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        forcedLabel = forcedReason; // said right before this event, for this event only
        forcedReason = null;
        switch (event) {
            case OrderEvent.Accepted a -> {
            }
            case OrderEvent.PartiallyFilled pf -> {
                onFill(pf.fill());
                if (pf.orderId() == entryLimit && pf.remaining() * pf.fill().price() < OrderRounding.MIN_NOTIONAL_USD) {
                    // the resting entry is filled but for a rest below the smallest order (a wick gave
                    // most, not all): the rest could wait forever, so it is cancelled and the cycle
                    // goes on with what filled (the Cancelled event reconciles)
                    venue.cancel(entryLimit);
                }
            }
            case OrderEvent.Filled f -> {
                onFill(f.fill());
                if (f.fill().liquidation()) {
                    return;
                }
                if (f.orderId() == entryLimit) {
                    entryLimit = -1;
                    dirty = true;
                }
                if (f.orderId() == activeOrder) {
                    activeOrder = -1;
                    rejectStreak = 0;
                }
                if (dirty && activeOrder < 0) {
                    reconcile();
                }
            }
            case OrderEvent.Cancelled c -> {
                if (c.orderId() == activeOrder) {
                    activeOrder = -1;
                    dirty = true; // retried at the next price point, never from inside the event
                }
                if (c.orderId() == entryLimit) {
                    entryLimit = -1;
                    dirty = true;
                }
            }
            case OrderEvent.Rejected r -> {
                if (r.orderId() == entryLimit) {
                    entryLimit = -1;
                    abortEntry();
                } else if (r.orderId() == activeOrder) {
                    activeOrder = -1;
                    dirty = true;
                    if (++rejectStreak >= MAX_REJECTS) {
                        gaveUp = true;
                        if (state == FibState.FULL && Double.isNaN(eY) && Math.abs(ownPos) * lastPrice < OrderRounding.MIN_NOTIONAL_USD) {
                            abortEntry();
                        }
                    }
                }
            }
        }
    }

    /**
     * The venue keeps refusing the cycle's opening order: forget the cycle, retry after the next bar.
     * A cycle that followed an earlier one (a re-entry after a stop, a reversal) falls back to the
     * re-entry rule from FLAT (docs/strategy.md: the reversal rule against the last H and the low since),
     * never to the first entry's rule: with {@code entry.price} set that would rest a limit at the
     * initial price, months away from the market.
     */
    private void abortEntry() {
        cycleOpen = false;
        cycleIndex--;
        entryBlockedUntilBar = barsClosed + 1;
        if (cycleIndex >= 0) {
            stoppedOut = true; // hPrevY and loFlatY are the re-entry's (or were set by the reversal)
            if (Double.isNaN(loFlatY) || d * lastPrice < loFlatY) {
                loFlatY = d * lastPrice;
            }
        }
        FibState from = state;
        state = FibState.FLAT;
        dirty = false;
        gaveUp = false;
        rejectStreak = 0;
        journal.transition(new TransitionRecord(coin, lastTime, lastPrice, from.name(), "FLAT", 0, "entry-refused"));
    }

    private void onFill(Fill f) {
        double dq = d * f.signedSize(); // thesis space
        double px = f.price();
        if (ownPos == 0 || Math.signum(ownPos) == Math.signum(dq)) {
            double n = Math.abs(ownPos) + Math.abs(dq);
            ownAvg = ownPos == 0 ? px : (ownAvg * Math.abs(ownPos) + px * Math.abs(dq)) / n;
            ownPos += dq;
        } else if (Math.abs(dq) <= Math.abs(ownPos)) {
            ownPos += dq;
            if (Math.abs(ownPos) < 1e-12) {
                ownPos = 0;
                ownAvg = Double.NaN;
            }
        } else {
            ownPos += dq; // crossed zero: the remainder opened at this price
            ownAvg = px;
        }
        if (openingShort && dq < 0) {
            sNotional += px * f.size();
            sSize += f.size();
        }
        if (f.liquidation()) {
            onLiquidated(f);
        }
    }

    private void onLiquidated(Fill f) {
        ownPos = venue.position(coin) * d;
        if (ownPos == 0) {
            ownAvg = Double.NaN;
        }
        activeOrder = -1;
        entryLimit = -1;
        double y = d * f.price();
        if (state != FibState.FLAT) {
            String why = forcedLabel != null ? forcedLabel : "liquidation";
            endCycle(f.timeMs(), why, true);
            hPrevY = Double.isNaN(hY) ? y : hY;
            loFlatY = y;
            stoppedOut = true;
            go(FibState.FLAT, f.timeMs(), f.price(), why);
        }
        dirty = false;
    }

    // ------------------------------------------------------------------ bars, band, end

    @Override
    public void onBarClose(Coin c, long openTime, double open, double high, double low, double close, double volume) {
        double tr = Double.isNaN(prevClose) ? high - low
                : Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        int n = p.arm().atrBars();
        if (trCount < n) {
            trSum += tr;
            trCount++;
            atr = trSum / trCount;
        } else {
            atr = (atr * (n - 1) + tr) / n; // Wilder's smoothing after the first n bars
        }
        prevClose = close;
        barsClosed++;
        if (filters != null) {
            filters.barClosed(openTime, open, high, low, close, volume);
        }
        if (state == FibState.FULL) {
            updateArm();
        }
    }

    @Override
    public double triggerAbove(Coin c) {
        return d > 0 ? upY() : -dnY();
    }

    @Override
    public double triggerBelow(Coin c) {
        return d > 0 ? dnY() : -upY();
    }

    // One method per threshold (thesis space): the price rules (onFlat, onFull, onHedged,
    // onRecovering) test against them and the triggers (upY, dnY) deliver their crossings, so the
    // two can never disagree. The notation is docs/strategy.md's.

    /** FLAT after a stop: the re-entry level, the full reversal from the low since the stop towards the last H. */
    private double reentryY() {
        return loFlatY + p.reversal().full() * (hPrevY - loFlatY);
    }

    /** FULL: the hedge level below H (-infinity until armed); with the trailing stop, what ends FULL. */
    private double hedgeY() {
        return armed ? hY - p.levels().hedge() * (hY - eY) : Double.NEGATIVE_INFINITY;
    }

    /** Hedged: H reclaimed lifts the hedge (+infinity when the rule is off). */
    private double peakReclaimY() {
        return p.hedgeExit().peakReclaim() ? hY : Double.POSITIVE_INFINITY;
    }

    /** Hedged: the short's stop above its entry S lifts the hedge (NaN, never reached, before S is known). */
    private double shortStopY() {
        return sY + p.hedgeExit().shortStopPct() * Math.abs(sY);
    }

    /** SCALED or DEEP: the half reversal from the low towards H (to RECOVERING). */
    private double reversalHalfY() {
        return loY + p.reversal().half() * (hY - loY);
    }

    /** SCALED, DEEP or RECOVERING: the full reversal from the low towards H (a new cycle). */
    private double reversalFullY() {
        return loY + p.reversal().full() * (hY - loY);
    }

    /** Thesis-space price at or above which a rule fires (crossings delivered exactly). */
    private double upY() {
        switch (state) {
            case FLAT:
                return stoppedOut && activeOrder < 0 ? reentryY() : Double.POSITIVE_INFINITY;
            case HEDGED:
            case SCALED:
            case DEEP: {
                double up = peakReclaimY();
                if (!Double.isNaN(sY)) {
                    up = Math.min(up, shortStopY());
                }
                if (state != FibState.HEDGED) {
                    up = Math.min(up, reversalHalfY());
                }
                return up;
            }
            case RECOVERING:
                return reversalFullY();
            default:
                return Double.POSITIVE_INFINITY;
        }
    }

    /** Thesis-space price at or below which a rule fires. */
    private double dnY() {
        switch (state) {
            case FULL: {
                if (Double.isNaN(eY)) {
                    return Double.NEGATIVE_INFINITY;
                }
                return Math.max(stopY, hedgeY());
            }
            case HEDGED:
                return lvlS;
            case SCALED:
                return lvlD;
            case RECOVERING:
                return Math.nextDown(loY);
            default:
                return Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * Reports the open cycle as it stands ({@code complete = false}, marked to market) and leaves
     * the state as it was: a runner that stops to be restarted may journal its state after this,
     * and the restored strategy still has the cycle open (its end, P&L and skim come later).
     */
    @Override
    public void finish(long t) {
        if (cycleOpen) {
            endCycle(t, "end-of-data", false);
            cycleOpen = true;
        }
    }

    // ------------------------------------------------------------------ state

    @Override
    public StrategyState snapshot() {
        return SCHEMA.write(this);
    }

    @Override
    public void restore(StrategyState saved) {
        if (!Double.isNaN(lastPrice) || barsClosed != 0 || cycleIndex != -1 || activeOrder != -1 || entryLimit != -1) {
            throw new StrategyStateException("restore needs a fresh fib-hedge strategy for " + coin
                    + "; this one has already run (" + summary() + ")");
        }
        SCHEMA.read(saved, this);
    }

    @Override
    public PositionExpectation expectation(Coin c) {
        if (venue == null) {
            throw new IllegalStateException("expectation() needs start(context) first (the coin's size grid)");
        }
        if (!coin.equals(c)) {
            throw new IllegalArgumentException("this fib-hedge strategy trades " + coin + ", not " + c);
        }
        List<Long> inFlight = new ArrayList<>(2);
        if (activeOrder >= 0) {
            inFlight.add(activeOrder);
        }
        if (entryLimit >= 0) {
            inFlight.add(entryLimit);
        }
        double target = state == FibState.FLAT ? 0 : d * q * p.exposure().of(state).net();
        return new PositionExpectation(coin, state.name(), px(ownPos), target, !dirty && inFlight.isEmpty(),
                dirty && !gaveUp, inFlight, szDecimals, lastPrice);
    }

    /**
     * For example {@code HEDGED BTC bull cycle=3 Q=0.73 pos=0 E=65012.5 H=70000 Lo=66000
     * levels=68348/67326/66506 S=67812}: the state, the cycle's figures in prices, then what
     * the state adds (FULL: the stop and arming; FLAT after a stop: the previous H, the low
     * since and the re-entry price) and anything pending.
     */
    @Override
    public String summary() {
        StringBuilder b = new StringBuilder(160);
        b.append(state).append(' ').append(coin).append(' ').append(p.thesis().name().toLowerCase(Locale.ROOT))
                .append(" cycle=").append(cycleIndex).append(" Q=").append(num(q)).append(" pos=").append(num(px(ownPos)));
        if (state != FibState.FLAT) {
            b.append(" E=").append(num(px(eY))).append(" H=").append(num(px(hY)));
        }
        if (state == FibState.FULL) {
            b.append(" stop=").append(num(px(stopY))).append(armed ? " armed" : " unarmed");
        } else if (state.hedged() || state == FibState.RECOVERING) {
            b.append(" Lo=").append(num(px(loY))).append(" levels=").append(num(px(lvlH))).append('/')
                    .append(num(px(lvlS))).append('/').append(num(px(lvlD))).append(" S=").append(num(px(sY)));
        } else if (stoppedOut) {
            b.append(" after-stop H=").append(num(px(hPrevY))).append(" low=").append(num(px(loFlatY)))
                    .append(" re-entry=").append(num(px(reentryY())));
        }
        if (activeOrder >= 0) {
            b.append(" order=").append(activeOrder);
        }
        if (entryLimit >= 0) {
            b.append(" entry-limit=").append(entryLimit);
        }
        if (dirty) {
            b.append(gaveUp ? " gave-up" : " to-trade");
        }
        return b.toString();
    }

    /**
     * Thesis space to price space and back (the same map): y for bull, -y for bear. A NaN keeps
     * its bits (a negation would flip its sign bit), so a saved and restored NaN is the same NaN.
     */
    private double px(double y) {
        return d > 0 || y != y ? y : -y;
    }

    private String fingerprint() {
        if (fingerprint == null) {
            fingerprint = p.fingerprint();
        }
        return fingerprint;
    }

    private static String num(double v) {
        return PositionExpectation.num(v);
    }

    // ------------------------------------------------------------------ views

    @Override
    public double longLeg(Coin c) {
        return q * p.exposure().of(state).longLeg();
    }

    @Override
    public double shortLeg(Coin c) {
        return q * p.exposure().of(state).shortLeg();
    }

    public FibState state() {
        return state;
    }

    /** Base quantity Q of the current cycle, coins. */
    public double q() {
        return q;
    }

    /** E of the current cycle (price), NaN while unknown. */
    public double entry() {
        return d * eY;
    }

    /** H of the current cycle (price). */
    public double high() {
        return d * hY;
    }

    public boolean armed() {
        return armed;
    }

    /** Latest ATR (price units), NaN before the first closed bar. */
    public double atr() {
        return atr;
    }

    public FibHedgeParams params() {
        return p;
    }
}
