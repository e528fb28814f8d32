package io.hypertrader.ops.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON POST per alert, in one of three shapes ({@link AlertsConfig.WebhookFormat}): the event as
 * an object for your own receiver, Slack's {@code {"text"}} (with {@code & < >} escaped so text from
 * a config name cannot mention {@code <!channel>}), or Discord's {@code {"content"}} with mentions
 * disabled and the text cut to Discord's 2000 characters.
 */
public final class WebhookChannel implements AlertChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertsConfig.Webhook config;
    private final String url;
    private final String bearer;
    private final HttpPost http;

    WebhookChannel(AlertsConfig.Webhook config, Map<String, String> env) {
        this.config = config;
        this.url = config.urlEnv() != null ? AlertsConfig.secret(env, config.name(), "urlEnv", config.urlEnv()) : config.url();
        this.bearer = config.bearerTokenEnv() == null ? null
                : AlertsConfig.secret(env, config.name(), "bearerTokenEnv", config.bearerTokenEnv());
        this.http = new HttpPost(config.timeout());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public boolean accepts(AlertEvent e) {
        return config.filter().accepts(e);
    }

    @Override
    public void send(AlertEvent e) throws DeliveryException {
        http.post(url, bearer, body(config.format(), e), "webhook " + redactUrl(url));
    }

    /** The request body of {@code e} in {@code format}. */
    public static String body(AlertsConfig.WebhookFormat format, AlertEvent e) {
        ObjectNode n = JSON.createObjectNode();
        switch (format) {
            case JSON -> {
                n.put("source", "hypertrader");
                n.put("kind", e.kind());
                n.put("severity", e.severity().code());
                n.put("deploymentId", e.deploymentId());
                n.put("stage", e.stage());
                n.put("timeMs", e.timeMs());
                n.put("time", Instant.ofEpochMilli(e.timeMs()).toString());
                n.put("title", e.title());
                n.put("text", AlertText.body(e));
                ObjectNode f = n.putObject("fields");
                e.fields().forEach(f::put);
            }
            case SLACK -> n.put("text", slackEscape(AlertText.full(e, 3900)));
            case DISCORD -> {
                n.put("content", AlertText.full(e, 2000));
                n.putObject("allowed_mentions").putArray("parse");
            }
        }
        return n.toString();
    }

    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** scheme://host[:port]/... : what may be printed of a URL whose path or query may hold a token. */
    static String redactUrl(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "(unparsable URL)";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? "" : "/...");
        } catch (IllegalArgumentException e) {
            return "(unparsable URL)";
        }
    }

    @Override
    public List<String> secrets() {
        List<String> s = new ArrayList<>();
        // The whole URL and its path: Slack and Discord put the token in the path.
        s.add(url);
        try {
            String path = URI.create(url).getRawPath();
            if (path != null && path.length() > 8) {
                s.add(path);
            }
        } catch (IllegalArgumentException ignored) {
            // nothing more to hide
        }
        if (bearer != null) {
            s.add(bearer);
        }
        return s;
    }

    @Override
    public void close() {
        http.close();
    }
}
