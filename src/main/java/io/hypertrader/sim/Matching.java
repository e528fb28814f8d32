package io.hypertrader.sim;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderType;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.exec.OrderTracker;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.exec.VenueRules;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.SimModels;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happens to orders at a point of the path (docs/simulator.md, "Order life cycle"): orders
 * and cancels arriving (refused, accepted, executed, resting), resting limits the path traded
 * through (maker fills, the wick model) and triggers it crossed, and every taker execution
 * (participation, slippage, grid rounding, the IOC collar, fees), each booked on the account as a
 * fill with its events.
 */
final class Matching {

    private final SimConfig config;
    private final SimModels models;
    private final Account account;
    private final OrderTracker tracker;
    private final EventLog log;
    private final VenueEvents events;
    private final PricePath path;
    private final SegmentLiquidity liquidity;
    private final MarketWindow market;
    private final PendingOrders pending;
    private final VenueRefusals refusals;
    /** pending.inFlight, held here too: read at every path point (see SimulatedVenue's note on its arrays). */
    private final ArrayList<PendingOrders.Flight>[] inFlight;

    Matching(SimConfig config, SimModels models, Account account, OrderTracker tracker, EventLog log, VenueEvents events,
             PricePath path, SegmentLiquidity liquidity, MarketWindow market, PendingOrders pending) {
        this.config = config;
        this.models = models;
        this.account = account;
        this.tracker = tracker;
        this.log = log;
        this.events = events;
        this.path = path;
        this.liquidity = liquidity;
        this.market = market;
        this.pending = pending;
        this.refusals = new VenueRefusals(account, models.rejection());
        this.inFlight = pending.inFlight;
    }

    // ================================================================== arrivals

    /** Handles everything in flight to coin c that arrives by t, earliest first, at the current path price. */
    void processArrivals(int c, long t) {
        List<PendingOrders.Flight> fl = inFlight[c];
        while (!fl.isEmpty()) {
            int best = -1;
            for (int i = 0; i < fl.size(); i++) {
                PendingOrders.Flight f = fl.get(i);
                if (f.at <= t && (best < 0 || f.at < fl.get(best).at)) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            PendingOrders.Flight f = fl.remove(best);
            if (f.cancel) {
                arriveCancel(c, f, t);
            } else {
                arrive(c, f, t);
            }
        }
    }

    private void arriveCancel(int c, PendingOrders.Flight f, long t) {
        TrackedOrder o = f.order;
        if (o.status().terminal()) {
            return;
        }
        pending.removeResting(c, o);
        events.emit(new OrderEvent.Cancelled(o.id(), o.request().coin(), t, o.filledSize(), "cancelled by request"));
    }

    private void arrive(int c, PendingOrders.Flight f, long t) {
        TrackedOrder o = f.order;
        if (o.status().terminal()) {
            return;
        }
        OrderRequest req = o.request();
        double a = models.latency().arrivalPrice(path.price[c], f.delay, market.state(c));
        tracker.arrived(o, t, a);
        log.begin('A').l(o.id()).l(t).d(a);
        RejectCode code = refusals.check(c, o, a);
        if (code == null && VenueRules.postOnlyWouldTake(req, a)) {
            // Hyperliquid refuses a post-only order that would cross, as it refuses a broken rule
            code = RejectCode.POST_ONLY_WOULD_TAKE;
        }
        if (code != null) {
            events.emit(new OrderEvent.Rejected(o.id(), req.coin(), t, code, refusals.message(code, c, o, a)));
            return;
        }
        events.emit(new OrderEvent.Accepted(o.id(), req.coin(), t));
        switch (req.type()) {
            case MARKET -> takeLiquidity(c, o, t, a, true);
            case LIMIT -> {
                boolean marketable = req.side() == Side.BUY ? a <= req.limitPrice() : a >= req.limitPrice();
                if (marketable) {
                    takeLiquidity(c, o, t, a, false);
                } else if (req.tif() == TimeInForce.IOC) {
                    events.emit(new OrderEvent.Cancelled(o.id(), req.coin(), t, 0, "IOC limit did not match on arrival"));
                } else {
                    pending.rest(c, o, -1);
                }
            }
            case STOP, TAKE_PROFIT -> {
                if (PendingOrders.beyond(o, a)) {
                    tracker.triggered(o);
                    takeLiquidity(c, o, t, a, true);
                } else {
                    pending.rest(c, o, -1);
                }
            }
        }
    }

    // ================================================================== resting orders

    /** Resting limits the current path price traded through fill (once per segment); triggers it crossed fire. */
    void processResting(int c, long t) {
        List<PendingOrders.Resting> rs = pending.resting[c];
        if (rs.isEmpty()) {
            return;
        }
        double p = path.price[c];
        int szDecimals = account.instrument(c).szDecimals();
        for (int i = 0; i < rs.size(); ) {
            PendingOrders.Resting r = rs.get(i);
            TrackedOrder o = r.order;
            if (o.status().terminal()) {
                rs.remove(i);
                continue;
            }
            if (o.arrivalTime() < 0 || o.arrivalTime() > t) {
                i++;
                continue;
            }
            double thr = PendingOrders.threshold(o, szDecimals);
            boolean hit = PendingOrders.crossesUp(o) ? p >= thr - 1e-12 * Math.abs(thr) : p <= thr + 1e-12 * Math.abs(thr);
            if (!hit) {
                i++;
                continue;
            }
            if (o.request().type() == OrderType.LIMIT) {
                if (r.lastSegment == liquidity.segmentId[c]) {
                    i++;
                    continue;
                }
                r.lastSegment = liquidity.segmentId[c];
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
        double left = liquidity.left[c];
        if (path.inSegment[c] && Double.isFinite(left)) {
            // wicks are touched, not dwelt in: only the volume traded at or beyond the limit is there for it
            left = Math.min(left, liquidity.capacity(c) * liquidity.beyondShare(c, x, req.side()));
        }
        double can = models.fill().fillable(wanted, wanted * x, left);
        double size = whole && can >= wanted ? wanted : roundDown(can, c);
        if (size <= 0) {
            return;
        }
        double fee = models.fee().fee(size * x, true);
        book(c, o, t, req.side(), size, x, fee, true, x);
    }

    // ================================================================== taker executions

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
        double left = liquidity.left[c];
        double can = models.fill().fillable(wanted, wanted * a, left);
        double size = whole && can >= wanted ? wanted : roundDown(can, c);
        // what stopped it: the segment's liquidity (drawn by an earlier order of this segment, or
        // too little for this one), the fill model's partial fill, or the position (reduce-only)
        boolean segmentBound = can < wanted && Double.isFinite(left) && can >= left;
        if (size <= 0) {
            finishUnfilled(c, o, t, marketLike, segmentBound || can < wanted ? liquidity.noLiquidity(c, o.id())
                    : clipped ? "reduce-only order larger than the position: rest cancelled"
                    : "no liquidity left in this path segment (participation cap)");
            return;
        }
        double s = models.slippage().slippage(size * a, market.state(c));
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
            events.emit(new OrderEvent.Cancelled(o.id(), coin, t, o.filledSize(), String.format(Locale.ROOT,
                    "could not match within %.1f%% of the arrival price %s (IOC collar)", 100 * models.marketMaxPct(),
                    VenueRefusals.fmt(a))));
            return;
        }
        double fee = models.fee().fee(size * px, false);
        book(c, o, t, req.side(), size, px, fee, false, a);
        if (!o.status().terminal()) {
            finishUnfilled(c, o, t, marketLike, segmentBound ? liquidity.noLiquidity(c, o.id())
                    : clipped && !(can < wanted) ? "reduce-only order larger than the position: rest cancelled"
                    : "partially filled: rest " + (marketLike ? "cancelled (IOC)" : "follows its time in force"));
        }
    }

    /** The rest of an order that did not (wholly) fill: a GTC limit rests (not before the next segment), anything else is cancelled. */
    private void finishUnfilled(int c, TrackedOrder o, long t, boolean marketLike, String reason) {
        OrderRequest req = o.request();
        if (!marketLike && req.tif() == TimeInForce.GTC) {
            if (!pending.isResting(c, o)) {
                pending.rest(c, o, liquidity.segmentId[c]);
            }
            return;
        }
        events.emit(new OrderEvent.Cancelled(o.id(), req.coin(), t, o.filledSize(), reason));
    }

    // ================================================================== booking

    /** Books one fill on the account, draws the segment's liquidity and emits PartiallyFilled or Filled. */
    private void book(int c, TrackedOrder o, long t, Side side, double size, double px, double fee, boolean maker,
                      double arrival) {
        double signed = side.sign() * size;
        account.fill(c, signed, px, fee, arrival);
        liquidity.draw(c, o.id(), size);
        double slip = signed * (px - arrival);
        Fill f = new Fill(o.id(), o.request().coin(), side, t, px, size, fee, maker, arrival, slip, false);
        events.fill(f);
        double filled = o.filledSize() + size;
        double remaining = o.request().size() - filled;
        double step = OrderRounding.sizeStep(account.instrument(c).szDecimals());
        if (remaining <= Math.max(step / 2, SimulatedVenue.SIZE_EPS * o.request().size())) {
            double prevNotional = o.filledSize() > 0 ? o.avgFillPrice() * o.filledSize() : 0;
            double avg = (prevNotional + px * size) / filled;
            events.emit(new OrderEvent.Filled(o.id(), o.request().coin(), t, f, filled, avg));
        } else {
            events.emit(new OrderEvent.PartiallyFilled(o.id(), o.request().coin(), t, f, filled, remaining));
        }
    }

    private double roundDown(double size, int c) {
        if (!(size > 0)) {
            return 0;
        }
        return OrderRounding.roundSize(size, account.instrument(c).szDecimals());
    }

    /** A size on the coin's grid, to the nearest step (a sum of fills may sit a hair off the grid). */
    private double onGrid(double size, int c) {
        return OrderRounding.roundSizeNearest(java.math.BigDecimal.valueOf(size), account.instrument(c).szDecimals()).doubleValue();
    }
}
