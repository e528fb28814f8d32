package io.hypertrader.ops.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alerts:} section of {@code $HYPERTRADER_HOME/alerts.yaml}, validated (see
 * {@link AlertsConfigLoader} and docs/operations.md). It lives outside the strategy config on
 * purpose: where alerts go is not part of what a config hash promises, and the file names the
 * environment variables that hold secrets, never the secrets.
 *
 * @param dedupeWindow  the same event key inside this window is sent once (default 10 min)
 * @param queueCapacity deliveries waiting per channel before new ones are dropped (default 1000)
 */
public record AlertsConfig(Path source, Duration dedupeWindow, int queueCapacity, RetryPolicy retry, Thresholds thresholds,
                           List<ChannelConfig> channels) {

    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;

    public AlertsConfig {
        channels = List.copyOf(channels);
    }

    /** What every channel shares: a name, and which events it wants. */
    public sealed interface ChannelConfig {
        String name();

        Filter filter();
    }

    /** A channel receives events at or above {@code minSeverity} whose kind is in {@code kinds} (empty = all). */
    public record Filter(Severity minSeverity, Set<String> kinds) {
        public static final Filter ALL = new Filter(Severity.INFO, Set.of());

        public Filter {
            kinds = Set.copyOf(kinds);
        }

        public boolean accepts(AlertEvent e) {
            return e.severity().compareTo(minSeverity) >= 0 && (kinds.isEmpty() || kinds.contains(e.kind()));
        }
    }

    /** Body shapes of a webhook. */
    public enum WebhookFormat {
        /** The event as a JSON object (kind, severity, deploymentId, stage, time, title, text, fields). */
        JSON,
        /** Slack incoming webhook: {@code {"text": ...}}. */
        SLACK,
        /** Discord webhook: {@code {"content": ...}} without mentions. */
        DISCORD
    }

    /**
     * A JSON POST.
     *
     * @param url            the URL written in the file (null when {@code urlEnv} names it; Slack and
     *                       Discord URLs embed their token, so prefer urlEnv for them)
     * @param urlEnv         environment variable holding the URL
     * @param bearerTokenEnv environment variable holding a token sent as {@code Authorization: Bearer}
     */
    public record Webhook(String name, Filter filter, String url, String urlEnv, WebhookFormat format, String bearerTokenEnv,
                          Duration timeout) implements ChannelConfig {
    }

    /** SMTP transport security. */
    public enum SmtpSecurity {
        /** Plain SMTP (a local relay). */
        NONE,
        /** STARTTLS upgrade, required (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SSL
    }

    /**
     * E-mail over SMTP.
     *
     * @param username    SMTP user, or null for an unauthenticated relay
     * @param passwordEnv environment variable holding the SMTP password (required with a username)
     */
    public record Email(String name, Filter filter, String host, int port, SmtpSecurity security, String username,
                        String passwordEnv, String from, List<String> to, Duration timeout) implements ChannelConfig {
        public Email {
            to = List.copyOf(to);
        }
    }

    /**
     * Telegram's Bot API: {@code POST {baseUrl}/bot{token}/sendMessage}.
     *
     * @param baseUrl     default https://api.telegram.org (a local Bot API server or a test server otherwise)
     * @param botTokenEnv environment variable holding the bot token
     * @param chatId      the chat, group or channel id (e.g. -1001234567890) or @channelname
     */
    public record Telegram(String name, Filter filter, String baseUrl, String botTokenEnv, String chatId, Duration timeout)
            implements ChannelConfig {
    }

    /** Resolves an environment variable a channel names, or fails naming the field and the variable. */
    static String secret(Map<String, String> env, String channel, String field, String variable) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("alerts channel '" + channel + "': " + field + " names the environment variable "
                    + variable + ", which is not set");
        }
        return v.trim();
    }
}
