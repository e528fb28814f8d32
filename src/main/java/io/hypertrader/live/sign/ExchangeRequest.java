package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A signed /exchange request body: {@code {"action":..,"nonce":..,"signature":{r,s,v}
 * [,"vaultAddress":"0x.."][,"expiresAfter":ms]}}. vaultAddress and expiresAfter are sent only when
 * used (both are part of the L1 hash). Re-sending the identical body is how a request with an
 * unknown outcome is retried: the exchange refuses a reused nonce, so it cannot act twice.
 *
 * @param action       the action exactly as hashed (do not modify it after signing)
 * @param nonce        ms timestamp, unique per signer
 * @param vaultAddress lowercase sub-account/vault address, or null
 * @param expiresAfter ms timestamp after which the exchange rejects the action, or null
 */
public record ExchangeRequest(ObjectNode action, long nonce, Signature signature, String vaultAddress, Long expiresAfter) {

    public ExchangeRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(signature, "signature");
    }

    /** The action's {@code type}. */
    public String type() {
        return action.path("type").asText();
    }

    /** The JSON body, keys in the order the SDKs send them. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("action", action);
        o.put("nonce", nonce);
        o.set("signature", signature.toJson());
        if (vaultAddress != null) {
            o.put("vaultAddress", vaultAddress);
        }
        if (expiresAfter != null) {
            o.put("expiresAfter", expiresAfter);
        }
        return o;
    }

    /** Parses a body as the exchange receives it (used by the fake exchange and by tests). */
    public static ExchangeRequest fromJson(JsonNode body) {
        if (body == null || !body.path("action").isObject()) {
            throw new IllegalArgumentException("body has no action object");
        }
        if (!body.path("nonce").isIntegralNumber()) {
            throw new IllegalArgumentException("body has no integer nonce");
        }
        JsonNode vault = body.path("vaultAddress");
        JsonNode exp = body.path("expiresAfter");
        return new ExchangeRequest((ObjectNode) body.get("action"), body.get("nonce").longValue(),
                Signature.fromJson(body.get("signature")),
                vault.isTextual() ? Addresses.normalize(vault.textValue(), "vaultAddress") : null,
                exp.isIntegralNumber() ? exp.longValue() : null);
    }
}
