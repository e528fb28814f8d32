package io.hypertrader.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.FieldCheck;
import io.hypertrader.core.InvalidFieldException;
import io.hypertrader.core.UserError;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Jackson binding of config trees onto the records, and the records' canonical JSON. Binding is
 * strict ({@link ConfigModule}; unknown keys refused); every failure becomes a
 * {@code UserError(USAGE)} naming the source, the field path, the value and the rule:
 * {@code config/fib-hedge.yaml: strategy.levels.scale = 0.3: ratios must be strictly ascending ...}.
 */
final class Binder {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new ConfigModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private Binder() {
    }

    /** Binds {@code tree} (the file merged over its defaults, {@link ConfigDefaults}) onto {@code type}. */
    static <T> T bind(String source, ObjectNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw refusal(source, tree, e);
        } catch (JsonProcessingException e) {
            throw UserError.usage(source + ": " + e.getOriginalMessage());
        }
    }

    /** A record as a tree, with its values exactly (NaN and infinity kept: the "none" of optional numbers). */
    static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * The canonical JSON of a record: its components in declaration order, numbers as Jackson
     * writes doubles and ints, and non-finite numbers (an optional number's "none") as null. The
     * SHA-256 of this text is the config_hash stored with runs and deployments.
     */
    static String canonicalJson(Object value) {
        try {
            return MAPPER.writeValueAsString(nonFiniteAsNull(tree(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode nonFiniteAsNull(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.properties().forEach(e -> o.set(e.getKey(), nonFiniteAsNull(e.getValue())));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, nonFiniteAsNull(a.get(i)));
            }
        } else if (n.isNumber() && !Double.isFinite(n.doubleValue())) {
            return JsonNodeFactory.instance.nullNode();
        }
        return n;
    }

    // ------------------------------------------------------------------ messages

    private static UserError refusal(String source, JsonNode tree, JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        String path = path(refs);
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> expected = expected(u);
            return UserError.usage(source + ": " + path + ": unknown key"
                    + (expected.isEmpty() ? "" : " (expected one of " + String.join(", ", expected) + ")"));
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidFieldException f) {
            return UserError.usage(source + ": " + join(path, f.field()) + " = " + f.value() + ": " + f.rule());
        }
        JsonNode value = at(tree, refs);
        if (e instanceof ConfigModule.Refusal r) {
            String where = r.key == null ? path : join(path, r.key);
            String shown = r.key != null ? r.key : show(value, r.quoteText);
            return UserError.usage(source + ": " + where + " = " + shown + ": " + r.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            String rule = Collection.class.isAssignableFrom(t) || t.isArray() ? "must be a list of numbers, e.g. [0.618]"
                    : "must be a section (a mapping of keys), got "
                    + (value == null ? "nothing" : value.getNodeType().toString().toLowerCase(Locale.ROOT));
            return UserError.usage(source + ": " + where(path) + " = " + show(value, true) + ": " + rule);
        }
        String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getOriginalMessage();
        return UserError.usage(source + ": " + where(path) + ": " + cause);
    }

    /** The keys a section knows, in the order its record declares them. */
    private static List<String> expected(UnrecognizedPropertyException u) {
        Collection<Object> known = u.getKnownPropertyIds() == null ? List.of() : u.getKnownPropertyIds();
        List<String> out = new ArrayList<>();
        Class<?> type = u.getReferringClass();
        if (type != null && type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (known.contains(c.getName())) {
                    out.add(c.getName());
                }
            }
        }
        for (Object k : known) {
            if (!out.contains(k.toString())) {
                out.add(k.toString());
            }
        }
        return out;
    }

    /** {@code strategy.levels.chart[1]}: field names joined by '.', list indexes in brackets. */
    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String where(String path) {
        return path.isEmpty() ? "(top level)" : path;
    }

    private static JsonNode at(JsonNode tree, List<JsonMappingException.Reference> refs) {
        JsonNode n = tree;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : n;
        }
        return n;
    }

    /** A value as the user wrote it: numbers as {@link FieldCheck#fmt}, text quoted when a number was due. */
    static String show(JsonNode v, boolean quoteText) {
        if (v == null || v.isMissingNode()) {
            return "(missing)";
        }
        if (v.isTextual()) {
            return quoteText ? "'" + v.asText() + "'" : v.asText();
        }
        if (v.isFloatingPointNumber()) {
            return FieldCheck.fmt(v.doubleValue());
        }
        return v.toString();
    }
}
