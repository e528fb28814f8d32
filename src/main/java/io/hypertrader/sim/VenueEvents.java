package io.hypertrader.sim;

import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.OrderTracker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the venue's order events go: each is applied to the order tracker and written to the
 * run's event log (cancels and refusals here; the other kinds where they happen) as it is made,
 * then held until the driver's step ends and handed to the listener in order ({@link #deliver}):
 * events never reach the strategy from inside {@link SimulatedVenue#submit}. Also the run's fills.
 */
final class VenueEvents {

    private final OrderTracker tracker;
    private final EventLog log;
    private final ArrayDeque<OrderEvent> outbox = new ArrayDeque<>();
    private final List<Fill> fills = new ArrayList<>();
    private Consumer<OrderEvent> listener = e -> {
    };

    VenueEvents(OrderTracker tracker, EventLog log) {
        this.tracker = tracker;
        this.log = log;
    }

    void setListener(Consumer<OrderEvent> listener) {
        this.listener = listener;
    }

    void emit(OrderEvent e) {
        tracker.apply(e);
        switch (e) {
            case OrderEvent.Cancelled cx -> log.begin('C').l(cx.orderId()).l(cx.timeMs()).d(cx.filledSize()).s(cx.reason());
            case OrderEvent.Rejected rx -> log.begin('R').l(rx.orderId()).l(rx.timeMs()).l(rx.code().ordinal());
            default -> {
            }
        }
        outbox.add(e);
    }

    /** Keeps a fill and writes it to the event log (its event is emitted by the caller). */
    void fill(Fill f) {
        fills.add(f);
        log.begin('F').l(f.orderId()).l(f.timeMs()).d(f.price()).d(f.size()).d(f.fee()).l(f.maker() ? 1 : 0)
                .d(f.arrivalPrice()).l(f.liquidation() ? 1 : 0);
    }

    /** Hands every event made since the last delivery to the listener, in order. */
    void deliver() {
        while (!outbox.isEmpty()) {
            listener.accept(outbox.poll());
        }
    }

    List<Fill> fills() {
        return fills;
    }
}
