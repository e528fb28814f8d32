package io.hypertrader.live.venue;

import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OrderStatusInfo;
import io.hypertrader.live.exchange.UserFill;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the user WebSocket ({@code userFills}, {@code orderUpdates}) pushed for
 * {@link HyperliquidVenue} and the runner's thread has not applied yet. The listener only queues:
 * it runs on okhttp's threads, and the venue is single-threaded, so {@link HyperliquidVenue#poll()}
 * drains the queues on the runner's thread through the same path as REST fills.
 */
final class UserStreamInbox {

    private final ConcurrentLinkedQueue<UserFill> queuedFills = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<OrderStatusInfo> queuedUpdates = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> queuedNotes = new ConcurrentLinkedQueue<>();
    /** The socket's ups (true) and downs (false, stale included) in order, for operations' outage clock. */
    private final ConcurrentLinkedQueue<Boolean> queuedStates = new ConcurrentLinkedQueue<>();

    /** The listener to give the WebSocket: fills, order updates and connection notes, queued. */
    HyperliquidWebSocket.Listener listener() {
        return new HyperliquidWebSocket.Listener() {
            @Override
            public void onFills(List<UserFill> fills, boolean fromSnapshot) {
                queuedFills.addAll(fills);
            }

            @Override
            public void onOrderUpdates(List<OrderStatusInfo> updates) {
                queuedUpdates.addAll(updates);
            }

            @Override
            public void onConnected(int n) {
                queuedNotes.add("user websocket connected (connection " + n + "): fills and order updates pushed");
                queuedStates.add(true);
            }

            @Override
            public void onDisconnected(String reason) {
                queuedNotes.add("user websocket disconnected (" + reason + "): REST polling until it reconnects");
                queuedStates.add(false);
            }

            @Override
            public void onStale(long silentMs) {
                queuedNotes.add("user websocket stale (silent " + silentMs + " ms): reconnecting; REST polling meanwhile");
                queuedStates.add(false);
            }

            @Override
            public void onMalformed(String text, String reason) {
                queuedNotes.add("user websocket: skipped a malformed message (" + reason + ")");
            }
        };
    }

    /** The oldest queued connection note (for the journal, kind {@code ws}), or null. */
    String pollNote() {
        return queuedNotes.poll();
    }

    /** The oldest queued change of the socket's state (true: connected), or null. */
    Boolean pollState() {
        return queuedStates.poll();
    }

    /** The oldest queued fill, or null. */
    UserFill pollFill() {
        return queuedFills.poll();
    }

    /** The oldest queued order update, or null. */
    OrderStatusInfo pollUpdate() {
        return queuedUpdates.poll();
    }

    /** Fills and order updates queued and not yet applied. */
    int backlog() {
        return queuedFills.size() + queuedUpdates.size();
    }
}
