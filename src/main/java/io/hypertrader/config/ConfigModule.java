package io.hypertrader.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How config values map to Java values, strictly: a number field takes a number (not the text
 * "0.5", not {@code true}); a whole-number field takes a whole number (3 or 3.0, not 3.5, which
 * Jackson would otherwise truncate); a true/false field takes a boolean; a text field takes a
 * single value. Enums are written and read in kebab case ({@code sqrt-impact}, also accepted as
 * {@code SQRT_IMPACT}), intervals by their wire name, coins by name (also as map keys), and the
 * exposure legs as {@code long}/{@code short}. A refusal is a {@link Refusal} carrying the rule;
 * Jackson adds the field path as it unwinds and {@link Binder} words the message.
 */
final class ConfigModule extends SimpleModule {

    ConfigModule() {
        super("hypertrader-config");
        ScalarDeserializer<Double> number = new ScalarDeserializer<>(Double.class, ConfigModule::number);
        addDeserializer(Double.class, number);
        addDeserializer(double.class, number);
        ScalarDeserializer<Integer> whole = new ScalarDeserializer<>(Integer.class, (p, c) -> (int) whole(p, Integer.MIN_VALUE, Integer.MAX_VALUE));
        addDeserializer(Integer.class, whole);
        addDeserializer(int.class, whole);
        ScalarDeserializer<Long> wholeLong = new ScalarDeserializer<>(Long.class, (p, c) -> whole(p, Long.MIN_VALUE, Long.MAX_VALUE));
        addDeserializer(Long.class, wholeLong);
        addDeserializer(long.class, wholeLong);
        ScalarDeserializer<Boolean> bool = new ScalarDeserializer<>(Boolean.class, ConfigModule::bool);
        addDeserializer(Boolean.class, bool);
        addDeserializer(boolean.class, bool);
        addDeserializer(String.class, new TextDeserializer<>(String.class, s -> s));
        addDeserializer(Coin.class, new TextDeserializer<>(Coin.class, Coin::of));
        addKeyDeserializer(Coin.class, new CoinKeyDeserializer());
        addSerializer(Coin.class, new TextSerializer<>(Coin.class, Coin::name));
        addSerializer(Interval.class, new TextSerializer<>(Interval.class, Interval::code));
        @SuppressWarnings({"unchecked", "rawtypes"})
        TextSerializer<Enum<?>> kebab = new TextSerializer<>((Class) Enum.class, ConfigModule::kebab);
        addSerializer(kebab);
        setMixInAnnotation(FibHedgeParams.Target.class, TargetLegs.class);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new EnumDeserializers());
    }

    /** An enum constant as configs spell it: lower case, words joined by '-'. */
    static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * A refused value: the rule it breaks; Jackson prepends the field path. {@code key} names a bad
     * map key; {@code quoteText}: show a text value in quotes (a number field given 'abc'), not for
     * fields that take text (an interval given 7h).
     */
    static final class Refusal extends JsonMappingException {
        final String key;
        final boolean quoteText;

        Refusal(JsonParser p, String rule) {
            this(p, rule, null, true);
        }

        Refusal(JsonParser p, String rule, String key, boolean quoteText) {
            super(p, rule);
            this.key = key;
            this.quoteText = quoteText;
        }
    }

    private static double number(JsonParser p, DeserializationContext c) throws IOException {
        if (p.currentToken().isNumeric()) {
            return p.getDoubleValue();
        }
        if (p.currentToken() == JsonToken.VALUE_STRING && isNonFinite(p.getText())) {
            throw new Refusal(p, "must be a finite number (NaN and infinity are not values a config takes)");
        }
        throw new Refusal(p, "must be a number");
    }

    private static boolean isNonFinite(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace(".", "");
        return List.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity").contains(t);
    }

    /** A whole number: an integer, or a float with no fraction (3.0), within [lo, hi]. */
    private static long whole(JsonParser p, long lo, long hi) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d != Math.rint(d)) {
                throw new Refusal(p, "must be a whole number");
            }
            if (d < lo || d > hi) {
                throw new Refusal(p, "out of range: must be a whole number in [" + lo + ", " + hi + "]");
            }
            return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : (long) d;
        }
        if (t == JsonToken.VALUE_STRING && isNonFinite(p.getText())) {
            throw new Refusal(p, "must be a whole number (NaN and infinity are not values a config takes)");
        }
        throw new Refusal(p, "must be a whole number");
    }

    private static boolean bool(JsonParser p, DeserializationContext c) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw new Refusal(p, "must be true or false");
        };
    }

    /** The text of a single value (numbers and booleans as written), trimmed; a mapping or list is refused. */
    private static String text(JsonParser p) throws IOException {
        if (!p.currentToken().isScalarValue() || p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new Refusal(p, "must be a single value", null, false);
        }
        return p.getText().trim();
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(JsonParser p, DeserializationContext c) throws IOException;
    }

    private static final class ScalarDeserializer<T> extends StdScalarDeserializer<T> {
        private final transient Reader<T> reader;

        ScalarDeserializer(Class<T> type, Reader<T> reader) {
            super(type);
            this.reader = reader;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
            return reader.read(p, c);
        }
    }

    /** A value read from text ({@code parse} may refuse with an IllegalArgumentException naming the rule). */
    private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        TextDeserializer(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext c) throws IOException {
            String s = text(p);
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw new Refusal(p, e.getMessage(), null, false);
            }
        }
    }

    private static final class CoinKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext c) throws IOException {
            try {
                return Coin.of(key);
            } catch (IllegalArgumentException e) {
                throw new Refusal(c.getParser(), e.getMessage(), key, false);
            }
        }
    }

    private static final class TextSerializer<T> extends StdSerializer<T> {
        private final transient Function<T, String> text;

        TextSerializer(Class<T> type, Function<T, String> text) {
            super(type);
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeString(text.apply(value));
        }
    }

    /** Enums by kebab-case name (case and '_' or '-' free on input); intervals by wire name. */
    private static final class EnumDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config, BeanDescription desc) {
            if (type == Interval.class) {
                return new TextDeserializer<>(Interval.class, Interval::parse);
            }
            return new KebabEnumDeserializer(type);
        }
    }

    private static final class KebabEnumDeserializer extends StdScalarDeserializer<Object> {
        private final transient Enum<?>[] constants;

        KebabEnumDeserializer(Class<?> type) {
            super(type);
            this.constants = (Enum<?>[]) type.getEnumConstants();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext c) throws IOException {
            String t = p.currentToken().isScalarValue() ? p.getText().trim().toLowerCase(Locale.ROOT).replace('_', '-') : "";
            List<String> names = new ArrayList<>();
            for (Enum<?> e : constants) {
                if (kebab(e).equals(t)) {
                    return e;
                }
                names.add(kebab(e));
            }
            throw new Refusal(p, "must be one of " + String.join(", ", names), null, false);
        }
    }

    /** The exposure legs are {@code long} and {@code short} in configs (Java keywords, so longLeg/shortLeg in the record). */
    abstract static class TargetLegs {
        @JsonCreator
        TargetLegs(@JsonProperty("long") double longLeg, @JsonProperty("short") double shortLeg) {
        }

        @JsonProperty("long")
        abstract double longLeg();

        @JsonProperty("short")
        abstract double shortLeg();
    }
}
