package io.hypertrader.strategy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The field list of one kind of {@link StatefulStrategy}'s state, declared once and used both
 * ways, so that what {@link #write} saves and what {@link #read} restores cannot drift apart.
 * Each field is a key, how to read it from the strategy and how to set it back; identity fields
 * (coin, parameters) are written and, on restore, must equal the restoring strategy's own.
 *
 * <p>{@link #read} is all or nothing: it checks the kind, the version, the identity fields, that
 * every field is present and no other, and parses every value before it sets anything, so a
 * refused state leaves the strategy as it was.
 *
 * <p>Declare it once, in a static initializer (the declaring methods add to this instance).
 *
 * @param <S> the strategy class (the accessors are usually lambdas over its private fields)
 */
public final class StateSchema<S> {

    private record Field<S>(String key, Function<S, String> write, Function<StrategyState, Object> read,
                            BiConsumer<S, Object> apply, String identityHint) {
    }

    private final String kind;
    private final int version;
    private final List<Field<S>> fields = new ArrayList<>();
    private Function<S, String> nameOf;
    private Function<StrategyState, Object> readName;
    private BiConsumer<S, Object> applyName;

    private StateSchema(String kind, int version) {
        this.kind = kind;
        this.version = version;
    }

    /** A schema for states of {@code kind} (e.g. "fib-hedge") at {@code version}; bump it whenever the field list changes. */
    public static <S> StateSchema<S> of(String kind, int version) {
        return new StateSchema<>(kind, version);
    }

    public String kind() {
        return kind;
    }

    public int version() {
        return version;
    }

    /** The state's name (first token of the text): an enum constant's name. */
    @SuppressWarnings("unchecked")
    public <E extends Enum<E>> StateSchema<S> name(Class<E> type, Function<S, E> get, BiConsumer<S, E> set) {
        nameOf = s -> get.apply(s).name();
        readName = st -> StrategyState.enumOf("state", st.name(), type);
        applyName = (s, v) -> set.accept(s, (E) v);
        return this;
    }

    /**
     * A field that says whose state this is (coin, thesis, parameter fingerprint): written like
     * any other, and on restore it must equal the restoring strategy's value, or the state is
     * refused with {@code hint} (e.g. "the state belongs to another coin").
     */
    public StateSchema<S> identity(String key, Function<S, String> get, String hint) {
        fields.add(new Field<>(key, get, st -> null, (s, v) -> {
        }, hint));
        return this;
    }

    public StateSchema<S> number(String key, ToDoubleFunction<S> get, ObjDoubleConsumer<S> set) {
        return add(key, s -> StrategyState.formatDouble(get.applyAsDouble(s)), st -> st.getDouble(key),
                (s, v) -> set.accept(s, (Double) v));
    }

    public StateSchema<S> integer(String key, ToIntFunction<S> get, ObjIntConsumer<S> set) {
        return add(key, s -> Integer.toString(get.applyAsInt(s)), st -> st.getInt(key), (s, v) -> set.accept(s, (Integer) v));
    }

    public StateSchema<S> whole(String key, ToLongFunction<S> get, ObjLongConsumer<S> set) {
        return add(key, s -> Long.toString(get.applyAsLong(s)), st -> st.getLong(key), (s, v) -> set.accept(s, (Long) v));
    }

    public StateSchema<S> flag(String key, Predicate<S> get, BiConsumer<S, Boolean> set) {
        return add(key, s -> Boolean.toString(get.test(s)), st -> st.getBoolean(key), (s, v) -> set.accept(s, (Boolean) v));
    }

    @SuppressWarnings("unchecked")
    public <E extends Enum<E>> StateSchema<S> choice(String key, Class<E> type, Function<S, E> get, BiConsumer<S, E> set) {
        return add(key, s -> get.apply(s).name(), st -> st.getEnum(key, type), (s, v) -> set.accept(s, (E) v));
    }

    private StateSchema<S> add(String key, Function<S, String> write, Function<StrategyState, Object> read,
                               BiConsumer<S, Object> apply) {
        for (Field<S> f : fields) {
            if (f.key().equals(key)) {
                throw new IllegalArgumentException("state key '" + key + "' declared twice");
            }
        }
        fields.add(new Field<>(key, write, read, apply, null));
        return this;
    }

    /** The keys in text order (identity fields included). */
    public List<String> keys() {
        return fields.stream().map(Field::key).toList();
    }

    /** The strategy's state now. */
    public StrategyState write(S s) {
        if (nameOf == null) {
            throw new IllegalStateException("the " + kind + " state schema declares no name(...): the state's first token");
        }
        StrategyState.Builder b = StrategyState.builder(nameOf.apply(s), kind, version);
        for (Field<S> f : fields) {
            b.put(f.key(), f.write().apply(s));
        }
        return b.build();
    }

    /** Checks {@code state} against this schema and {@code s}'s identity, then sets every field of {@code s}; all or nothing. */
    public void read(StrategyState state, S s) {
        if (readName == null) {
            throw new IllegalStateException("the " + kind + " state schema declares no name(...): the state's first token");
        }
        if (!state.strategy().equals(kind)) {
            throw new StrategyStateException("a " + state.strategy() + " state cannot be restored into a " + kind
                    + " strategy");
        }
        if (state.version() != version) {
            throw new StrategyStateException("the " + kind + " state is version " + state.version() + " but this build reads"
                    + " version " + version + (state.version() > version ? " (it was written by a newer build)" : ""));
        }
        for (Field<S> f : fields) {
            if (f.identityHint() != null) {
                String mine = f.write().apply(s);
                String theirs = state.text(f.key());
                if (!mine.equals(theirs)) {
                    throw new StrategyStateException("state field '" + f.key() + "' is " + theirs + " but this strategy's is "
                            + mine + ": " + f.identityHint());
                }
            }
        }
        Set<String> expected = new LinkedHashSet<>(keys());
        List<String> missing = expected.stream().filter(k -> !state.has(k)).toList();
        List<String> unknown = state.keys().stream().filter(k -> !expected.contains(k)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new StrategyStateException("the " + kind + " version " + version + " state "
                    + (missing.isEmpty() ? "" : "lacks " + missing) + (missing.isEmpty() || unknown.isEmpty() ? "" : " and ")
                    + (unknown.isEmpty() ? "" : "has unknown fields " + unknown));
        }
        Object name = readName.apply(state);
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).read().apply(state);
        }
        applyName.accept(s, name);
        for (int i = 0; i < values.length; i++) {
            fields.get(i).apply().accept(s, values[i]);
        }
    }
}
