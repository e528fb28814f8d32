package io.hypertrader.risk;

/** The rule behind a risk event; the code is what journals and reports store. */
public enum RiskRule {
    /** Position notional above its fraction of equity. */
    POSITION_SIZE,
    /** Position notional above the absolute USDC cap. */
    POSITION_CAP,
    /** Total notional / equity above the leverage limit. */
    LEVERAGE,
    /** The UTC day's loss limit was hit: risk-increasing orders wait for the next day. */
    DAILY_LOSS,
    /** A position lost its stop fraction of margin and is closed. */
    POSITION_STOP,
    /** Too many coins with open positions. */
    OPEN_COINS,
    /** A single order's notional is above the cap. */
    ORDER_NOTIONAL,
    /** Too many orders in the last minute. */
    ORDER_RATE
}
