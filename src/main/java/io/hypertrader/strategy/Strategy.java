package io.hypertrader.strategy;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;

/**
 * A trading strategy driven by prices, bar closes and order events; it acts by submitting orders
 * through its context's venue. Single-threaded: callbacks never overlap. Times are UTC epoch ms.
 *
 * <p>Call order per bar (backtest; live is the same with streamed prices): {@link #onPrice} for
 * each price point the {@link #priceMode()} asks for, {@link #onOrderEvent} whenever an order
 * changes (between price points, at the venue's time), then {@link #onBarClose} after the bar's
 * close point. A strategy only learns about a bar's high, low and close when the path gets there.
 *
 * <p><b>Triggers.</b> In {@code INTRABAR} mode the path between two price points is a straight
 * line, and the driver also delivers the exact moment it crosses {@link #triggerAbove} (upwards)
 * or {@link #triggerBelow} (downwards), at exactly that price, as a live strategy watching every
 * mid would see it. The strategy learns nothing beyond the crossing. The defaults ask for no
 * crossings. Thresholds are re-read after every callback.
 */
public interface Strategy {

    /** Called once before any price; the context stays valid for the strategy's life. */
    void start(StrategyContext context);

    /** Which price points to deliver. */
    PriceMode priceMode();

    /** A price point of {@code coin} at {@code timeMs}. */
    void onPrice(Coin coin, long timeMs, double price);

    /** The bar of {@code coin} that opened at {@code openTimeMs} has closed (volume in coins). */
    void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume);

    /** An event of one of this strategy's orders, or a venue-forced fill (liquidation) of its coin. */
    void onOrderEvent(OrderEvent event);

    /** Price whose upward crossing inside a path segment is delivered (intrabar); +infinity for none. */
    default double triggerAbove(Coin coin) {
        return Double.POSITIVE_INFINITY;
    }

    /** Price whose downward crossing inside a path segment is delivered (intrabar); -infinity for none. */
    default double triggerBelow(Coin coin) {
        return Double.NEGATIVE_INFINITY;
    }

    /**
     * The next order event carries a fill that something other than the venue's liquidation engine
     * forced (a risk manager's position stop: {@code reason} "risk-stop"); such fills are marked
     * {@link io.hypertrader.core.Fill#liquidation()} like a liquidation's, and this says which it
     * was, so the strategy can label the cycle it ends by what happened. Called right before that
     * event; the default ignores it.
     */
    default void forcedBy(Coin coin, String reason) {
    }

    /** The run ends (end of data, or the runner stops) at {@code timeMs}. */
    default void finish(long timeMs) {
    }
}
