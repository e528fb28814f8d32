package io.hypertrader.strategy.rules;

import io.hypertrader.core.InvalidFieldException;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The {@code params:} of a filters or rules section: named numbers the expressions use, sorted by name. */
final class RuleParams {
    private RuleParams() {
    }

    static Map<String, Double> copy(Map<String, Double> params) {
        Map<String, Double> out = new TreeMap<>();
        if (params != null) {
            for (var e : params.entrySet()) {
                String name = e.getKey();
                if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidFieldException("params", String.valueOf(name),
                            "a parameter name is a letter or '_' followed by letters, digits or '_'");
                }
                Double v = e.getValue();
                if (v == null || !Double.isFinite(v)) {
                    throw new InvalidFieldException("params." + name, String.valueOf(v), "must be a finite number");
                }
                out.put(name, v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Checks one expression field; null is "none". */
    static void check(String field, String expression, Map<String, Double> params) {
        if (expression == null) {
            return;
        }
        try {
            RuleCompiler.check(expression, params);
        } catch (RuleSyntaxException e) {
            throw new InvalidFieldException(field, expression, "at " + (e.position() + 1) + ": " + e.problem());
        }
    }

    /** Canonical text of the params, for a strategy's trading-rules line. */
    static String text(Map<String, Double> params) {
        StringBuilder b = new StringBuilder("{");
        params.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(v));
        return b.append('}').toString();
    }
}
