package io.hypertrader.live;

import io.hypertrader.data.MalformedResponseException;

/** Hyperliquid's side codes: "B" = bid/buy, "A" = ask/sell. */
public enum Side {
    BUY("B"), SELL("A");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isBuy() {
        return this == BUY;
    }

    public static Side parse(String code) {
        return switch (code) {
            case "B" -> BUY;
            case "A" -> SELL;
            default -> throw new MalformedResponseException("unknown side '" + code + "' (expected B or A)");
        };
    }
}
