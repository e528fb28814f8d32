package io.hypertrader.sim;

import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.Side;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.exec.VenueRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The orders of each coin that the venue has not finished with (docs/simulator.md, "Order life
 * cycle"): those still travelling to it (and cancel requests), and those accepted and waiting in
 * the book (limits) or for their trigger. Also the geometry of a waiting order: the price the
 * path must reach for it to act, and from which side.
 */
final class PendingOrders {

    /** An order (or a cancel request) travelling to the venue: it arrives at {@code at}, {@code delay} after it was sent. */
    static final class Flight {
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
    static final class Resting {
        final TrackedOrder order;
        /** The id of the last segment a resting limit filled from: once per segment. */
        long lastSegment = -1;

        Resting(TrackedOrder order) {
            this.order = order;
        }
    }

    /** Per coin index (arrays, not lists of lists: read at every path point). */
    final ArrayList<Flight>[] inFlight;
    final ArrayList<Resting>[] resting;

    @SuppressWarnings("unchecked")
    PendingOrders(int coins) {
        inFlight = new ArrayList[coins];
        resting = new ArrayList[coins];
        for (int c = 0; c < coins; c++) {
            inFlight[c] = new ArrayList<>();
            resting[c] = new ArrayList<>();
        }
    }

    /** True when coin c has no order in flight or resting. */
    boolean none(int c) {
        return inFlight[c].isEmpty() && resting[c].isEmpty();
    }

    /** When the earliest order or cancel in flight to coin c arrives, or {@link Long#MAX_VALUE}. */
    long nextArrival(int c) {
        long best = Long.MAX_VALUE;
        List<Flight> fl = inFlight[c];
        for (int i = 0, k = fl.size(); i < k; i++) {
            long at = fl.get(i).at;
            if (at < best) {
                best = at;
            }
        }
        return best;
    }

    /** Sends order {@code o} (or its cancel) to coin c's venue: it arrives at {@code at}. */
    void send(int c, TrackedOrder o, long at, long delay, boolean cancel) {
        inFlight[c].add(new Flight(o, at, delay, cancel));
    }

    /** The earliest time a cancel of {@code o} sent now may arrive: never before the order itself. */
    long cancelArrival(int c, TrackedOrder o, long at) {
        for (Flight f : inFlight[c]) {
            if (f.order == o && !f.cancel) {
                at = Math.max(at, f.at); // a cancel never overtakes its order
            }
        }
        return at;
    }

    /** Order o waits in coin c's book from now, not before segment {@code lastSegment} (-1: any). */
    void rest(int c, TrackedOrder o, long lastSegment) {
        Resting r = new Resting(o);
        r.lastSegment = lastSegment;
        resting[c].add(r);
    }

    boolean isResting(int c, TrackedOrder o) {
        for (Resting r : resting[c]) {
            if (r.order == o) {
                return true;
            }
        }
        return false;
    }

    void removeResting(int c, TrackedOrder o) {
        resting[c].removeIf(r -> r.order == o);
    }

    void clear(int c) {
        inFlight[c].clear();
        resting[c].clear();
    }

    /** Price the path must reach for a resting order to act: a limit one tick through its price, a trigger its trigger. */
    static double threshold(TrackedOrder o, int szDecimals) {
        OrderRequest r = o.request();
        if (r.type() == OrderType.LIMIT) {
            double tick = VenueRules.tick(r.limitPrice(), szDecimals);
            return r.side() == Side.BUY ? r.limitPrice() - tick : r.limitPrice() + tick;
        }
        return r.triggerPrice();
    }

    /** True when the resting order acts on an upward move. */
    static boolean crossesUp(TrackedOrder o) {
        OrderRequest r = o.request();
        return switch (r.type()) {
            case LIMIT -> r.side() == Side.SELL;
            case STOP -> r.side() == Side.BUY;
            case TAKE_PROFIT -> r.side() == Side.SELL;
            case MARKET -> false;
        };
    }

    /** True when a trigger order's trigger is already crossed at {@code price}. */
    static boolean beyond(TrackedOrder o, double price) {
        double trig = o.request().triggerPrice();
        return crossesUp(o) ? price >= trig : price <= trig;
    }
}
