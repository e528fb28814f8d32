package io.hypertrader.strategy.fib;

/** Direction of the cycle's main position: BULL starts long, BEAR is the exact mirror (starts short). */
public enum Thesis {
    BULL(1),
    BEAR(-1);

    private final int sign;

    Thesis(int sign) {
        this.sign = sign;
    }

    /** +1 for BULL, -1 for BEAR: price-space = sign * thesis-space. */
    public int sign() {
        return sign;
    }
}
