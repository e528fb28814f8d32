package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy decorator that puts a {@link RiskManager} between a strategy and its venue, the same
 * way in backtests, paper and live runs (the driver needs no hook: it drives this strategy).
 *
 * <ul>
 *   <li>Before every order: the strategy's context holds a {@link RiskCheckedVenue}, so each
 *       order is checked; refusals arrive as {@link OrderEvent.Rejected} with code RISK right
 *       after the callback that placed them.</li>
 *   <li>On every price the strategy sees: {@link RiskManager#onEquity} (daily loss limit), then
 *       the per-position stop; a position that hit its stop has its open orders cancelled and is
 *       closed with a reduce-only market order sent straight to the venue. The strategy receives
 *       that order's fills marked as forced ({@link Fill#liquidation()} true), exactly as it
 *       receives a venue liquidation, so it ends its cycle instead of rebuilding the position.</li>
 * </ul>
 * Risk events go to the manager's sink (journal, run result). Not thread-safe, like strategies.
 */
public final class RiskGuardedStrategy implements Strategy, LegView {

    private final Strategy inner;
    private final RiskManager risk;
    private RiskCheckedVenue venue;
    private StrategyContext context;
    /** Coin name to the id of the forced close in flight. */
    private final Map<String, Long> closing = new HashMap<>();
    private final Map<Long, Boolean> forced = new HashMap<>();

    public RiskGuardedStrategy(Strategy inner, RiskManager risk) {
        this.inner = Objects.requireNonNull(inner);
        this.risk = Objects.requireNonNull(risk);
    }

    public Strategy inner() {
        return inner;
    }

    public RiskManager risk() {
        return risk;
    }

    @Override
    public void start(StrategyContext ctx) {
        this.venue = new RiskCheckedVenue(ctx.venue(), risk, ctx.market(), ctx.coins());
        this.context = StrategyContext.of(venue, ctx.market(), ctx.journal(), ctx.coins());
        inner.start(context);
        flush();
    }

    @Override
    public PriceMode priceMode() {
        return inner.priceMode();
    }

    @Override
    public void onPrice(Coin coin, long timeMs, double price) {
        checkStops(timeMs);
        inner.onPrice(coin, timeMs, price);
        flush();
    }

    private void checkStops(long timeMs) {
        ExecutionVenue v = venue.inner();
        risk.onEquity(timeMs, v.equity());
        if (venue.openCoins().isEmpty()) {
            return;
        }
        for (String name : risk.positionsToClose(venue, timeMs)) {
            if (closing.containsKey(name)) {
                continue;
            }
            Coin coin = Coin.of(name);
            for (TrackedOrder o : List.copyOf(v.openOrders(coin))) {
                v.cancel(o.id());
            }
            double pos = v.position(coin);
            if (pos == 0) {
                continue;
            }
            long id = v.submit(OrderRequest.market(coin, pos > 0 ? Side.SELL : Side.BUY, Math.abs(pos), true, "risk-stop"));
            closing.put(name, id);
            forced.put(id, Boolean.TRUE);
        }
    }

    @Override
    public void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume) {
        inner.onBarClose(coin, openTimeMs, open, high, low, close, volume);
        flush();
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        if (forced.containsKey(event.orderId())) {
            event = asForced(event);
            switch (event) {
                case OrderEvent.Filled f -> closing.remove(f.coin().name());
                case OrderEvent.Cancelled c -> closing.remove(c.coin().name());
                case OrderEvent.Rejected r -> closing.remove(r.coin().name());
                default -> {
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
        for (int guard = 0; guard < 1000 && venue.drainRefusals(inner::onOrderEvent) > 0; guard++) {
            // keep draining
        }
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
