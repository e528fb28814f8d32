package io.hypertrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.sim.SimConfig;

import java.util.Map;

/**
 * Defaults as trees, and the merge of a config file over them. The values are not restated here:
 * each tree is the default record ({@link StrategyFile#DEFAULTS}, a simulator preset) written by
 * {@link Binder#tree}, so a default changes in one place, its record. A file's value replaces the
 * default at the same path; a null or absent value keeps it. A {@code "*"} key gives the defaults
 * of every entry of a map section ({@code instruments.*}).
 */
final class ConfigDefaults {

    private static final String EVERY_ENTRY = "*";

    private static final ObjectNode STRATEGY_FILE = strategyFileTree();

    private ConfigDefaults() {
    }

    private static ObjectNode strategyFileTree() {
        ObjectNode t = Binder.tree(StrategyFile.DEFAULTS);
        // the record fills strategy.coin (BTC) only without a portfolio: a portfolio has no coin of its own
        ((ObjectNode) t.get("strategy")).remove("coin");
        ((ObjectNode) t.get("instruments")).set(EVERY_ENTRY, Binder.tree(StrategyFile.InstrumentGrid.DEFAULT));
        return t;
    }

    /** A strategy file's tree merged over the defaults. */
    static ObjectNode strategyFile(ObjectNode given) {
        return merge(STRATEGY_FILE, given);
    }

    /** A simulator file's tree merged over {@code base} (a preset), named {@code profile}. */
    static ObjectNode sim(SimConfig base, String profile, ObjectNode given) {
        ObjectNode defaults = Binder.tree(base);
        defaults.put("profile", profile);
        return merge(defaults, given);
    }

    /** {@code given} over {@code defaults}: default keys first, in their order, then keys only the file has. */
    static ObjectNode merge(ObjectNode defaults, ObjectNode given) {
        ObjectNode out = defaults.objectNode();
        for (Map.Entry<String, JsonNode> d : defaults.properties()) {
            if (d.getKey().equals(EVERY_ENTRY)) {
                continue;
            }
            JsonNode g = given.get(d.getKey());
            boolean absent = g == null || g.isNull();
            if (d.getValue() instanceof ObjectNode dObj && (absent || g.isObject())) {
                out.set(d.getKey(), merge(dObj, absent ? defaults.objectNode() : (ObjectNode) g));
            } else {
                out.set(d.getKey(), (absent ? d.getValue() : g).deepCopy());
            }
        }
        JsonNode every = defaults.get(EVERY_ENTRY);
        for (Map.Entry<String, JsonNode> g : given.properties()) {
            if (defaults.has(g.getKey()) && !g.getKey().equals(EVERY_ENTRY)) {
                continue;
            }
            // an entry of a map section, or a key no record knows (binding refuses it by name)
            JsonNode v = g.getValue();
            if (every instanceof ObjectNode e && (v.isObject() || v.isNull())) {
                out.set(g.getKey(), merge(e, v.isObject() ? (ObjectNode) v : defaults.objectNode()));
            } else {
                out.set(g.getKey(), v.deepCopy());
            }
        }
        return out;
    }
}
