package io.hypertrader.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One forward schema migration: a version number, a short name and the SQL statements that take
 * a database from the previous state to this one. {@link Database} runs all statements of one
 * migration, and records it in {@code schema_version}, in a single transaction.
 *
 * <p>Version numbers are reserved per area so branches never collide: 1 market data, 2 backtest
 * runs, 3 sweeps/analytics, 4 live trading; later ones continue from 5. A migration, once
 * released, is never edited: change the schema with a new one.
 */
public record Migration(int version, String name, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1, got " + version);
        }
        Objects.requireNonNull(name, "name");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " has no statements");
        }
    }

    /**
     * Loads a migration from a classpath resource holding SQL statements, each ending with a
     * semicolon at the end of a line. Lines starting with {@code --} are comments.
     *
     * @param resource path relative to this package, e.g. {@code "migrations/V1__market_data.sql"}
     */
    public static Migration fromResource(int version, String name, String resource) {
        try (InputStream in = Migration.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource not found: " + resource);
            }
            return new Migration(version, name, split(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource, e);
        }
    }

    /** Splits a script at lines ending in ';' (statements never hold such a line inside). */
    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
