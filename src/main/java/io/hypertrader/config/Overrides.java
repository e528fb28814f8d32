package io.hypertrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.UserError;

import java.util.Arrays;
import java.util.Map;

/**
 * Dotted-path overrides ({@code backtest --set strategy.levels.hedge=0.25}, sweep {@code --param}
 * axes) applied to a config tree before it is bound: each value is parsed as a YAML value of its
 * own ({@link YamlReader#readValue}), missing sections are created, and the result is validated
 * exactly as if the file had said it.
 */
final class Overrides {

    private Overrides() {
    }

    /** Sets {@code a.b.c = value} in {@code root} for every entry, in order. */
    static void apply(String source, ObjectNode root, Map<String, String> overrides) {
        for (var e : overrides.entrySet()) {
            String path = e.getKey();
            String[] parts = path.split("\\.", -1);
            for (String part : parts) {
                if (part.isEmpty()) {
                    throw UserError.usage("override '" + path + "': empty path segment");
                }
            }
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode next = node.get(parts[i]);
                if (next == null || next.isNull()) {
                    node = node.putObject(parts[i]);
                } else if (next.isObject()) {
                    node = (ObjectNode) next;
                } else {
                    throw UserError.usage(source + ": override '" + path + "': "
                            + String.join(".", Arrays.copyOf(parts, i + 1)) + " is a value, not a section");
                }
            }
            String text = e.getValue() == null ? "null" : e.getValue();
            node.set(parts[parts.length - 1], YamlReader.readValue(text, "override '" + path + "'", path));
        }
    }
}
