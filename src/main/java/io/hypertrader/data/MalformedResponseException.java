package io.hypertrader.data;

/**
 * A response body that is not what the request type promises (not JSON, wrong shape, a field of
 * the wrong type or out of range). Never turned into data: the page is retried or the request
 * fails.
 */
public class MalformedResponseException extends RuntimeException {
    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
