package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Order tracking shared by every venue: one {@link TrackedOrder} per order id, updated only
 * through {@link #apply(OrderEvent)} so the life cycle rules hold everywhere: an order reaches
 * exactly one terminal status, never fills beyond its size, and never changes after it ended.
 * A broken rule throws {@link IllegalStateException}: it is a venue bug, not a user error.
 */
public final class OrderTracker {
    private static final double SIZE_EPS = 1e-9;

    private final Map<Long, TrackedOrder> byId = new HashMap<>();
    private final List<TrackedOrder> all = new ArrayList<>();
    /**
     * True while the ids registered so far are consecutive (the simulator's are): then an id is
     * its index in {@link #all} plus the first id, and {@link #byId} stays empty (no boxing per
     * event). The map is filled the moment an id breaks the run.
     */
    private boolean dense = true;
    private long firstId;
    private final List<TrackedOrder> open = new ArrayList<>();

    /** Registers a newly decided order (status PENDING). */
    public TrackedOrder register(long id, OrderRequest request, long decisionTime, double decisionPrice) {
        TrackedOrder o = new TrackedOrder(id, request, decisionTime, decisionPrice);
        if (all.isEmpty()) {
            firstId = id;
        }
        if (dense && id != firstId + all.size()) {
            dense = false;
            for (TrackedOrder x : all) {
                byId.put(x.id, x);
            }
        }
        if (!dense && byId.putIfAbsent(id, o) != null) {
            throw new IllegalStateException("duplicate order id " + id);
        }
        all.add(o);
        open.add(o);
        return o;
    }

    /** Records when and at what price the order reached the venue. */
    public void arrived(TrackedOrder o, long time, double price) {
        o.arrivalTime = time;
        o.arrivalPrice = price;
    }

    /** Marks a trigger order as triggered (it now behaves as a market order). */
    public void triggered(TrackedOrder o) {
        o.triggered = true;
    }

    public TrackedOrder get(long id) {
        if (dense) {
            long i = id - firstId;
            return i >= 0 && i < all.size() ? all.get((int) i) : null;
        }
        return byId.get(id);
    }

    /** Every order in submission order. */
    public List<TrackedOrder> all() {
        return Collections.unmodifiableList(all);
    }

    /** Orders not yet terminal, oldest first (a live view: do not hold across events). */
    public List<TrackedOrder> open() {
        return Collections.unmodifiableList(open);
    }

    public List<TrackedOrder> open(Coin coin) {
        List<TrackedOrder> out = new ArrayList<>();
        for (TrackedOrder o : open) {
            if (o.request.coin().equals(coin)) {
                out.add(o);
            }
        }
        return out;
    }

    public boolean hasOpen() {
        return !open.isEmpty();
    }

    /** Applies an event to its order, enforcing the life cycle rules. */
    public void apply(OrderEvent event) {
        TrackedOrder o = get(event.orderId());
        if (o == null) {
            throw new IllegalStateException("event for unknown order " + event.orderId() + ": " + event);
        }
        if (o.status.terminal()) {
            throw new IllegalStateException("order " + o.id + " already " + o.status + ", got " + event);
        }
        switch (event) {
            case OrderEvent.Accepted a -> {
                if (o.status != OrderStatus.PENDING) {
                    throw new IllegalStateException("order " + o.id + " accepted twice");
                }
                o.status = OrderStatus.OPEN;
            }
            case OrderEvent.PartiallyFilled p -> {
                addFill(o, p.fill());
                o.status = OrderStatus.OPEN;
            }
            case OrderEvent.Filled f -> {
                addFill(o, f.fill());
                end(o, OrderStatus.FILLED, f.timeMs());
            }
            case OrderEvent.Cancelled c -> {
                o.reason = c.reason();
                end(o, OrderStatus.CANCELLED, c.timeMs());
            }
            case OrderEvent.Rejected r -> {
                if (o.filledSize > 0) {
                    throw new IllegalStateException("order " + o.id + " rejected after filling " + o.filledSize);
                }
                o.rejectCode = r.code();
                o.reason = r.message();
                end(o, OrderStatus.REJECTED, r.timeMs());
            }
        }
    }

    private static void addFill(TrackedOrder o, Fill f) {
        if (f.side() != o.request.side()) {
            throw new IllegalStateException("fill side " + f.side() + " differs from order " + o.id);
        }
        o.filledSize += f.size();
        o.filledNotional += f.price() * f.size();
        o.fees += f.fee();
        o.slippageCost += f.slippageCost();
        if (o.filledSize > o.request.size() * (1 + SIZE_EPS) + SIZE_EPS) {
            throw new IllegalStateException("order " + o.id + " overfilled: " + o.filledSize + " > " + o.request.size());
        }
    }

    private void end(TrackedOrder o, OrderStatus status, long time) {
        o.status = status;
        o.endTime = time;
        open.remove(o);
    }
}
