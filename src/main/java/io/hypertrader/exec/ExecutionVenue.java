package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where orders go: the simulator in backtests and paper runs, Hyperliquid on testnet and mainnet.
 * A strategy sees only this interface, so the same strategy code runs everywhere.
 *
 * <p>Conventions: sizes in coins, positions signed (long positive), money in USDC, times UTC epoch
 * milliseconds of the venue's clock (replay time in backtests). {@link #submit} never throws for
 * an order the venue refuses: the refusal arrives as an {@link OrderEvent.Rejected}. Events are
 * delivered to the listener on the caller's thread, never re-entrantly from inside
 * {@link #submit} or {@link #cancel}.
 */
public interface ExecutionVenue {

    /** Places an order; returns its id (unique per run/deployment). The outcome comes as events. */
    long submit(OrderRequest request);

    /** Asks to cancel an open order; a {@link OrderEvent.Cancelled} follows unless it already ended. */
    void cancel(long orderId);

    /** Sets the leverage used for the coin's initial margin (Hyperliquid updateLeverage, cross). */
    void setLeverage(Coin coin, int leverage);

    /** The coin's grid and leverage cap. */
    Instrument instrument(Coin coin);

    /** Signed net position in coins (one-way mode: one net position per coin). */
    double position(Coin coin);

    /** Average entry price of the open position, USDC; NaN when flat. */
    double entryPrice(Coin coin);

    /**
     * Cumulative net P&L of the coin since the start, USDC: realized price P&L minus fees minus
     * funding paid, plus unrealized P&L at the current mark.
     */
    double netPnl(Coin coin);

    /** Trading account value: cash plus unrealized P&L at the marks, USDC (savings excluded). */
    double equity();

    /** Equity minus the initial margin of all open positions, USDC. */
    double freeCollateral();

    /** Moves USDC out of the trading account into savings that no longer trade (profit skim). */
    void transferToSavings(double usd);

    /** Open (not yet terminal) orders of the coin, oldest first. */
    List<TrackedOrder> openOrders(Coin coin);

    /** Sets the one listener that receives every order event. */
    void setListener(Consumer<OrderEvent> listener);

    /**
     * The largest notional (USDC, valued at the order's price) that one order opening or growing a
     * position of {@code coin} may have, and that the position may reach, under absolute caps the
     * venue enforces beside the exchange's own rules (a risk manager's order and position caps).
     * A strategy sizes down to it instead of sending orders that are refused forever once its
     * equity has outgrown the caps. Default: no such cap.
     */
    default double maxOpeningNotional(Coin coin) {
        return Double.POSITIVE_INFINITY;
    }
}
