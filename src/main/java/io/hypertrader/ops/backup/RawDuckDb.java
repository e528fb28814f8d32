package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;
import io.hypertrader.data.DuckDbNativeCopies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DuckDB connections for backup and restore, deliberately without {@code data.Database}'s
 * migrations: a backup must copy a file as it is (an old schema stays old), and a restore checks
 * the copy before migrating it. Opening waits for another process's lock like the runners do
 * (docs/live.md "Stop": runners hold the file for one short unit of work at a time).
 */
final class RawDuckDb {
    static {
        DuckDbNativeCopies.sweepOnce(); // as data.Database does, before the driver unpacks its library
    }

    private RawDuckDb() {
    }

    /** Opens {@code file}, retrying while another process holds its lock, for up to {@code lockWait}. */
    static Connection open(Path file, Duration lockWait) {
        long deadline = System.nanoTime() + lockWait.toNanos();
        long sleep = 10;
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            } catch (SQLException e) {
                String msg = String.valueOf(e.getMessage());
                String lower = msg.toLowerCase(Locale.ROOT);
                // another process's lock, or a connection of this process closing the file this instant
                boolean locked = lower.contains("lock") || lower.contains("already attached");
                if (!locked) {
                    throw new UserError(UserError.Kind.USAGE, "cannot open database " + file + ": " + firstLine(msg), e);
                }
                if (System.nanoTime() >= deadline) {
                    throw new UserError(UserError.Kind.FAILURE, "database " + file + " stayed locked by another process for "
                            + lockWait.toSeconds() + " s; try again (runners release it between units of work)", e);
                }
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new UserError(UserError.Kind.FAILURE, "interrupted while waiting for the lock of " + file, ie);
                }
                sleep = Math.min(200, sleep * 2);
            }
        }
    }

    /** An in-memory DuckDB (for reading Parquet files). */
    static Connection memory() throws SQLException {
        return DriverManager.getConnection("jdbc:duckdb:");
    }

    /** The user tables of the main schema, by name. */
    static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Applied migration versions, ascending (empty without a schema_version table). */
    static List<Integer> versions(Connection c) throws SQLException {
        if (!tables(c).contains("schema_version")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + ident(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Deletes a folder tree or file if present (a half-written backup or restore). */
    static void deleteTree(Path p) {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.deleteIfExists(x);
                } catch (java.io.IOException ignored) {
                    // best effort: retention removes leftovers later
                }
            });
        } catch (java.io.IOException ignored) {
            // best effort
        }
    }
}
