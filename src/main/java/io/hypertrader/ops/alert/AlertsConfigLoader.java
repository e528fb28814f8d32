package io.hypertrader.ops.alert;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hypertrader.core.UserError;
import io.hypertrader.live.keys.KeyStore;
import io.hypertrader.ops.Durations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads alerts.yaml: Jackson binds the file to plain records (unknown keys and duplicate keys are
 * errors), then every value is checked and defaulted here. Any problem is a {@link UserError} of
 * kind USAGE naming the file, the field path ({@code alerts.channels[1].port}), the value and the
 * rule. A key that looks like a secret ({@code password}, {@code token}, ...) is refused with the
 * name of the field that takes an environment variable instead.
 */
public final class AlertsConfigLoader {

    /** The file's name under {@code $HYPERTRADER_HOME}. */
    public static final String FILE_NAME = "alerts.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Set<String> SECRET_KEYS = Set.of("password", "token", "bottoken", "secret", "apikey", "bearertoken");

    private AlertsConfigLoader() {
    }

    /** {@code $HYPERTRADER_HOME/alerts.yaml} (or ~/.config/hypertrader/alerts.yaml). */
    public static Path defaultFile(Map<String, String> env) {
        return KeyStore.homeDir(env).resolve(FILE_NAME);
    }

    /** The default file's config, or empty when there is no such file (alerts are optional). */
    public static Optional<AlertsConfig> loadDefault(Map<String, String> env) {
        Path f = defaultFile(env);
        return Files.exists(f) ? Optional.of(load(f)) : Optional.empty();
    }

    public static AlertsConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read alerts config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    public static AlertsConfig parse(String text, Path source) {
        RawFile raw;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = YAML.readTree(text);
            raw = tree == null || tree.isMissingNode() || tree.isNull() ? null : YAML.treeToValue(tree, RawFile.class);
        } catch (UnrecognizedPropertyException e) {
            String key = e.getPropertyName();
            String hint = SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT).replace("_", ""))
                    ? " (secrets are never written in this file: put the value in an environment variable and name the"
                    + " variable with passwordEnv, botTokenEnv, urlEnv or bearerTokenEnv)"
                    : " (known: " + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")";
            throw error(source, path(e), "unknown key '" + key + "'" + hint);
        } catch (JsonMappingException e) {
            throw error(source, path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw error(source, "", "not valid YAML: " + e.getOriginalMessage());
        }
        if (raw == null || raw.alerts() == null) {
            throw error(source, "alerts", "missing: the file must have a top-level 'alerts:' section");
        }
        try {
            return build(raw.alerts(), source);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, "alerts config " + source + ": " + e.getMessage(), e);
        }
    }

    private static AlertsConfig build(RawAlerts a, Path source) {
        Duration dedupe = a.dedupeWindow() == null ? AlertsConfig.DEFAULT_DEDUPE_WINDOW : Durations.parse("alerts.dedupeWindow", a.dedupeWindow());
        int capacity = a.queueCapacity() == null ? AlertsConfig.DEFAULT_QUEUE_CAPACITY : a.queueCapacity();
        if (capacity < 1) {
            throw new IllegalArgumentException("alerts.queueCapacity: must be at least 1, got " + capacity);
        }
        RetryPolicy retry = RetryPolicy.DEFAULT;
        if (a.retry() != null) {
            RawRetry r = a.retry();
            retry = new RetryPolicy(r.maxAttempts() == null ? retry.maxAttempts() : r.maxAttempts(),
                    r.initialBackoff() == null ? retry.initialBackoff() : Durations.parse("alerts.retry.initialBackoff", r.initialBackoff()),
                    r.multiplier() == null ? retry.multiplier() : r.multiplier(),
                    r.maxBackoff() == null ? retry.maxBackoff() : Durations.parse("alerts.retry.maxBackoff", r.maxBackoff()));
        }
        Thresholds t = Thresholds.DEFAULT;
        if (a.thresholds() != null) {
            RawThresholds r = a.thresholds();
            String p = "alerts.thresholds.";
            t = new Thresholds(r.orderFailureRate() == null ? t.orderFailureRate() : r.orderFailureRate(),
                    r.orderFailureWindow() == null ? t.orderFailureWindow() : Durations.parse(p + "orderFailureWindow", r.orderFailureWindow()),
                    r.orderFailureMinOrders() == null ? t.orderFailureMinOrders() : r.orderFailureMinOrders(),
                    r.apiLatency() == null ? t.apiLatency() : Durations.parse(p + "apiLatency", r.apiLatency()),
                    r.apiLatencyPercentile() == null ? t.apiLatencyPercentile() : r.apiLatencyPercentile(),
                    r.apiLatencyWindow() == null ? t.apiLatencyWindow() : Durations.parse(p + "apiLatencyWindow", r.apiLatencyWindow()),
                    r.apiLatencyMinSamples() == null ? t.apiLatencyMinSamples() : r.apiLatencyMinSamples(),
                    r.socketDownAfter() == null ? t.socketDownAfter() : Durations.parse(p + "socketDownAfter", r.socketDownAfter()));
        }
        List<AlertsConfig.ChannelConfig> channels = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<RawChannel> raws = a.channels() == null ? List.of() : a.channels();
        for (int i = 0; i < raws.size(); i++) {
            AlertsConfig.ChannelConfig c = channel("alerts.channels[" + i + "]", raws.get(i));
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("alerts.channels[" + i + "].name: '" + c.name() + "' is used twice; names must be unique");
            }
            channels.add(c);
        }
        return new AlertsConfig(source, dedupe, capacity, retry, t, channels);
    }

    private static AlertsConfig.ChannelConfig channel(String p, RawChannel c) {
        if (c == null) {
            throw new IllegalArgumentException(p + ": empty channel");
        }
        String name = required(p + ".name", c.name());
        String type = required(p + ".type", c.type()).toLowerCase(Locale.ROOT);
        Severity min = c.minSeverity() == null ? Severity.INFO : Severity.parse(p + ".minSeverity", c.minSeverity());
        Set<String> kinds = new LinkedHashSet<>();
        if (c.events() != null) {
            for (String k : c.events()) {
                if (!AlertEvent.KINDS.contains(k)) {
                    throw new IllegalArgumentException(p + ".events: unknown event kind '" + k + "' (known: "
                            + String.join(", ", AlertEvent.KINDS) + ")");
                }
                kinds.add(k);
            }
        }
        AlertsConfig.Filter filter = new AlertsConfig.Filter(min, kinds);
        Duration timeout = c.timeout() == null ? Duration.ofSeconds(10) : Durations.parse(p + ".timeout", c.timeout());
        if (timeout.isZero()) {
            throw new IllegalArgumentException(p + ".timeout: must be positive");
        }
        switch (type) {
            case "webhook" -> {
                only(p, type, c, "url", "urlEnv", "format", "bearerTokenEnv");
                if ((c.url() == null) == (c.urlEnv() == null)) {
                    throw new IllegalArgumentException(p + ": give exactly one of url and urlEnv");
                }
                if (c.url() != null) {
                    httpUrl(p + ".url", c.url());
                }
                AlertsConfig.WebhookFormat format = AlertsConfig.WebhookFormat.JSON;
                if (c.format() != null) {
                    try {
                        format = AlertsConfig.WebhookFormat.valueOf(c.format().trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(p + ".format: '" + c.format() + "' is not one of json, slack, discord");
                    }
                }
                return new AlertsConfig.Webhook(name, filter, c.url(), envName(p + ".urlEnv", c.urlEnv()), format,
                        envName(p + ".bearerTokenEnv", c.bearerTokenEnv()), timeout);
            }
            case "email" -> {
                only(p, type, c, "host", "port", "security", "username", "passwordEnv", "from", "to");
                String host = required(p + ".host", c.host());
                AlertsConfig.SmtpSecurity sec = AlertsConfig.SmtpSecurity.STARTTLS;
                if (c.security() != null) {
                    try {
                        sec = AlertsConfig.SmtpSecurity.valueOf(c.security().trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(p + ".security: '" + c.security() + "' is not one of none, starttls, ssl");
                    }
                }
                int port = c.port() != null ? c.port() : switch (sec) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case SSL -> 465;
                };
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(p + ".port: " + port + " is not a TCP port (1-65535)");
                }
                if (c.username() != null && c.passwordEnv() == null) {
                    throw new IllegalArgumentException(p + ".passwordEnv: required with a username (the environment variable"
                            + " that holds the SMTP password)");
                }
                String from = email(p + ".from", required(p + ".from", c.from()));
                if (c.to() == null || c.to().isEmpty()) {
                    throw new IllegalArgumentException(p + ".to: at least one recipient address is required");
                }
                List<String> to = new ArrayList<>();
                for (int i = 0; i < c.to().size(); i++) {
                    to.add(email(p + ".to[" + i + "]", c.to().get(i)));
                }
                return new AlertsConfig.Email(name, filter, host, port, sec, c.username(), envName(p + ".passwordEnv", c.passwordEnv()),
                        from, to, timeout);
            }
            case "telegram" -> {
                only(p, type, c, "baseUrl", "botTokenEnv", "chatId");
                String base = c.baseUrl() == null ? "https://api.telegram.org" : httpUrl(p + ".baseUrl", c.baseUrl());
                return new AlertsConfig.Telegram(name, filter, stripSlash(base),
                        envName(p + ".botTokenEnv", required(p + ".botTokenEnv", c.botTokenEnv())),
                        required(p + ".chatId", c.chatId()), timeout);
            }
            default -> throw new IllegalArgumentException(p + ".type: '" + c.type() + "' is not one of webhook, email, telegram");
        }
    }

    /** Refuses fields of another channel type, so a typo'd type or a misplaced key is not silently ignored. */
    private static void only(String p, String type, RawChannel c, String... allowed) {
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("url", c.url());
        given.put("urlEnv", c.urlEnv());
        given.put("format", c.format());
        given.put("bearerTokenEnv", c.bearerTokenEnv());
        given.put("host", c.host());
        given.put("port", c.port());
        given.put("security", c.security());
        given.put("username", c.username());
        given.put("passwordEnv", c.passwordEnv());
        given.put("from", c.from());
        given.put("to", c.to());
        given.put("baseUrl", c.baseUrl());
        given.put("botTokenEnv", c.botTokenEnv());
        given.put("chatId", c.chatId());
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !ok.contains(e.getKey())) {
                throw new IllegalArgumentException(p + "." + e.getKey() + ": not a field of a " + type + " channel (its fields: name, type,"
                        + " minSeverity, events, timeout, " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String required(String p, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(p + ": required");
        }
        return v.trim();
    }

    private static String envName(String p, String v) {
        if (v == null) {
            return null;
        }
        if (!ENV_NAME.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException(p + ": '" + v + "' is not an environment variable name (letters, digits, _)");
        }
        return v.trim();
    }

    private static String httpUrl(String p, String v) {
        String t = v.trim();
        if (!t.startsWith("http://") && !t.startsWith("https://")) {
            throw new IllegalArgumentException(p + ": '" + WebhookChannel.redactUrl(t) + "' is not an http(s) URL");
        }
        return t;
    }

    private static String email(String p, String v) {
        if (v == null || !EMAIL.matcher(v.trim()).matches()) {
            throw new IllegalArgumentException(p + ": '" + v + "' is not an e-mail address");
        }
        return v.trim();
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            }
        }
        return b.toString();
    }

    private static UserError error(Path source, String path, String problem) {
        return UserError.usage("alerts config " + source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    // ------------------------------------------------------------------ the file as written

    record RawFile(RawAlerts alerts) {
    }

    record RawAlerts(String dedupeWindow, Integer queueCapacity, RawRetry retry, RawThresholds thresholds, List<RawChannel> channels) {
    }

    record RawRetry(Integer maxAttempts, String initialBackoff, Double multiplier, String maxBackoff) {
    }

    record RawThresholds(Double orderFailureRate, String orderFailureWindow, Integer orderFailureMinOrders, String apiLatency,
                         Double apiLatencyPercentile, String apiLatencyWindow, Integer apiLatencyMinSamples, String socketDownAfter) {
    }

    record RawChannel(String name, String type, String minSeverity, List<String> events, String timeout,
                      String url, String urlEnv, String format, String bearerTokenEnv,
                      String host, Integer port, String security, String username, String passwordEnv, String from, List<String> to,
                      String baseUrl, String botTokenEnv, String chatId) {
    }
}
