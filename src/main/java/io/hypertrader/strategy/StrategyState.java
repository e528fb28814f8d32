package io.hypertrader.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The whole state of a {@link StatefulStrategy} at one moment, as an immutable value with a
 * stable, human-readable text form that a runner journals and reads back after a crash.
 *
 * <p><b>Text form</b> (one line, fields separated by single spaces):
 * <pre>
 *   STATE strategy=KIND version=N key=value key=value ...
 *   HEDGED strategy=fib-hedge version=1 coin=BTC thesis=bull params=3f0c9a61e2b7 q=0.73 e=65012.5 ...
 * </pre>
 * <ul>
 *   <li>The first token is the state's name ({@code [A-Z][A-Z0-9_]*}), so a journal line whose
 *       detail is this text starts with it ({@code restore} lines: "HEDGED ...").</li>
 *   <li>{@code strategy} names the kind of strategy the state belongs to ({@code fib-hedge}),
 *       {@code version} the version of that strategy's field list; a strategy refuses a state of
 *       another kind or of a version it does not read.</li>
 *   <li>Then the strategy's own fields in a fixed order. Keys are {@code [A-Za-z][A-Za-z0-9_.-]*};
 *       values are non-empty and contain no whitespace.</li>
 *   <li>Doubles are written exactly: {@link Double#toString} (the shortest decimal that reads back
 *       as the same double, so {@code 0.1}, {@code -0.0}, {@code 4.9E-324}, {@code Infinity},
 *       {@code -Infinity}), {@code NaN} for Java's canonical NaN, and {@code NaN:0x7ff0000000000001}
 *       (the raw bits) for any other NaN. Reading them back gives the same 64 bits.</li>
 * </ul>
 * {@code parse(s.format()).equals(s)} holds for every state; two states are equal exactly when
 * their texts are (so equal states hold bit-identical doubles).
 */
public final class StrategyState {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*");
    private static final String NAN_BITS = "NaN:0x";
    private static final long CANONICAL_NAN = Double.doubleToRawLongBits(Double.NaN);

    private final String name;
    private final String strategy;
    private final int version;
    private final List<String> keys;
    private final List<String> values;
    private final Map<String, Integer> index;

    private StrategyState(String name, String strategy, int version, List<String> keys, List<String> values) {
        this.name = name;
        this.strategy = strategy;
        this.version = version;
        this.keys = List.copyOf(keys);
        this.values = List.copyOf(values);
        Map<String, Integer> ix = new HashMap<>();
        for (int i = 0; i < this.keys.size(); i++) {
            if (ix.put(this.keys.get(i), i) != null) {
                throw new StrategyStateException("state field '" + this.keys.get(i) + "' appears twice");
            }
        }
        this.index = ix;
    }

    /** A new state named {@code name} (e.g. "HEDGED") of strategy kind {@code strategy} (e.g. "fib-hedge"). */
    public static Builder builder(String name, String strategy, int version) {
        return new Builder(name, strategy, version);
    }

    /** The state's name: the first token of the text. */
    public String name() {
        return name;
    }

    /** The kind of strategy this state belongs to. */
    public String strategy() {
        return strategy;
    }

    /** The version of the strategy's field list. */
    public int version() {
        return version;
    }

    /** The strategy's own keys, in text order (without the state name, strategy and version). */
    public List<String> keys() {
        return keys;
    }

    public boolean has(String key) {
        return index.containsKey(key);
    }

    /** The raw text of a field. */
    public String text(String key) {
        Integer i = index.get(key);
        if (i == null) {
            throw new StrategyStateException(strategy + " state (version " + version + ") has no field '" + key + "'");
        }
        return values.get(i);
    }

    public double getDouble(String key) {
        String v = text(key);
        try {
            return parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "not a number");
        }
    }

    public long getLong(String key) {
        String v = text(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "not a whole number");
        }
    }

    public int getInt(String key) {
        String v = text(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "not a whole number of at most 10 digits");
        }
    }

    public boolean getBoolean(String key) {
        String v = text(key);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "not true or false");
        };
    }

    public <E extends Enum<E>> E getEnum(String key, Class<E> type) {
        return enumOf(key, text(key), type);
    }

    /** The constant of {@code type} named {@code v} (as {@link Enum#name}), or an error naming the field and the choices. */
    public static <E extends Enum<E>> E enumOf(String key, String v, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw bad(key, v, "not one of " + String.join(", ", names));
    }

    private static StrategyStateException bad(String key, String value, String why) {
        return new StrategyStateException("state field '" + key + "' is '" + value + "': " + why);
    }

    /** The one-line text form (see the class comment). */
    public String format() {
        StringBuilder b = new StringBuilder(32 + 24 * keys.size());
        b.append(name).append(" strategy=").append(strategy).append(" version=").append(version);
        for (int i = 0; i < keys.size(); i++) {
            b.append(' ').append(keys.get(i)).append('=').append(values.get(i));
        }
        return b.toString();
    }

    /**
     * Reads a text written by {@link #format}. Runs of whitespace count as one separator (a
     * journal may re-wrap a line); anything else malformed is refused with a message naming the
     * token and the rule.
     */
    public static StrategyState parse(String text) {
        if (text == null || text.isBlank()) {
            throw new StrategyStateException("empty strategy state");
        }
        List<String> tokens = tokens(text);
        if (tokens.size() < 3 || !tokens.get(1).startsWith("strategy=") || !tokens.get(2).startsWith("version=")) {
            throw new StrategyStateException("a strategy state starts 'STATE strategy=KIND version=N', got '"
                    + abbreviate(text) + "'");
        }
        String strategy = tokens.get(1).substring("strategy=".length());
        String v = tokens.get(2).substring("version=".length());
        int version;
        try {
            version = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new StrategyStateException("state version '" + v + "' is not a whole number");
        }
        Builder b = new Builder(tokens.get(0), strategy, version);
        for (int i = 3; i < tokens.size(); i++) {
            String t = tokens.get(i);
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new StrategyStateException("state token '" + t + "' is not key=value");
            }
            b.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return b.build();
    }

    /** The text's tokens between runs of whitespace (by hand: a runner may parse a state per journal line). */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>(64);
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    /** [A-Za-z][A-Za-z0-9_.-]* without a regex: a snapshot checks every key, possibly after every callback. */
    private static boolean isKey(String k) {
        if (k == null || k.isEmpty() || !isLetter(k.charAt(0))) {
            return false;
        }
        for (int i = 1; i < k.length(); i++) {
            char c = k.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Non-empty, no whitespace. */
    private static boolean isValue(String v) {
        if (v == null || v.isEmpty()) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** A double as exact text: the same 64 bits come back from {@link #parseDouble}. */
    public static String formatDouble(double v) {
        if (v != v) {
            long bits = Double.doubleToRawLongBits(v);
            return bits == CANONICAL_NAN ? "NaN" : NAN_BITS + String.format(Locale.ROOT, "%016x", bits);
        }
        return Double.toString(v);
    }

    /** Reads what {@link #formatDouble} wrote (and plain decimals); refuses hex floats and d/f suffixes. */
    public static double parseDouble(String s) {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "Infinity":
            case "+Infinity":
                return Double.POSITIVE_INFINITY;
            case "-Infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (s.startsWith(NAN_BITS) && s.length() == NAN_BITS.length() + 16) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(s.substring(NAN_BITS.length()), 16));
            if (v == v) {
                throw new NumberFormatException(s + " is not a NaN bit pattern");
            }
            return v;
        }
        // plain decimals only (as Double.toString writes them and people type them): Double.parseDouble
        // would also take hex floats, d/f suffixes and surrounding blanks
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                throw new NumberFormatException(s);
            }
        }
        return Double.parseDouble(s);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof StrategyState s && version == s.version && name.equals(s.name)
                && strategy.equals(s.strategy) && keys.equals(s.keys) && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, strategy, version, keys, values);
    }

    /** The text form. */
    @Override
    public String toString() {
        return format();
    }

    /** Collects the fields of one state, in order. */
    public static final class Builder {
        private final String name;
        private final String strategy;
        private final int version;
        private final List<String> keys = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        private Builder(String name, String strategy, int version) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new StrategyStateException("state name '" + name + "' must match " + NAME.pattern()
                        + " (e.g. HEDGED)");
            }
            if (strategy == null || !KIND.matcher(strategy).matches()) {
                throw new StrategyStateException("strategy kind '" + strategy + "' must match " + KIND.pattern()
                        + " (e.g. fib-hedge)");
            }
            this.name = name;
            this.strategy = strategy;
            this.version = version;
        }

        /** A field as text: non-empty, no whitespace. */
        public Builder put(String key, String value) {
            if (!isKey(key) || key.equals("strategy") || key.equals("version")) {
                throw new StrategyStateException("state key '" + key + "' must match [A-Za-z][A-Za-z0-9_.-]*"
                        + " and not be 'strategy' or 'version'");
            }
            if (!isValue(value)) {
                throw new StrategyStateException("state field '" + key + "' needs a value without whitespace, got '"
                        + value + "'");
            }
            keys.add(key);
            values.add(value);
            return this;
        }

        public Builder put(String key, double value) {
            return put(key, formatDouble(value));
        }

        public Builder put(String key, long value) {
            return put(key, Long.toString(value));
        }

        public Builder put(String key, boolean value) {
            return put(key, Boolean.toString(value));
        }

        public Builder put(String key, Enum<?> value) {
            return put(key, value.name());
        }

        public StrategyState build() {
            return new StrategyState(name, strategy, version, keys, values);
        }
    }
}
