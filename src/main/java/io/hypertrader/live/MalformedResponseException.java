package io.hypertrader.live;

/** A Hyperliquid response that does not have the documented shape (field named in the message). */
public final class MalformedResponseException extends RuntimeException {
    public MalformedResponseException(String message) {
        super(message);
    }
}
