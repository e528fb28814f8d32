package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;

/** Hyperliquid's side codes: "B" = bid/buy, "A" = ask/sell. */
public enum WireSide {
    BUY("B"), SELL("A");

    private final String code;

    WireSide(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean isBuy() {
        return this == BUY;
    }

    public static WireSide parse(String code) {
        return switch (code) {
            case "B" -> BUY;
            case "A" -> SELL;
            default -> throw new MalformedResponseException("unknown side '" + code + "' (expected B or A)");
        };
    }
}
