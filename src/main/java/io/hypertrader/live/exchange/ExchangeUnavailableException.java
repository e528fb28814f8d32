package io.hypertrader.live.exchange;

/**
 * The exchange could not be reached or kept refusing (connection refused, repeated 429, HTTP
 * 4xx) and the request was certainly not applied: nothing happened, it is safe to try later.
 */
public final class ExchangeUnavailableException extends Exception {
    public ExchangeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
