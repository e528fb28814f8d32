package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.MarketDataSource;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A strategy decorator that puts a {@link RiskManager} between a strategy and its venue, the same
 * way in backtests, paper and live runs (the driver needs no hook: it drives this strategy).
 *
 * <ul>
 *   <li>Before every order: the strategy's context holds a {@link RiskCheckedVenue}, so each
 *       order is checked against the whole account (every guarded strategy of one manager shares
 *       its {@link RiskManager#account() account view}, whichever coins each trades); refusals
 *       arrive as {@link OrderEvent.Rejected} with code RISK right after the callback that placed
 *       them.</li>
 *   <li>On every price the strategy sees: {@link RiskManager#onEquity} (daily loss limit), then
 *       the per-position stop; a position that hit its stop has its open orders cancelled and is
 *       closed with a reduce-only market order sent straight to the venue. The strategy receives
 *       that order's fills marked as forced ({@link Fill#liquidation()} true), exactly as it
 *       receives a venue liquidation, so it ends its cycle instead of rebuilding the position.</li>
 * </ul>
 * Risk events go to the manager's sink (journal, run result); a forced close is reported once per
 * position: when the venue refuses the close it is sent again on the next price, without a new event. Not thread-safe, like strategies.
 *
 * <p>Hot path (every price point of a backtest): no allocation; the stop is only evaluated for a
 * coin with a position worth at least the exchange's minimum order ($10; below it the position is
 * a rounding residue) and no forced close in flight. The forced close is the whole position
 * rounded to the nearest size step.
 */
public final class RiskGuardedStrategy implements Strategy, LegView, QuietBarAbsorber {

    private final Strategy inner;
    private final RiskManager risk;
    private static final long NONE = Long.MIN_VALUE;
    /** The tag of a position stop's forced close, and the reason its fills are forced by. */
    public static final String RISK_STOP = "risk-stop";

    private RiskCheckedVenue venue;
    private StrategyContext context;
    private ExecutionVenue raw;
    private MarketDataSource market;
    private Coin[] coins;
    /** Per coin (index in the context's coins): the id of the forced close in flight, or NONE. */
    private long[] closing;
    /** Per coin: the stop of the current position was reported (a refused close is retried without a new event). */
    private boolean[] reported;
    /** Per coin: the position, entry and leverage {@link #bound} was computed for, and the bound. */
    private double[] keyPos;
    private double[] keyEntry;
    private double[] keyLev;
    private double[] bound;
    /** Ids of forced closes not yet finished (their events are passed on marked as forced). */
    private final Map<Long, Boolean> forced = new HashMap<>();
    private final Consumer<TrackedOrder> refusedOrders;
    private final Consumer<OrderEvent> toInner;

    public RiskGuardedStrategy(Strategy inner, RiskManager risk) {
        this(inner, risk, null);
    }

    /** @param refusedOrders receives every order the manager refuses, as a REJECTED record (null: nobody) */
    public RiskGuardedStrategy(Strategy inner, RiskManager risk, Consumer<TrackedOrder> refusedOrders) {
        this.inner = Objects.requireNonNull(inner);
        this.risk = Objects.requireNonNull(risk);
        this.refusedOrders = refusedOrders;
        this.toInner = inner::onOrderEvent;
    }

    public Strategy inner() {
        return inner;
    }

    public RiskManager risk() {
        return risk;
    }

    @Override
    public void start(StrategyContext ctx) {
        this.venue = new RiskCheckedVenue(ctx.venue(), risk, ctx.market(), ctx.coins(), refusedOrders);
        this.context = StrategyContext.of(venue, ctx.market(), ctx.journal(), ctx.coins());
        this.raw = ctx.venue();
        this.market = ctx.market();
        this.coins = ctx.coins().toArray(new Coin[0]);
        this.closing = new long[coins.length];
        java.util.Arrays.fill(closing, NONE);
        this.reported = new boolean[coins.length];
        this.keyPos = new double[coins.length];
        this.keyEntry = new double[coins.length];
        this.keyLev = new double[coins.length];
        this.bound = new double[coins.length];
        inner.start(context);
        flush();
    }

    @Override
    public PriceMode priceMode() {
        return inner.priceMode();
    }

    @Override
    public void onPrice(Coin coin, long timeMs, double price) {
        checkStops(coin, timeMs, price);
        inner.onPrice(coin, timeMs, price);
        flush();
    }

    /** The daily loss limit and the position stops at {@code price} of {@code priced} (drivers set it as its last price first). */
    private void checkStops(Coin priced, long timeMs, double price) {
        ExecutionVenue v = raw;
        risk.onEquity(timeMs, v.equity());
        for (int i = 0; i < coins.length; i++) {
            Coin coin = coins[i];
            double pos = v.position(coin);
            if (pos == 0) {
                reported[i] = false;
                continue;
            }
            if (closing[i] != NONE) {
                continue; // its forced close is already on the way
            }
            double mark = coin == priced || coin.equals(priced) ? price : market.lastPrice(coin);
            double entry = v.entryPrice(coin);
            double lev = venue.leverage(i);
            // cheap pre-check: beyond the bound (a hair outside the stop price) the stop cannot be hit
            double b = stopBound(i, pos, entry);
            if (pos > 0 ? mark > b : mark < b) {
                continue;
            }
            if (Math.abs(pos) * mark < OrderRounding.MIN_NOTIONAL_USD) {
                continue; // dust below the smallest order (a rounding residue): nothing worth a stop
            }
            if (!risk.stopHit(pos, entry, mark, lev)) {
                continue;
            }
            if (!reported[i]) {
                risk.reportStop(coin.name(), pos, entry, mark, lev, timeMs);
                reported[i] = true;
            }
            for (TrackedOrder o : List.copyOf(v.openOrders(coin))) {
                v.cancel(o.id());
            }
            pos = v.position(coin);
            if (pos == 0) {
                continue;
            }
            // the whole position, on the size grid (a position may carry floating-point dust off the grid)
            double size = OrderRounding.roundSizeNearest(java.math.BigDecimal.valueOf(Math.abs(pos)),
                    v.instrument(coin).szDecimals()).doubleValue();
            long id = v.submit(OrderRequest.market(coin, pos > 0 ? Side.SELL : Side.BUY, size, true, RISK_STOP));
            closing[i] = id;
            forced.put(id, Boolean.TRUE);
        }
    }

    /**
     * A quiet bar passes the guard when, at every point, the daily loss limit would halt nothing
     * and the position is beyond its stop bound; then the inner strategy decides, and the manager
     * sees the bar's equities as {@link #onPrice} would have shown them (for the day's start).
     */
    @Override
    public boolean absorbQuietBar(QuietBar bar) {
        if (coins.length != 1 || closing[0] != NONE || !risk.quietOver(bar)) {
            return false;
        }
        double pos = bar.position();
        if (pos != 0) {
            double b = stopBound(0, pos, bar.entry());
            boolean rangeClear = pos > 0 ? bar.low() > b : bar.high() < b;
            for (int j = 0; !rangeClear && j < bar.points(); j++) { // near the bound: the points themselves
                double price = bar.price(j);
                if (pos > 0 ? !(price > b) : !(price < b)) {
                    return false; // near the stop: replay the bar point by point
                }
            }
        }
        if (!QuietBarAbsorber.offer(inner, bar)) {
            return false;
        }
        risk.passQuiet(bar);
        if (pos == 0) {
            reported[0] = false;
        }
        return true;
    }

    /** The stop bound of coin i's position (cached while position, entry and leverage stay). */
    private double stopBound(int i, double pos, double entry) {
        double lev = venue.leverage(i);
        if (pos != keyPos[i] || entry != keyEntry[i] || lev != keyLev[i]) {
            keyPos[i] = pos;
            keyEntry[i] = entry;
            keyLev[i] = lev;
            bound[i] = risk.stopBound(pos, entry, lev);
        }
        return bound[i];
    }

    @Override
    public void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume) {
        inner.onBarClose(coin, openTimeMs, open, high, low, close, volume);
        flush();
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (!forced.isEmpty() && forced.containsKey(event.orderId())) {
            event = asForced(event);
            if (event instanceof OrderEvent.Filled || event instanceof OrderEvent.PartiallyFilled) {
                inner.forcedBy(event.coin(), RISK_STOP); // a position stop, not a liquidation: the cycle is labelled so
            }
            if (event instanceof OrderEvent.Filled || event instanceof OrderEvent.Cancelled || event instanceof OrderEvent.Rejected) {
                forced.remove(event.orderId()); // finished: the coin may be stopped again later
                for (int i = 0; i < coins.length; i++) {
                    if (closing[i] == event.orderId()) {
                        closing[i] = NONE;
                    }
                }
            }
        }
        inner.onOrderEvent(event);
        flush();
    }

    private static OrderEvent asForced(OrderEvent e) {
        return switch (e) {
            case OrderEvent.Filled f -> new OrderEvent.Filled(f.orderId(), f.coin(), f.timeMs(), forcedFill(f.fill()),
                    f.filledSize(), f.avgPrice());
            case OrderEvent.PartiallyFilled p -> new OrderEvent.PartiallyFilled(p.orderId(), p.coin(), p.timeMs(),
                    forcedFill(p.fill()), p.filledSize(), p.remaining());
            default -> e;
        };
    }

    private static Fill forcedFill(Fill f) {
        return new Fill(f.orderId(), f.coin(), f.side(), f.timeMs(), f.price(), f.size(), f.fee(), f.maker(), f.arrivalPrice(),
                f.slippageCost(), true);
    }

    private void flush() {
        // A refusal may make the strategy try again (and be refused again): bounded by the strategies' own retry limits.
        for (int guard = 0; guard < 1000 && venue.drainRefusals(toInner) > 0; guard++) {
            // keep draining
        }
    }

    @Override
    public void forcedBy(Coin coin, String reason) {
        inner.forcedBy(coin, reason);
    }

    @Override
    public double triggerAbove(Coin coin) {
        return inner.triggerAbove(coin);
    }

    @Override
    public double triggerBelow(Coin coin) {
        return inner.triggerBelow(coin);
    }

    @Override
    public void finish(long timeMs) {
        inner.finish(timeMs);
    }

    @Override
    public double longLeg(Coin coin) {
        return inner instanceof LegView lv ? lv.longLeg(coin) : Math.max(0, venue.position(coin));
    }

    @Override
    public double shortLeg(Coin coin) {
        return inner instanceof LegView lv ? lv.shortLeg(coin) : Math.max(0, -venue.position(coin));
    }
}
