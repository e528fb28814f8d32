package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.ForwardingVenue;
import io.hypertrader.exec.MarketDataSource;
import io.hypertrader.exec.TrackedOrder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An {@link ExecutionVenue} decorator that runs {@link RiskManager#check} before every order
 * reaches the venue it wraps. A refused order never reaches the venue: it gets a negative id
 * (-1, -2, ... from the {@link RiskManager}, so ids are unique over every coin of the account and
 * never collide with a venue's positive ids) and a
 * {@link OrderEvent.Rejected} with code {@link RejectCode#RISK} whose message names the rule and
 * the numbers; the refusal is also a {@link RiskEvent} in the manager's sink. Refusals are queued
 * and handed out by {@link #drainRefusals} (never from inside {@link #submit}), which
 * {@link RiskGuardedStrategy} calls after every strategy callback. When a refusal recorder is set
 * (backtests: the run result), each refused order is also handed to it as a REJECTED
 * {@link TrackedOrder} with code RISK.
 *
 * <p>The rules see the whole account, not only this strategy's coins: every checked venue joins
 * its manager's {@link RiskManager#account() account view} with its coins, and each order is
 * checked against that view (total leverage and open coins over every coin of the account).
 *
 * <p>The order is valued at its limit price, its trigger price, or for a market order the last
 * price of the market data source. Leverage per coin is what the strategy last set through
 * {@link #setLeverage} (1x before). Everything else is delegated unchanged, so the wrapped venue
 * stays the source of truth for positions and equity.
 */
public final class RiskCheckedVenue extends ForwardingVenue implements AccountView {

    private final RiskManager risk;
    private final MarketDataSource market;
    private final List<Coin> coins;
    private final Map<String, Coin> byName = new HashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();
    /** The leverage per coin of {@link #coins} (same index), for the per-price stop check. */
    private final double[] leverageByIndex;
    private final ArrayDeque<OrderEvent> refusals = new ArrayDeque<>();
    private final Consumer<TrackedOrder> refusedOrders;

    public RiskCheckedVenue(ExecutionVenue inner, RiskManager risk, MarketDataSource market, List<Coin> coins) {
        this(inner, risk, market, coins, null);
    }

    /** @param refusedOrders receives every refused order as a REJECTED record (null: nobody) */
    public RiskCheckedVenue(ExecutionVenue inner, RiskManager risk, MarketDataSource market, List<Coin> coins,
                            Consumer<TrackedOrder> refusedOrders) {
        super(inner);
        this.refusedOrders = refusedOrders;
        this.risk = Objects.requireNonNull(risk);
        this.market = Objects.requireNonNull(market);
        this.coins = List.copyOf(coins);
        for (Coin c : coins) {
            byName.put(c.name(), c);
        }
        this.leverageByIndex = new double[this.coins.size()];
        java.util.Arrays.fill(leverageByIndex, 1);
        risk.join(this, this.coins);
    }

    /** The venue behind the checks (forced closes go straight to it). */
    public ExecutionVenue inner() {
        return inner;
    }

    public RiskManager risk() {
        return risk;
    }

    @Override
    public long submit(OrderRequest req) {
        double price = req.type() == OrderType.LIMIT ? req.limitPrice()
                : req.type().isTrigger() ? req.triggerPrice() : market.lastPrice(req.coin());
        long now = market.now();
        if (!(price > 0)) {
            if (req.reduceOnly()) {
                return inner.submit(req); // a close is never blocked for want of a price
            }
            return refuse(req, now, price, "no price known for " + req.coin() + " to value the order");
        }
        RiskEvent refusal = risk.check(new OrderCheck(req.coin().name(), req.signedSize(), price, req.reduceOnly(), now),
                risk.account());
        if (refusal != null) {
            return refuse(req, now, price, refusal.rule() + ": " + refusal.reason());
        }
        return inner.submit(req);
    }

    private long refuse(OrderRequest req, long now, double price, String message) {
        long id = risk.nextRefusalId();
        refusals.add(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.RISK, message));
        if (refusedOrders != null) {
            refusedOrders.accept(TrackedOrder.refused(id, req, now, price, RejectCode.RISK, message));
        }
        return id;
    }

    /** Hands queued refusals to {@code sink}, oldest first; returns how many. */
    public int drainRefusals(Consumer<OrderEvent> sink) {
        if (refusals.isEmpty()) {
            return 0;
        }
        int n = 0;
        while (!refusals.isEmpty()) {
            sink.accept(refusals.poll());
            n++;
        }
        return n;
    }

    /** The manager's absolute caps: one order's notional and any position's notional, whichever is smaller. */
    @Override
    public double maxOpeningNotional(Coin coin) {
        RiskLimits l = risk.limits();
        return Math.min(inner.maxOpeningNotional(coin), Math.min(l.maxOrderNotionalUsd(), l.maxPositionNotionalUsd()));
    }

    @Override
    public void cancel(long orderId) {
        if (orderId >= 0) {
            inner.cancel(orderId);
        }
    }

    @Override
    public void setLeverage(Coin coin, int lev) {
        leverage.put(coin.name(), lev);
        int i = coins.indexOf(coin);
        if (i >= 0) {
            leverageByIndex[i] = lev;
        }
        inner.setLeverage(coin, lev);
    }

    // ------------------------------------------------------------------ AccountView: this strategy's part of the account

    @Override
    public double position(String coin) {
        Coin c = byName.get(coin);
        return c == null ? 0 : inner.position(c);
    }

    @Override
    public double mark(String coin) {
        Coin c = byName.get(coin);
        return c == null ? Double.NaN : market.lastPrice(c);
    }

    @Override
    public double entryPrice(String coin) {
        Coin c = byName.get(coin);
        return c == null ? Double.NaN : inner.entryPrice(c);
    }

    @Override
    public double leverage(String coin) {
        return leverage.getOrDefault(coin, 1);
    }

    /** The leverage the strategy last set for coin {@code i} of the coins this venue was built with (1 before). */
    double leverage(int i) {
        return leverageByIndex[i];
    }

    @Override
    public double working(String coin) {
        Coin c = byName.get(coin);
        if (c == null) {
            return 0;
        }
        double sum = 0;
        for (TrackedOrder o : inner.openOrders(c)) {
            if (!o.request().reduceOnly()) {
                sum += o.request().side().sign() * o.remaining();
            }
        }
        return sum;
    }

    @Override
    public Collection<String> activeCoins() {
        List<String> out = new ArrayList<>(coins.size());
        for (Coin c : coins) {
            if (inner.position(c) != 0 || working(c.name()) != 0) {
                out.add(c.name());
            }
        }
        return out;
    }

    @Override
    public Collection<String> openCoins() {
        List<String> out = new ArrayList<>(coins.size());
        for (Coin c : coins) {
            if (inner.position(c) != 0) {
                out.add(c.name());
            }
        }
        return out;
    }
}
