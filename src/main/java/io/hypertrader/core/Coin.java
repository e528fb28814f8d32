package io.hypertrader.core;

import java.util.regex.Pattern;

/**
 * A Hyperliquid coin name as used by /info and the WebSocket ("BTC", "kPEPE", "xyz:XYZ100",
 * "@107", "PURR/USDC"). Case is kept: "kPEPE" and "KPEPE" are different coins at the exchange.
 */
public record Coin(String name) implements Comparable<Coin> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9@:/_.\\-]{1,40}");

    public Coin {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid coin name '" + name
                    + "' (letters, digits and @:/_.- only, 1-40 characters, e.g. BTC)");
        }
    }

    public static Coin of(String name) {
        return new Coin(name == null ? null : name.trim());
    }

    /** Same name. Identity first: the replay loop compares the same instances at every price point. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Coin c && name.equals(c.name);
    }

    @Override
    public int compareTo(Coin o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
