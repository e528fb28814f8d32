package io.hypertrader.risk;

import java.util.Collection;

/**
 * What the risk manager needs to know about the account, implemented by the simulator's portfolio
 * and the live venue's synced state. Sizes are signed coin quantities (long positive), prices USDC.
 */
public interface AccountView {

    /** Account value: cash plus unrealized P&L at the mark, USDC. */
    double equity();

    /** Signed position size in coins; 0 when flat. */
    double position(String coin);

    /** Latest mark price of the coin, USDC; NaN when unknown. */
    double mark(String coin);

    /** Average entry price of the open position, USDC; NaN when flat. */
    double entryPrice(String coin);

    /** Leverage the position is held at (initial margin = notional / leverage). */
    double leverage(String coin);

    /** Coins with a non-zero position. */
    Collection<String> openCoins();

    /**
     * Signed size, in coins, of the coin's working orders that may add to its position (open, not
     * reduce-only; the unfilled part): what the position becomes if they all fill. 0 when none.
     * The account-wide rules count it, so two coins' entries sent before either fills are still
     * two coins (in live trading a fill arrives after the order; in a backtest after its latency).
     */
    default double working(String coin) {
        return 0;
    }

    /** Coins with a position or a working order that may open one ({@link #working}): what the account holds or is committed to. */
    default Collection<String> activeCoins() {
        return openCoins();
    }
}
