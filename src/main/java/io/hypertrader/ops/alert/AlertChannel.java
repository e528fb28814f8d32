package io.hypertrader.ops.alert;

import java.util.List;

/**
 * One place alerts go (a webhook, a mailbox, a Telegram chat). {@link #send} is synchronous and
 * may be slow or hang up to its own timeouts: the {@link AlertDispatcher} calls it only on the
 * channel's own thread, never on a trading thread.
 */
public interface AlertChannel {

    /** The channel's name from alerts.yaml (journals and {@code alerts test} print it). */
    String name();

    /** webhook, email or telegram. */
    String type();

    /** Whether this channel wants the event (its minSeverity and events filter). */
    boolean accepts(AlertEvent e);

    /** Delivers one alert, or throws saying whether a retry may help. */
    void send(AlertEvent e) throws DeliveryException;

    /**
     * Secret values this channel holds (tokens, passwords, secret URLs): the dispatcher replaces
     * them with {@code ***} in anything it journals or logs, in case a library put one in a message.
     */
    List<String> secrets();

    /** Releases the channel's connections (the dispatcher calls it once, when closed). */
    default void close() {
    }
}
