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
}
