package io.hypertrader.strategy.rules;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
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
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.BaseTradingRecord;
import org.ta4j.core.Rule;
import org.ta4j.core.Trade;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.BooleanRule;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code ta4j-rules} strategy (docs/strategy.md, "ta4j-rules"): a long side and a short
 * side, each a ta4j {@link org.ta4j.core.Strategy} (entry and exit rule) over the closed bars,
 * traded through the venue like any of our strategies, so the simulator, the risk manager, the
 * reports, sweeps, Monte Carlo and walk-forward apply to it unchanged.
 *
 * <p><b>Decisions.</b> At every bar close the bar joins the series ({@link ClosedBars}: nothing
 * sees a bar before it closed) and, like ta4j's {@code BarSeriesManager}, one action at most is
 * taken: flat, the long side's entry and then the short side's; in a position, its own side's
 * exit. A side's strategy is asked with its own {@link TradingRecord} (the trades this strategy
 * decided, at the decision bar's close), so ta4j rules that read the record, such as
 * {@code StopLossRule}, work as in ta4j. The order is a market order sent at the close.
 *
 * <p><b>Stops.</b> {@code stopLoss} and {@code takeProfit} (fractions of the entry price, null for
 * none) are watched at every price point between closes (in intrabar mode also at the exact
 * crossing, {@link #triggerAbove}); a stop on a bar is that bar's one action, and so is a close the
 * venue forced (a liquidation, a risk manager's position stop).
 *
 * <p><b>Size.</b> Each entry is sized like the hedge's Q: {@code allocation x (1 - cashReserve) x
 * equity x leverage / price}, or {@code fixedQty} coins, on the coin's size grid, within the
 * venue's opening cap; below the $10 minimum order nothing is entered.
 *
 * <p>Each round trip is journaled as a cycle (thesis {@code bull} for a long, {@code bear} for a
 * short; {@code h} the most favourable price seen; no levels), entries and exits as transitions
 * FLAT/LONG/SHORT, so reports read it like the hedge's cycles.
 *
 * <p><b>State.</b> {@link #snapshot()} writes the fields below as a {@code ta4j-rules} state (the
 * runners journal it as they do the hedge's). The strategy's memory is mostly its closed bars and
 * ta4j's trading records, which a state line cannot hold, so it is not {@link #restorable()}: a
 * restarted paper or live runner starts it fresh on the warm-up bars, and its restart rule then
 * requires the coin to be flat (a position the fresh strategy does not know of halts the run,
 * exit 5; it is never adopted or traded blind).
 *
 * <p><b>One file (about 600 lines).</b> The entry, exit, stop and take-profit rules of a coin act on
 * one position's fields (side, size, entry, best price, pending trade); cut apart, each piece would
 * reach into the others' state. The expression language lives apart ({@code RuleCompiler}).
 */
public final class RulesStrategy implements StatefulStrategy, LegView, QuietBarAbsorber {

    /** What the strategy holds or is reaching; the state's name. */
    public enum Holding { SHORT, FLAT, LONG }

    /** How each entry is sized (the config's {@code strategy.sizing}); {@code fixedQty} NaN = off. */
    public record Sizing(double allocation, double cashReserve, int leverage, double fixedQty) {
        public Sizing {
            if (!(allocation > 0 && allocation <= 1) || !(cashReserve >= 0 && cashReserve < 1) || leverage < 1) {
                throw new IllegalArgumentException("sizing out of range: " + allocation + "/" + cashReserve + "/" + leverage);
            }
        }
    }

    private static final int MAX_REJECTS = 3;
    private static final String[] SIDE_NAMES = {"SHORT", "FLAT", "LONG"};

    private final Coin coin;
    private final PriceMode mode;
    private final Sizing sizing;
    private final Double stopLoss;
    private final Double takeProfit;
    private final ClosedBars bars;
    private final org.ta4j.core.Strategy longSide;
    private final org.ta4j.core.Strategy shortSide;
    private final TradingRecord longRecord = new BaseTradingRecord(Trade.TradeType.BUY);
    private final TradingRecord shortRecord = new BaseTradingRecord(Trade.TradeType.SELL);

    private ExecutionVenue venue;
    private StrategyJournal journal;
    private int szDecimals;

    /** Intended side: +1 long, -1 short, 0 flat. */
    private int side;
    private double q;
    /** The position's entry price (the venue's average), NaN until the entry filled. */
    private double entry = Double.NaN;
    /** Most favourable price since the entry. */
    private double best = Double.NaN;
    private long activeOrder = -1;
    private boolean dirty;
    private int rejects;
    /** A stop closed the position during the bar in progress: its close takes no second action. */
    private boolean stoppedInBar;
    private int barsClosed;
    private long lastAddedOpenTime = Long.MIN_VALUE;
    private long lastTime;
    private double lastPrice = Double.NaN;

    private int trade = -1;
    private long tradeStart;
    private double tradePnl0;
    private boolean tradeOpen;
    private int tradeSide = 1;
    private String forcedReason;

    /** The rules and sizing as one fingerprint (first 12 hex digits of their SHA-256); "java" for code-given sides. */
    private final String fingerprint;
    /** Largest notional an entry is sized to (a deployment's cap, {@link #capNotional}); not state. */
    private double maxNotional = Double.POSITIVE_INFINITY;

    static final StateSchema<RulesStrategy> SCHEMA = StateSchema.<RulesStrategy>of("ta4j-rules", 1)
            .name(Holding.class, s -> Holding.values()[s.side + 1], (s, v) -> s.side = v.ordinal() - 1)
            .identity("coin", s -> s.coin.name(), "the state belongs to another coin")
            .identity("params", s -> s.fingerprint, "the rules or sizing changed since the state was saved")
            .number("q", s -> s.q, (s, v) -> s.q = v)
            .number("entry", s -> s.entry, (s, v) -> s.entry = v)
            .number("best", s -> s.best, (s, v) -> s.best = v)
            .whole("order", s -> s.activeOrder, (s, v) -> s.activeOrder = v)
            .flag("dirty", s -> s.dirty, (s, v) -> s.dirty = v)
            .integer("rejects", s -> s.rejects, (s, v) -> s.rejects = v)
            .flag("stoppedInBar", s -> s.stoppedInBar, (s, v) -> s.stoppedInBar = v)
            .integer("bars", s -> s.barsClosed, (s, v) -> s.barsClosed = v)
            .whole("lastBar", s -> s.lastAddedOpenTime, (s, v) -> s.lastAddedOpenTime = v)
            .integer("trade", s -> s.trade, (s, v) -> s.trade = v)
            .whole("tradeStart", s -> s.tradeStart, (s, v) -> s.tradeStart = v)
            .number("tradePnl0", s -> s.tradePnl0, (s, v) -> s.tradePnl0 = v)
            .flag("tradeOpen", s -> s.tradeOpen, (s, v) -> s.tradeOpen = v)
            .integer("tradeSide", s -> s.tradeSide, (s, v) -> s.tradeSide = v)
            .whole("time", s -> s.lastTime, (s, v) -> s.lastTime = v)
            .number("price", s -> s.lastPrice, (s, v) -> s.lastPrice = v);

    /** A strategy from the config's rules. */
    public RulesStrategy(Coin coin, long barMs, PriceMode mode, RuleSet rules, Sizing sizing) {
        this(coin, barMs, mode, series -> side(series, rules, rules.longEntry(), rules.longExit(), "long"),
                series -> rules.shortEntry() == null ? null : side(series, rules, rules.shortEntry(), rules.shortExit(), "short"),
                sizing, rules.stopLoss(), rules.takeProfit(),
                fingerprint("bar=" + barMs + " mode=" + mode + " " + rules.text() + " sizing=" + sizing));
    }

    /**
     * The Java entry point: the long and short sides as ta4j strategies built over the strategy's
     * own series of closed bars (the function is called once, with the empty series that then
     * grows bar by bar; the strategy asks its rules at the last closed bar's index, see
     * {@link ClosedBars} for why the series ends with a placeholder). Either side may be null (no
     * trades on that side).
     *
     * @param stopLoss   fraction of the entry price (null: none)
     * @param takeProfit fraction of the entry price (null: none)
     */
    public RulesStrategy(Coin coin, long barMs, PriceMode mode, Function<BarSeries, org.ta4j.core.Strategy> longSide,
                         Function<BarSeries, org.ta4j.core.Strategy> shortSide, Sizing sizing, Double stopLoss,
                         Double takeProfit) {
        this(coin, barMs, mode, longSide, shortSide, sizing, stopLoss, takeProfit, "java");
    }

    private RulesStrategy(Coin coin, long barMs, PriceMode mode, Function<BarSeries, org.ta4j.core.Strategy> longSide,
                          Function<BarSeries, org.ta4j.core.Strategy> shortSide, Sizing sizing, Double stopLoss,
                          Double takeProfit, String fingerprint) {
        this.fingerprint = fingerprint;
        this.coin = Objects.requireNonNull(coin, "coin");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sizing = Objects.requireNonNull(sizing, "sizing");
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
        this.bars = new ClosedBars(barMs);
        this.longSide = longSide == null ? null : longSide.apply(bars.series());
        this.shortSide = shortSide == null ? null : shortSide.apply(bars.series());
    }

    private static String fingerprint(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Sizes every entry to at most {@code usd} of notional (a deployment's position cap); infinity: as configured. */
    public RulesStrategy capNotional(double usd) {
        if (!(usd > 0)) {
            throw new IllegalArgumentException("the notional cap must be positive, got " + usd);
        }
        this.maxNotional = usd;
        return this;
    }

    /** One side of a rule set as a ta4j strategy: its entry and exit rules, unstable for the slower of the two. */
    private static org.ta4j.core.Strategy side(BarSeries series, RuleSet rules, String entry, String exit, String name) {
        if (entry == null) {
            return null;
        }
        RuleCompiler.Compiled in = RuleCompiler.compile(entry, series, rules.params());
        RuleCompiler.Compiled out = exit == null ? null : RuleCompiler.compile(exit, series, rules.params());
        Rule exitRule = out == null ? BooleanRule.FALSE : out.rule();
        int unstable = Math.max(in.unstableBars(), out == null ? 0 : out.unstableBars());
        return new BaseStrategy(name, in.rule(), exitRule, unstable);
    }

    /** The unstable bars of a rule set's long side, as {@link BaseStrategy} gets them (for a ta4j run of the same rules). */
    public static int unstableBars(RuleSet rules, boolean longSide) {
        String in = longSide ? rules.longEntry() : rules.shortEntry();
        String out = longSide ? rules.longExit() : rules.shortExit();
        int n = in == null ? 0 : RuleCompiler.check(in, rules.params());
        return Math.max(n, out == null ? 0 : RuleCompiler.check(out, rules.params()));
    }

    @Override
    public void start(StrategyContext context) {
        if (!context.coins().contains(coin)) {
            throw new IllegalArgumentException("context does not trade " + coin);
        }
        this.venue = context.venue();
        this.journal = context.journal();
        this.szDecimals = venue.instrument(coin).szDecimals();
        venue.setLeverage(coin, sizing.leverage());
    }

    @Override
    public PriceMode priceMode() {
        return mode;
    }

    // ------------------------------------------------------------------ prices and stops

    @Override
    public void onPrice(Coin c, long t, double price) {
        lastTime = t;
        lastPrice = price;
        if (watching()) {
            best = side > 0 ? Math.max(best, price) : Math.min(best, price);
            if (price <= below()) {
                act(0, t, price, side > 0 ? "stop-loss" : "take-profit");
                stoppedInBar = true;
            } else if (price >= above()) {
                act(0, t, price, side > 0 ? "take-profit" : "stop-loss");
                stoppedInBar = true;
            }
        }
        if (dirty) {
            reconcile();
        }
    }

    /** Whether the stops are live: in a position whose entry has filled, no order working. */
    private boolean watching() {
        return side != 0 && !Double.isNaN(entry) && !dirty;
    }

    /** Price at or below which a stop closes the position (-inf: none). */
    private double below() {
        if (side > 0 && stopLoss != null) {
            return entry * (1 - stopLoss);
        }
        if (side < 0 && takeProfit != null) {
            return entry * (1 - Math.min(takeProfit, 1));
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** Price at or above which a stop closes the position (+inf: none). */
    private double above() {
        if (side > 0 && takeProfit != null) {
            return entry * (1 + takeProfit);
        }
        if (side < 0 && stopLoss != null) {
            return entry * (1 + stopLoss);
        }
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double triggerAbove(Coin c) {
        return watching() ? above() : Double.POSITIVE_INFINITY;
    }

    @Override
    public double triggerBelow(Coin c) {
        return watching() ? below() : Double.NEGATIVE_INFINITY;
    }

    // ------------------------------------------------------------------ bar closes

    @Override
    public void onBarClose(Coin c, long openTime, double open, double high, double low, double close, double volume) {
        addBar(openTime, open, high, low, close, volume);
        barsClosed++;
        boolean stopped = stoppedInBar;
        stoppedInBar = false;
        if (stopped || activeOrder >= 0 || dirty) {
            return; // a stop was this bar's action, or an order is still working
        }
        int to = decide();
        if (to != side) {
            long t = Double.isNaN(lastPrice) ? openTime : lastTime;
            act(to, t, close, to == 0 ? "exit" : "entry");
            if (dirty) {
                reconcile();
            }
        }
    }

    /** Adds the bar once (absorbQuietBar may have added it already before declining). */
    private void addBar(long openTime, double open, double high, double low, double close, double volume) {
        if (openTime != lastAddedOpenTime) {
            bars.add(openTime, open, high, low, close, volume);
            lastAddedOpenTime = openTime;
        }
    }

    /** The side the rules want after the last closed bar (one action: entry when flat, exit when in). */
    private int decide() {
        int end = bars.lastIndex();
        if (side == 0) {
            if (longSide != null && longSide.shouldEnter(end, longRecord)) {
                return 1;
            }
            if (shortSide != null && shortSide.shouldEnter(end, shortRecord)) {
                return -1;
            }
            return 0;
        }
        org.ta4j.core.Strategy s = side > 0 ? longSide : shortSide;
        return s.shouldExit(end, side > 0 ? longRecord : shortRecord) ? 0 : side;
    }

    /**
     * The quiet-bar fast path: a bar whose range reaches no stop and whose close makes the rules
     * take no action is absorbed whole. The bar joins the series either way (once: a declined
     * bar is not added again by the replay's {@link #onBarClose}).
     */
    @Override
    public boolean absorbQuietBar(QuietBar bar) {
        if (dirty || activeOrder >= 0) {
            return false;
        }
        if (side != 0 && (bar.low() <= below() || bar.high() >= above())) {
            return false;
        }
        addBar(bar.openTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        if (decide() != side) {
            return false;
        }
        if (side != 0 && !Double.isNaN(entry)) {
            for (int j = 0; j < bar.points(); j++) {
                best = side > 0 ? Math.max(best, bar.price(j)) : Math.min(best, bar.price(j));
            }
        }
        int last = bar.points() - 1;
        lastTime = bar.time(last);
        lastPrice = bar.price(last);
        barsClosed++;
        return true;
    }

    // ------------------------------------------------------------------ actions and orders

    private void act(int to, long t, double price, String reason) {
        int end = bars.lastIndex();
        Num px = bars.series().numFactory().numOf(price);
        if (side != 0) {
            TradingRecord r = side > 0 ? longRecord : shortRecord;
            if (r.getCurrentPosition().isOpened()) {
                r.exit(Math.max(end, r.getCurrentPosition().getEntry().getIndex()), px, r.getCurrentPosition().getEntry().getAmount());
            }
            endTrade(t, reason, true);
        }
        int from = side;
        if (to != 0) {
            double qNew = computeQ(price);
            if (!(qNew > 0)) {
                to = 0; // not enough equity for the minimum order: stay flat
            } else {
                q = qNew;
                (to > 0 ? longRecord : shortRecord).enter(end, px, bars.series().numFactory().numOf(q));
                trade++;
                tradeOpen = true;
                tradeStart = t;
                tradePnl0 = venue.netPnl(coin);
                entry = Double.NaN;
                best = Double.NaN;
            }
        }
        side = to;
        tradeSide = to == 0 ? tradeSide : to;
        dirty = true;
        rejects = 0;
        journal.transition(new TransitionRecord(coin, t, price, SIDE_NAMES[from + 1], SIDE_NAMES[to + 1], to, reason));
    }

    private double computeQ(double price) {
        if (!(price > 0)) {
            return 0;
        }
        double cap = Math.min(venue.maxOpeningNotional(coin), maxNotional) / price;
        double size;
        if (!Double.isNaN(sizing.fixedQty())) {
            size = Math.min(sizing.fixedQty(), cap);
        } else {
            double equity = venue.equity();
            double notional = sizing.allocation() * (equity - sizing.cashReserve() * equity) * sizing.leverage();
            size = Math.min(notional / price, cap);
        }
        double qNew = OrderRounding.roundSize(size, szDecimals);
        return qNew * price >= OrderRounding.MIN_NOTIONAL_USD ? qNew : 0;
    }

    private void reconcile() {
        if (activeOrder >= 0) {
            return;
        }
        double target = side * q;
        double pos = venue.position(coin);
        double diff = target - pos;
        double size = target == 0 ? OrderRounding.roundSizeNearest(BigDecimal.valueOf(Math.abs(pos)), szDecimals).doubleValue()
                : OrderRounding.roundSize(Math.abs(diff), szDecimals);
        double px = Double.isNaN(lastPrice) ? 0 : lastPrice;
        if (size <= 0 || (target != 0 && size * px < OrderRounding.MIN_NOTIONAL_USD)) {
            targetReached();
            return;
        }
        boolean reduceOnly = target == 0 || (Math.signum(target) == Math.signum(pos) && Math.abs(target) < Math.abs(pos));
        activeOrder = venue.submit(OrderRequest.market(coin, diff > 0 ? Side.BUY : Side.SELL, size, reduceOnly,
                SIDE_NAMES[side + 1].toLowerCase(Locale.ROOT)));
    }

    private void targetReached() {
        dirty = false;
        if (side != 0 && Double.isNaN(entry)) {
            entry = venue.entryPrice(coin);
            best = entry;
        }
    }

    @Override
    public void forcedBy(Coin c, String reason) {
        forcedReason = reason;
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (event instanceof OrderEvent.Filled f && f.fill().liquidation() && f.orderId() != activeOrder
                || event instanceof OrderEvent.PartiallyFilled pf && pf.fill().liquidation() && pf.orderId() != activeOrder) {
            forced(event);
            return;
        }
        if (event.orderId() != activeOrder) {
            return;
        }
        switch (event) {
            case OrderEvent.Filled f -> {
                activeOrder = -1;
                reconcile();
            }
            case OrderEvent.Cancelled x -> {
                activeOrder = -1;
                retry();
            }
            case OrderEvent.Rejected x -> {
                activeOrder = -1;
                retry();
            }
            default -> {
            }
        }
    }

    /** A refused or cut order: try again at the next price, at most {@link #MAX_REJECTS} times, then accept the position. */
    private void retry() {
        if (++rejects >= MAX_REJECTS) {
            double pos = venue.position(coin);
            side = pos > 0 ? 1 : pos < 0 ? -1 : 0;
            if (side == 0) {
                endTrade(lastTime, "refused", true);
            }
            dirty = false;
            entry = side == 0 ? Double.NaN : venue.entryPrice(coin);
        }
    }

    /** A fill the venue forced (liquidation) or a risk manager's stop: the position is what the venue says now. */
    private void forced(OrderEvent event) {
        String reason = forcedReason == null ? "liquidation" : forcedReason;
        forcedReason = null;
        if (venue.position(coin) == 0 && side != 0) {
            TradingRecord r = side > 0 ? longRecord : shortRecord;
            if (r.getCurrentPosition().isOpened()) {
                r.exit(Math.max(bars.lastIndex(), r.getCurrentPosition().getEntry().getIndex()),
                        bars.series().numFactory().numOf(lastPrice), r.getCurrentPosition().getEntry().getAmount());
            }
            endTrade(event.timeMs(), reason, true);
            journal.transition(new TransitionRecord(coin, event.timeMs(), lastPrice, SIDE_NAMES[side + 1], "FLAT", 0, reason));
            side = 0;
            dirty = false;
            entry = Double.NaN;
            stoppedInBar = true; // a forced close is this bar's one action, as a stop is
        }
    }

    private void endTrade(long t, String reason, boolean complete) {
        if (!tradeOpen) {
            return;
        }
        tradeOpen = complete ? false : tradeOpen;
        double pnl = venue.netPnl(coin) - tradePnl0;
        double gain = Math.abs(best - entry);
        double capture = gain > 0 && q > 0 ? pnl / (q * gain) : Double.NaN;
        journal.cycle(new CycleRecord(coin, trade, tradeSide > 0 ? "bull" : "bear", tradeStart, t, q, entry, best, Double.NaN,
                Double.NaN, Double.NaN, pnl, capture, SIDE_NAMES[tradeSide + 1], reason, complete));
    }

    @Override
    public void finish(long timeMs) {
        if (tradeOpen && side != 0) {
            endTrade(timeMs, "end-of-data", false);
        }
    }

    @Override
    public double longLeg(Coin c) {
        return side > 0 ? q : 0;
    }

    @Override
    public double shortLeg(Coin c) {
        return side < 0 ? q : 0;
    }

    // ------------------------------------------------------------------ state

    @Override
    public StrategyState snapshot() {
        return SCHEMA.write(this);
    }

    @Override
    public boolean restorable() {
        return false;
    }

    /** Refuses: the closed bars and ta4j's trading records are not in a state (see the class comment). */
    @Override
    public void restore(StrategyState state) {
        throw new StrategyStateException("a ta4j-rules strategy is rebuilt by replaying its bars (paper trading); it cannot"
                + " be restored from a saved state");
    }

    @Override
    public PositionExpectation expectation(Coin c) {
        if (venue == null) {
            throw new IllegalStateException("expectation() needs start(context) first (the coin's size grid)");
        }
        if (!coin.equals(c)) {
            throw new IllegalArgumentException("this ta4j-rules strategy trades " + coin + ", not " + c);
        }
        List<Long> inFlight = activeOrder >= 0 ? List.of(activeOrder) : List.of();
        // what it believes it holds (its side and size), not the venue's: a fresh strategy (a restart)
        // believes it is flat, so a position it does not know of halts the restart instead of being adopted
        return new PositionExpectation(coin, Holding.values()[side + 1].name(), side * q, side * q,
                !dirty && inFlight.isEmpty(), dirty, inFlight, szDecimals, lastPrice);
    }

    /** For example {@code LONG BTC trade=3 Q=0.5 entry=65012.5 best=66100 bars=812}. */
    @Override
    public String summary() {
        StringBuilder b = new StringBuilder(96).append(Holding.values()[side + 1]).append(' ').append(coin)
                .append(" trade=").append(trade).append(" Q=").append(PositionExpectation.num(q));
        if (side != 0) {
            b.append(" entry=").append(PositionExpectation.num(entry)).append(" best=").append(PositionExpectation.num(best));
        }
        b.append(" bars=").append(barsClosed);
        if (activeOrder >= 0) {
            b.append(" order=").append(activeOrder);
        }
        return b.toString();
    }

    /** The side held or being reached: +1 long, -1 short, 0 flat. */
    public int side() {
        return side;
    }

    /** The closed bars the rules read (for tests and notebooks). */
    public BarSeries series() {
        return bars.series();
    }
}
