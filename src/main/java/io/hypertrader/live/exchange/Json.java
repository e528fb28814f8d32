package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;

/** Lenient readers for Hyperliquid JSON: decimals arrive as strings, ids as numbers or strings, unknown fields appear over time. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private Json() {
    }

    /** A required decimal (string or number); throws naming the field when absent or malformed. */
    static BigDecimal dec(JsonNode n, String field) {
        BigDecimal v = decOrNull(n, field);
        if (v == null) {
            throw new MalformedResponseException("missing decimal field '" + field + "' in " + abbreviate(n));
        }
        return v;
    }

    /** A decimal that may be null or absent. */
    static BigDecimal decOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("field '" + field + "' is not a decimal: " + v);
        }
    }

    /** A required integer (number or numeric string, as ccxt fixtures write oids). */
    static long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedResponseException("missing integer field '" + field + "' in " + abbreviate(n));
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new MalformedResponseException("field '" + field + "' is not an integer: " + v);
        }
    }

    static Long lngOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : lng(n, field);
    }

    static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedResponseException("missing field '" + field + "' in " + abbreviate(n));
        }
        return v.asText();
    }

    static String strOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static Boolean boolOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asBoolean();
    }

    static JsonNode array(JsonNode n, String what) {
        if (n == null || !n.isArray()) {
            throw new MalformedResponseException(what + ": expected a JSON array, got " + abbreviate(n));
        }
        return n;
    }

    static JsonNode object(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new MalformedResponseException(what + ": expected a JSON object, got " + abbreviate(n));
        }
        return n;
    }

    static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
