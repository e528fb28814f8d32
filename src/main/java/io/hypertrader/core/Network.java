package io.hypertrader.core;

import java.util.Locale;

/**
 * Which Hyperliquid chain: it decides the default REST/WebSocket URLs and the signing flavour
 * (phantom agent source "a" for mainnet, "b" for testnet). A custom API URL changes only where
 * requests go, never how they are signed.
 */
public enum Network {
    MAINNET("https://api.hyperliquid.xyz"),
    TESTNET("https://api.hyperliquid-testnet.xyz");

    private final String restUrl;

    Network(String restUrl) {
        this.restUrl = restUrl;
    }

    /** Default REST base URL, without a trailing slash. */
    public String restUrl() {
        return restUrl;
    }

    /** WebSocket URL for a REST base: http(s) becomes ws(s), with /ws appended. */
    public static String webSocketUrl(String restBase) {
        String base = restBase.endsWith("/") ? restBase.substring(0, restBase.length() - 1) : restBase;
        return base.replaceFirst("^http", "ws") + "/ws";
    }

    public boolean isMainnet() {
        return this == MAINNET;
    }

    public static Network parse(String text) {
        for (Network n : values()) {
            if (n.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown network '" + text + "' (expected mainnet or testnet)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
