package io.hypertrader.core;

/** Order side. {@link #sign()} is +1 for a buy (position grows) and -1 for a sell. */
public enum Side {
    BUY(1),
    SELL(-1);

    private final int sign;

    Side(int sign) {
        this.sign = sign;
    }

    /** +1 for BUY, -1 for SELL: a fill of size s changes the signed position by sign * s. */
    public int sign() {
        return sign;
    }

    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** The side that moves a signed position by {@code delta} (BUY for delta > 0). */
    public static Side of(double delta) {
        return delta >= 0 ? BUY : SELL;
    }
}
