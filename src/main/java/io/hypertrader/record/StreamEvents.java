package io.hypertrader.record;

import io.hypertrader.data.AssetContext;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.WsCandle;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the WebSocket reports, queued for the recorder's loop. The socket's callbacks run on
 * okhttp's threads and only enqueue; the loop takes the events in order. A context is stamped with
 * the recorder's clock when it arrives, so its slot does not depend on how busy the loop is.
 */
final class StreamEvents implements HyperliquidWebSocket.Listener {

    sealed interface Event permits CandleUpdate, Context, Connected, Disconnected {
    }

    /** An update of a (forming) bar from the candle channel. */
    record CandleUpdate(WsCandle candle) implements Event {
    }

    /** An asset context and when it arrived. */
    record Context(AssetContext ctx, long receivedAt) implements Event {
    }

    /** Connection {@code n} is open and subscribed (1 for the first). */
    record Connected(int n) implements Event {
    }

    record Disconnected(String reason) implements Event {
    }

    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final AtomicLong dataMessages = new AtomicLong();
    private final LongSupplier clock;

    StreamEvents(LongSupplier clock) {
        this.clock = clock;
    }

    /** The next event, or null when none is queued. */
    Event poll() {
        return queue.poll();
    }

    /** The next event, waiting up to {@code ms}; null when none came. */
    Event poll(long ms) throws InterruptedException {
        return queue.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** Candle updates and contexts received so far. */
    long dataMessages() {
        return dataMessages.get();
    }

    @Override
    public void onCandle(WsCandle candle) {
        dataMessages.incrementAndGet();
        queue.add(new CandleUpdate(candle));
    }

    @Override
    public void onAssetContext(AssetContext ctx) {
        dataMessages.incrementAndGet();
        queue.add(new Context(ctx, clock.getAsLong()));
    }

    @Override
    public void onConnected(int n) {
        queue.add(new Connected(n));
    }

    @Override
    public void onDisconnected(String reason) {
        queue.add(new Disconnected(reason));
    }

    @Override
    public void onStale(long silentMs) {
        queue.add(new Disconnected("silent for " + silentMs + " ms"));
    }

    @Override
    public void onMalformed(String text, String reason) {
        // skipped; the next REST read fills anything it would have carried
    }
}
