package io.hypertrader.sim;

import io.hypertrader.core.OrderType;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.Account;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the driver must stop next on a coin's current segment: an order or cancel arriving, a
 * resting order or trigger crossed, or the exact point where equity meets maintenance (the
 * exchange liquidates continuously). A crossing is found with its exact price, which the next
 * {@link SimulatedVenue#advance} to that time uses instead of the (rounded-time) path price.
 */
final class NextEvent {

    private final Account account;
    private final PricePath path;
    private final SegmentLiquidity liquidity;
    // the owners' arrays, held here too: read at every path point (see SimulatedVenue's note on its arrays)
    private final long[] time;
    private final double[] price;
    private final long[] endTime;
    private final double[] endPrice;
    private final boolean[] inSegment;
    private final ArrayList<PendingOrders.Flight>[] inFlight;
    private final ArrayList<PendingOrders.Resting>[] resting;
    /** The exact price of the earliest event found by {@link #find} (NaN: the path price at its time). */
    private double eventPrice = Double.NaN;

    NextEvent(Account account, PricePath path, SegmentLiquidity liquidity, PendingOrders pending) {
        this.account = account;
        this.path = path;
        this.liquidity = liquidity;
        time = path.time;
        price = path.price;
        endTime = path.segmentEndTime;
        endPrice = path.segmentEndPrice;
        inSegment = path.inSegment;
        inFlight = pending.inFlight;
        resting = pending.resting;
    }

    /** The earliest internal event of coin c on the current segment, or {@link Long#MAX_VALUE}. */
    long find(int c) {
        long best = Long.MAX_VALUE;
        eventPrice = Double.NaN;
        long t0 = time[c];
        List<PendingOrders.Flight> fl = inFlight[c];
        for (int i = 0, k = fl.size(); i < k; i++) {
            long at = fl.get(i).at;
            if (at < best) {
                best = at;
            }
        }
        if (best != Long.MAX_VALUE && best < t0) {
            best = t0;
        }
        boolean active = inSegment[c];
        List<PendingOrders.Resting> rs = resting[c];
        if (!rs.isEmpty() && active) {
            int szDecimals = account.instrument(c).szDecimals();
            for (int i = 0, k = rs.size(); i < k; i++) {
                PendingOrders.Resting r = rs.get(i);
                if (r.order.arrivalTime() < 0) {
                    continue;
                }
                TrackedOrder o = r.order;
                double thr = PendingOrders.threshold(o, szDecimals);
                boolean up = PendingOrders.crossesUp(o);
                long tc;
                double p0 = price[c];
                double p1 = endPrice[c];
                long t1 = endTime[c];
                if (up ? p0 >= thr : p0 <= thr) {
                    if (o.request().type() == OrderType.LIMIT
                            && (r.lastSegment == liquidity.segmentId[c] || liquidity.left[c] <= 0)) {
                        continue; // already had its share of this segment's liquidity
                    }
                    tc = t0;
                } else if (up ? p1 >= thr : p1 <= thr) {
                    double frac = (thr - p0) / (p1 - p0);
                    tc = t0 + (long) Math.ceil(frac * (t1 - t0));
                    tc = Math.min(Math.max(tc, t0), t1);
                } else {
                    continue;
                }
                if (tc < best) {
                    best = tc;
                    eventPrice = tc == t0 ? Double.NaN : thr;
                }
            }
        }
        double pos = account.position(c);
        if (pos != 0 && active) {
            // the exchange liquidates continuously: stop exactly where equity meets maintenance
            double pl = account.liquidationPrice(c);
            double p0 = price[c];
            double p1 = endPrice[c];
            long t1 = endTime[c];
            boolean cross = pos > 0 ? (p0 > pl && p1 <= pl) : (p0 < pl && p1 >= pl);
            if (cross) {
                long tc = t0 + (long) Math.ceil((pl - p0) / (p1 - p0) * (t1 - t0));
                tc = Math.min(Math.max(tc, t0), t1);
                if (tc < best) {
                    best = tc;
                    eventPrice = pl;
                }
            }
        }
        return best;
    }

    /** The price of coin c at time t for an advance there: the exact price of the event found (once), else the path's. */
    double priceAt(int c, long t) {
        if (!Double.isNaN(eventPrice)) {
            double x = eventPrice;
            eventPrice = Double.NaN;
            return x;
        }
        return path.priceAt(c, t);
    }

    /** The driver advances to a price of its own: the event price found is not for it. */
    void forget() {
        eventPrice = Double.NaN;
    }
}
