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

    /**
     * A REST base URL in one spelling, so two spellings of one endpoint compare equal: scheme and
     * host lower-case, the scheme's default port dropped, no trailing slash, no query.
     */
    public static String canonicalUrl(String url) {
        String t = url == null ? "" : url.trim();
        try {
            java.net.URI u = new java.net.URI(t);
            if (u.getScheme() == null || u.getHost() == null) {
                return stripSlash(t);
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + stripSlash(path);
        } catch (java.net.URISyntaxException e) {
            return stripSlash(t);
        }
    }

    private static String stripSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
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
