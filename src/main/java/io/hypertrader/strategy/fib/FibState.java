package io.hypertrader.strategy.fib;

/** The states of docs/strategy.md, "States and target exposure" (names are the thesis' view: "long" is the main leg). */
public enum FibState {
    FLAT,
    FULL,
    HEDGED,
    SCALED,
    DEEP,
    RECOVERING;

    /** Depth order used for "deepest state crossed": FULL 0, HEDGED 1, SCALED 2, DEEP 3. */
    int depth() {
        return switch (this) {
            case HEDGED -> 1;
            case SCALED -> 2;
            case DEEP -> 3;
            default -> 0;
        };
    }

    boolean hedged() {
        return this == HEDGED || this == SCALED || this == DEEP;
    }
}
