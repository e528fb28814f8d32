package io.hypertrader.sim;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.OrderTracker;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.Account;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.sim.model.SimModels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The exchange's liquidation (docs/simulator.md, "Account, margin and liquidation"): when the
 * account's equity falls below its maintenance margin, every order in flight or resting is
 * cancelled and every position is closed at the path price with taker slippage (capped by the
 * market collar) and the taker fee, whatever the segment's liquidity.
 */
final class Liquidator {

    private final Account account;
    private final SimModels models;
    private final MarketWindow market;
    private final PricePath path;
    private final PendingOrders pending;
    private final OrderTracker tracker;
    private final VenueEvents events;
    private final EventLog log;
    private final LongSupplier newOrderId;
    private final List<LiquidationRecord> liquidations = new ArrayList<>();

    Liquidator(Account account, SimModels models, MarketWindow market, PricePath path, PendingOrders pending,
               OrderTracker tracker, VenueEvents events, EventLog log, LongSupplier newOrderId) {
        this.account = account;
        this.models = models;
        this.market = market;
        this.path = path;
        this.pending = pending;
        this.tracker = tracker;
        this.events = events;
        this.log = log;
        this.newOrderId = newOrderId;
    }

    List<LiquidationRecord> liquidations() {
        return liquidations;
    }

    /** The liquidation test at time t: liquidates the account when it is below maintenance. */
    void check(long t) {
        if (!account.belowMaintenance()) {
            return;
        }
        double eq = account.equity();
        double mm = account.maintenanceMargin();
        int n = account.size();
        // Cancel everything in flight or resting, then close every position at the path price.
        for (int c = 0; c < n; c++) {
            for (PendingOrders.Flight f : new ArrayList<>(pending.inFlight[c])) {
                if (!f.cancel && !f.order.status().terminal()) {
                    events.emit(new OrderEvent.Cancelled(f.order.id(), f.order.request().coin(), t, f.order.filledSize(),
                            "liquidation: account below maintenance margin"));
                }
            }
            pending.inFlight[c].clear();
            for (PendingOrders.Resting r : pending.resting[c]) {
                if (!r.order.status().terminal()) {
                    events.emit(new OrderEvent.Cancelled(r.order.id(), r.order.request().coin(), t, r.order.filledSize(),
                            "liquidation: account below maintenance margin"));
                }
            }
            pending.resting[c].clear();
        }
        for (int c = 0; c < n; c++) {
            double pos = account.position(c);
            if (pos == 0) {
                continue;
            }
            Coin coin = account.coin(c);
            Side side = pos > 0 ? Side.SELL : Side.BUY;
            double size = Math.abs(pos);
            double a = path.price[c];
            long id = newOrderId.getAsLong();
            OrderRequest req = OrderRequest.market(coin, side, size, true, "liquidation");
            TrackedOrder o = tracker.register(id, req, t, a);
            tracker.arrived(o, t, a);
            log.begin('L').l(id).s(coin.name()).l(t).d(a).d(eq).d(mm);
            double s = models.slippage().slippage(size * a, market.state(c));
            if (!Double.isFinite(s)) {
                s = models.marketMaxPct();
            }
            double px = a * (1 + side.sign() * Math.min(s, models.marketMaxPct()));
            double fee = models.fee().fee(size * px, false);
            events.emit(new OrderEvent.Accepted(id, coin, t));
            // Book the full size: a liquidation is not limited by the participation cap.
            double signed = side.sign() * size;
            account.fill(c, signed, px, fee, a);
            Fill f = new Fill(id, coin, side, t, px, size, fee, false, a, signed * (px - a), true);
            events.fill(f);
            events.emit(new OrderEvent.Filled(id, coin, t, f, size, px));
            liquidations.add(new LiquidationRecord(t, coin, pos, a, px, fee, eq, mm));
        }
    }
}
