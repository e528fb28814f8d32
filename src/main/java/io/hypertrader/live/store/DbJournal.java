package io.hypertrader.live.store;

import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.venue.OrderJournal;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.StrategyJournal;
import io.hypertrader.strategy.TransitionRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The DuckDB journal of one deployment: implements the venue's {@link OrderJournal} (orders
 * before sending, answers, events, fills) and the strategy's {@link StrategyJournal} (decisions
 * and cycles), and records risk events. Each call is one transaction ({@link DbAccess#atomic}):
 * the journal line and the order/fill rows it updates are committed together or not at all, so a
 * process killed in between never leaves a fill the restart would count as seen but never hand
 * to the strategy.
 */
public final class DbJournal implements OrderJournal, StrategyJournal {

    private final LiveStore store;
    private final String deploymentId;
    private final LongSupplier wall;
    private final Map<Long, LiveStore.OrderRow> orders = new HashMap<>();
    private DeploymentLease lease;

    public DbJournal(LiveStore store, String deploymentId, LongSupplier wall) {
        this.store = store;
        this.deploymentId = deploymentId;
        this.wall = wall;
        for (LiveStore.OrderRow o : store.orders(deploymentId)) {
            orders.put(o.orderId(), o);
        }
    }

    /**
     * Makes every {@link #intent} verify {@code lease} in the same unit of work as it writes the
     * order: an order is journaled (and so sent) only while this runner holds the deployment.
     */
    public DbJournal guardedBy(DeploymentLease lease) {
        this.lease = lease;
        return this;
    }

    public String deploymentId() {
        return deploymentId;
    }

    public LiveStore store() {
        return store;
    }

    private long append(Long eventMs, String kind, Long orderId, String cloid, String coin, String side, Double size, Double price,
                        String detail) {
        return store.append(deploymentId, LiveStore.Entry.of(wall.getAsLong(), eventMs, kind, orderId, cloid, coin, side, size,
                price, detail));
    }

    @Override
    public void intent(long id, Cloid cloid, OrderRequest r, long timeMs, double ref) {
        store.db().atomic(() -> {
            if (lease != null) {
                lease.verify(); // throws LeaseLostException: nothing written, so nothing sent
            }
            LiveStore.OrderRow row = new LiveStore.OrderRow(id, cloid == null ? null : cloid.hex(), null, r.coin().name(),
                    r.side().name(), r.type().name(), r.tif().name(), r.size(), nan(r.limitPrice()), nan(r.triggerPrice()),
                    r.reduceOnly(), r.tag(), "PENDING", 0, null, timeMs, nan(ref), wall.getAsLong(), null);
            store.upsertOrder(deploymentId, row);
            orders.put(id, row);
            append(timeMs, "order", id, row.cloid(), row.coin(), row.side(), r.size(), nan(r.type().isTrigger() ? r.triggerPrice()
                    : r.limitPrice()), String.format(Locale.ROOT, "%s %s tif=%s reduceOnly=%s tag=%s ref=%s", r.type(), r.side(),
                    r.tif(), r.reduceOnly(), r.tag(), fmt(ref)));
        });
    }

    @Override
    public void answer(long id, Cloid cloid, String outcome, Long oid, String detail, long timeMs) {
        store.db().atomic(() -> {
            LiveStore.OrderRow o = orders.get(id);
            if (o != null && oid != null) {
                update(with(o, oid, o.status(), o.filled(), o.avgPx(), o.reason()));
            }
            append(timeMs, "answer", id, cloid == null ? null : cloid.hex(), o == null ? null : o.coin(), null, null, null,
                    outcome + (oid != null ? " oid=" + oid : "") + (detail != null ? " " + detail : ""));
        });
    }

    @Override
    public void event(OrderEvent e, String fillKey) {
        store.db().atomic(() -> {
            LiveStore.OrderRow o = orders.get(e.orderId());
            String cloid = o == null ? null : o.cloid();
            switch (e) {
                case OrderEvent.Accepted a -> {
                    if (o != null) {
                        update(with(o, o.oid(), "OPEN", o.filled(), o.avgPx(), o.reason()));
                    }
                    append(a.timeMs(), "accepted", a.orderId(), cloid, a.coin().name(), null, null, null, null);
                }
                case OrderEvent.PartiallyFilled p -> fill(o, p.fill(), fillKey, "OPEN", p.filledSize());
                case OrderEvent.Filled f -> fill(o, f.fill(), fillKey, "FILLED", f.filledSize());
                case OrderEvent.Cancelled c -> {
                    if (o != null) {
                        update(with(o, o.oid(), "CANCELLED", o.filled(), o.avgPx(), c.reason()));
                    }
                    append(c.timeMs(), "cancelled", c.orderId(), cloid, c.coin().name(), null, c.filledSize(), null, c.reason());
                }
                case OrderEvent.Rejected r -> {
                    if (o != null) {
                        update(with(o, o.oid(), "REJECTED", o.filled(), o.avgPx(), r.code() + ": " + r.message()));
                    }
                    append(r.timeMs(), "rejected", r.orderId(), cloid, r.coin().name(), null, null, null, r.code() + ": " + r.message());
                }
            }
        });
    }

    private void fill(LiveStore.OrderRow o, Fill f, String key, String status, double cumFilled) {
        String k = key != null ? key : "o" + f.orderId() + "@" + f.timeMs() + "/" + cumFilled;
        store.insertFill(deploymentId, new LiveStore.FillRow(k, f.orderId(), f.coin().name(), f.side().name(), f.timeMs(),
                f.price(), f.size(), f.fee(), f.maker(), f.liquidation()));
        if (o != null) {
            double prevNotional = o.avgPx() == null ? 0 : o.avgPx() * o.filled();
            double avg = (prevNotional + f.price() * f.size()) / cumFilled;
            update(with(o, o.oid(), status, cumFilled, avg, o.reason()));
        }
        append(f.timeMs(), "fill", f.orderId(), o == null ? null : o.cloid(), f.coin().name(), f.side().name(), f.size(), f.price(),
                String.format(Locale.ROOT, "key=%s fee=%s maker=%s forced=%s", k, fmt(f.fee()), f.maker(), f.liquidation()));
    }

    @Override
    public void note(String kind, String coin, String detail, long timeMs) {
        append(timeMs, kind, null, null, coin, null, null, null, detail);
    }

    /** Records a risk event (table and journal line). */
    public void risk(RiskEvent e) {
        store.db().atomic(() -> {
            store.riskEvent(deploymentId, e);
            append(e.timeMs(), "risk", null, null, e.coin(), null, null, null, e.rule() + " " + e.action() + ": " + e.reason());
        });
    }

    @Override
    public void cycle(CycleRecord c) {
        append(c.endTime(), "cycle", null, null, c.coin().name(), null, c.q(), c.e(), String.format(Locale.ROOT,
                "#%d %s pnl=%s capture=%s end=%s complete=%s", c.index(), c.thesis(), fmt(c.pnl()), fmt(c.capture()), c.endReason(),
                c.complete()));
    }

    @Override
    public void transition(TransitionRecord t) {
        append(t.timeMs(), "decision", null, null, t.coin().name(), null, t.targetNet(), t.price(),
                t.from() + " -> " + t.to() + " (" + t.reason() + ")");
    }

    /** Every order row known to this journal. */
    public List<LiveStore.OrderRow> orderRows() {
        return store.orders(deploymentId);
    }

    private void update(LiveStore.OrderRow row) {
        orders.put(row.orderId(), row);
        store.upsertOrder(deploymentId, row);
    }

    private LiveStore.OrderRow with(LiveStore.OrderRow o, Long oid, String status, double filled, Double avg, String reason) {
        return new LiveStore.OrderRow(o.orderId(), o.cloid(), oid, o.coin(), o.side(), o.type(), o.tif(), o.size(), o.limitPx(),
                o.triggerPx(), o.reduceOnly(), o.tag(), status, filled, avg, o.decisionMs(), o.decisionPx(), wall.getAsLong(), reason);
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.10g", v);
    }
}
