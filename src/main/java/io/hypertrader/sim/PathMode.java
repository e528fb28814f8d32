package io.hypertrader.sim;

import java.util.Locale;

/**
 * Which extreme of a bar the path visits first (docs/simulator.md, "The bar path"). The path is open, first
 * extreme, second extreme, close, at the bar's open time, +1/3, +2/3 and its last millisecond.
 */
public enum PathMode {
    /** Default: a bar that closed up (close >= open) visited its low first, one that closed down its high first. */
    BULLISH_LOW_FIRST("bullish-low-first"),
    /** Always the high first. */
    HIGH_FIRST("high-first"),
    /** Always the low first. */
    LOW_FIRST("low-first"),
    /** The order that hurts the open position most: low first when long, high first when short (flat: default rule). */
    WORST_CASE("worst-case");

    private final String label;

    PathMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when the bar's low comes before its high. {@code position} is the signed net position at the bar's open. */
    public boolean lowFirst(double open, double close, double position) {
        return switch (this) {
            case BULLISH_LOW_FIRST -> close >= open;
            case HIGH_FIRST -> false;
            case LOW_FIRST -> true;
            case WORST_CASE -> position > 0 || (position == 0 && close >= open);
        };
    }

    public static PathMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (PathMode m : values()) {
            if (m.label.equals(t) || m.name().equalsIgnoreCase(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown path mode '" + text
                + "' (expected bullish-low-first, high-first, low-first or worst-case)");
    }

    @Override
    public String toString() {
        return label;
    }
}
