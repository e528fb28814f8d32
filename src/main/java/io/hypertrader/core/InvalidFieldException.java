package io.hypertrader.core;

/**
 * A record refused one of its fields: which one (its name in config files, relative to the record,
 * e.g. {@code "scale"} or {@code "weights.BTC"}), the value as the record saw it, and the rule it
 * breaks. The config loader prefixes the file and the record's path, so a user reads
 * {@code config/fib-hedge.yaml: strategy.levels.scale = 0.3: ratios must be strictly ascending ...}.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;
    private final String value;
    private final String rule;

    public InvalidFieldException(String field, String value, String rule) {
        super(field + " = " + value + ": " + rule);
        this.field = field;
        this.value = value;
        this.rule = rule;
    }

    /** The field's name relative to the record that refused it (dotted when nested, e.g. {@code weights.BTC}). */
    public String field() {
        return field;
    }

    /** The refused value as text (numbers as {@link FieldCheck#fmt}, lists and maps as written). */
    public String value() {
        return value;
    }

    /** The rule it breaks, e.g. {@code out of range: must be in (0, 1)}. */
    public String rule() {
        return rule;
    }
}
