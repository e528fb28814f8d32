package io.hypertrader.ops.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Telegram's Bot API: {@code POST {baseUrl}/bot{token}/sendMessage} with {@code chat_id} and the
 * plain text (no parse mode, so nothing in a config name is read as markup), cut to Telegram's
 * 4096 characters. A 429's {@code parameters.retry_after} sets the next attempt; {@code "ok": false}
 * with a 200 is a failure too. The token lives in the URL path, so only "telegram chat X" is ever
 * named in messages.
 */
public final class TelegramChannel implements AlertChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertsConfig.Telegram config;
    private final String token;
    private final HttpPost http;

    TelegramChannel(AlertsConfig.Telegram config, Map<String, String> env) {
        this.config = config;
        this.token = AlertsConfig.secret(env, config.name(), "botTokenEnv", config.botTokenEnv());
        this.http = new HttpPost(config.timeout());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public boolean accepts(AlertEvent e) {
        return config.filter().accepts(e);
    }

    @Override
    public void send(AlertEvent e) throws DeliveryException {
        ObjectNode body = JSON.createObjectNode();
        body.put("chat_id", config.chatId());
        body.put("text", AlertText.full(e, 4096));
        body.put("disable_web_page_preview", true);
        String where = "telegram chat " + config.chatId();
        String answer;
        try {
            answer = http.post(config.baseUrl() + "/bot" + token + "/sendMessage", null, body.toString(), where);
        } catch (DeliveryException ex) {
            throw withRetryAfter(ex);
        }
        try {
            JsonNode n = JSON.readTree(answer);
            if (!n.path("ok").asBoolean(false)) {
                throw new DeliveryException(where + " refused the message: " + n.path("description").asText("no description"), false);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new DeliveryException(where + " answered something that is not JSON" + HttpPost.snippet(answer), true, ex);
        }
    }

    /** Telegram states its wait in the body of a 429 ({@code "parameters": {"retry_after": 3}}), not always in a header. */
    private static DeliveryException withRetryAfter(DeliveryException ex) {
        String m = String.valueOf(ex.getMessage());
        int i = m.indexOf("\"retry_after\":");
        if (i < 0 || ex.retryAfterMs() > 0) {
            return ex;
        }
        String digits = m.substring(i + 14).replaceAll("^\\s*(\\d+).*$", "$1");
        try {
            return new DeliveryException(m, ex.retryable(), Long.parseLong(digits) * 1000, ex.getCause());
        } catch (NumberFormatException nfe) {
            return ex;
        }
    }

    @Override
    public List<String> secrets() {
        return List.of(token);
    }

    @Override
    public void close() {
        http.close();
    }
}
