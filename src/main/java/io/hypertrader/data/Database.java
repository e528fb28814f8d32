package io.hypertrader.data;

import io.hypertrader.core.UserError;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * An open DuckDB file (or in-memory database) whose schema has been brought up to date by the
 * forward {@link Migrations}. The single place that opens database files: every area gets its
 * connection from here.
 *
 * <p>Schema versions are tracked in {@code schema_version} (one row per applied migration). On
 * open, every known migration that the file lacks is applied in ascending order, each in its
 * own transaction; a file holding a version this code does not know (written by a newer build)
 * is refused rather than touched. Not thread-safe: one connection, used by one thread at a time.
 */
public final class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    static {
        // before this JVM's first connection unpacks its own copy of the driver's library
        DuckDbNativeCopies.sweepOnce();
    }

    /** How long {@link #open(Path)} waits for another process to release the file's lock. */
    public static final long LOCK_WAIT_MS = 10_000;
    private static final String IN_USE = "is in use by another process";

    private final DuckDBConnection connection;
    private final Path path;

    private Database(DuckDBConnection connection, Path path) {
        this.connection = connection;
        this.path = path;
    }

    /**
     * Opens {@code file}, creating it and its parent folders if missing, and migrates it.
     *
     * @throws UserError USAGE when the path is unusable (a directory, not a DuckDB file, parent
     *                   not creatable) or the file is newer than this code; FAILURE when another
     *                   process still holds the file's lock after {@link #LOCK_WAIT_MS}
     */
    public static Database open(Path file) {
        return waitingForLock(() -> open(file, Migrations.all(), InstantSource.system()));
    }

    /**
     * Other processes open the file per unit of work (the recorder, live runners): a lock held for
     * a moment is waited out rather than reported, for a writing open and a read-only one alike.
     */
    private static Database waitingForLock(java.util.function.Supplier<Database> opening) {
        long deadline = System.nanoTime() + LOCK_WAIT_MS * 1_000_000L;
        long sleep = 10;
        while (true) {
            try {
                return opening.get();
            } catch (UserError e) {
                if (!isLockedError(e)) {
                    throw e;
                }
                if (System.nanoTime() >= deadline) {
                    throw new UserError(e.kind(), e.getMessage() + " (waited " + LOCK_WAIT_MS / 1000 + " s)", e.getCause());
                }
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                sleep = Math.min(200, sleep * 2);
            }
        }
    }

    /** True for the error of a file locked by another process. */
    private static boolean isLockedError(UserError e) {
        return e.kind() == UserError.Kind.FAILURE && String.valueOf(e.getMessage()).contains(IN_USE);
    }

    /**
     * Opens an existing file for commands that only make sense with data in it.
     *
     * @param fix the command a user runs to get data, quoted in the error
     * @throws UserError DATA_MISSING when there is no file at {@code file}
     */
    public static Database openExisting(Path file, String fix) {
        if (!Files.exists(file)) {
            throw UserError.dataMissing("no database at " + file + "; create it with: " + fix);
        }
        return open(file);
    }

    /**
     * Opens an existing file read-only, for commands that only read ({@code runs}, {@code data list},
     * {@code verify}, ...): they work on a file or folder without write permission, never take
     * DuckDB's writer lock, and never migrate. A file whose schema is older than this build is
     * migrated first when it is writable (once, through {@link #open(Path)}); a read-only one is
     * refused with what to do.
     *
     * @param fix the command a user runs to get data, quoted in the error
     * @throws UserError DATA_MISSING when there is no file at {@code file}
     */
    public static Database openReadOnly(Path file, String fix) {
        if (!Files.exists(file)) {
            throw UserError.dataMissing("no database at " + file + "; create it with: " + fix);
        }
        return waitingForLock(() -> openReadOnly(file, Migrations.all()));
    }

    static Database openReadOnly(Path file, List<Migration> migrations) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw UserError.usage("database path " + file + " is a directory; give a file such as "
                    + abs.resolve("hypertrader.duckdb"));
        }
        Properties props = new Properties();
        props.setProperty(READ_ONLY_PROPERTY, "true");
        DuckDBConnection conn;
        try {
            conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs, props);
        } catch (SQLException e) {
            throw openError(file, e);
        }
        Database db = new Database(conn, file);
        int behind;
        try {
            behind = db.missingMigrations(migrations);
        } catch (RuntimeException | SQLException e) {
            db.close();
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(UserError.Kind.FAILURE, "cannot read the schema of database " + file + ": " + e.getMessage(), e);
        }
        if (behind == 0) {
            return db;
        }
        db.close();
        if (Files.isWritable(abs) && (abs.getParent() == null || Files.isWritable(abs.getParent()))) {
            open(file, migrations, InstantSource.system()).close();
            return openReadOnly(file, migrations);
        }
        throw UserError.usage("database " + file + " predates this build (" + behind + " schema migration(s) to apply) and"
                + " is read-only; give this user write access to it and its folder once (any command then upgrades it),"
                + " or use a copy");
    }

    /** DuckDB JDBC's connection property for a read-only open. */
    static final String READ_ONLY_PROPERTY = "duckdb.read_only";

    /** How many known migrations the file lacks; refuses a file written by a newer build. */
    private int missingMigrations(List<Migration> migrations) throws SQLException {
        TreeSet<Integer> applied = new TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getTables(null, null, "schema_version", null)) {
            if (rs.next()) {
                applied = appliedVersions();
            }
        }
        TreeSet<Integer> known = new TreeSet<>();
        migrations.forEach(m -> known.add(m.version()));
        refuseNewer(applied, known);
        TreeSet<Integer> missing = new TreeSet<>(known);
        missing.removeAll(applied);
        return missing.size();
    }

    /** A fresh in-memory database with the full schema (tests and benchmarks). */
    public static Database inMemory() {
        return inMemory(Migrations.all());
    }

    static Database inMemory(List<Migration> migrations) {
        try {
            Database db = new Database((DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:"), null);
            db.migrate(migrations, InstantSource.system());
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory DuckDB: " + e.getMessage(), e);
        }
    }

    static Database open(Path file, List<Migration> migrations, InstantSource clock) {
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw UserError.usage("database path " + file + " is a directory; give a file such as "
                    + abs.resolve("hypertrader.duckdb"));
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException | SecurityException e) {
                throw new UserError(UserError.Kind.USAGE, "cannot create the folder " + parent
                        + " for database " + file + ": " + e, e);
            }
        }
        DuckDBConnection conn;
        try {
            conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + abs);
        } catch (SQLException e) {
            throw openError(file, e);
        }
        Database db = new Database(conn, file);
        try {
            db.migrate(migrations, clock);
        } catch (RuntimeException | SQLException e) {
            db.close();
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(UserError.Kind.FAILURE, "cannot migrate database " + file + ": " + e.getMessage(), e);
        }
        return db;
    }

    private static UserError openError(Path file, SQLException e) {
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (lower.contains("lock")) {
            return new UserError(UserError.Kind.FAILURE, "database " + file
                    + " " + IN_USE + " (DuckDB allows one writer); close it and retry", e);
        }
        if (lower.contains("already attached")) { // this process's last connection is closing it: a moment later it opens
            return new UserError(UserError.Kind.FAILURE, "database " + file + " is already attached by a connection of this"
                    + " process that is closing it; retry", e);
        }
        if (lower.contains("not a valid duckdb") || lower.contains("magic") || lower.contains("corrupt")) {
            return new UserError(UserError.Kind.USAGE, "database path " + file
                    + " is not a DuckDB database file (" + firstLine(msg) + ")", e);
        }
        return new UserError(UserError.Kind.USAGE, "cannot open database " + file + ": " + firstLine(msg), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void migrate(List<Migration> migrations, InstantSource clock) throws SQLException {
        checkOrder(migrations);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at_ms BIGINT NOT NULL)");
        }
        TreeSet<Integer> applied = appliedVersions();
        TreeSet<Integer> known = new TreeSet<>();
        migrations.forEach(m -> known.add(m.version()));
        refuseNewer(applied, known);
        for (Migration m : migrations) {
            if (applied.contains(m.version())) {
                continue;
            }
            inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    for (String sql : m.statements()) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, name, applied_at_ms) VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.name());
                    ps.setLong(3, clock.millis());
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private void refuseNewer(TreeSet<Integer> applied, TreeSet<Integer> known) {
        TreeSet<Integer> unknown = new TreeSet<>(applied);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw UserError.usage("database " + describe() + " has schema version " + unknown.last()
                    + " but this build of HyperTrader knows only up to " + (known.isEmpty() ? 0 : known.last())
                    + "; it was written by a newer version: upgrade HyperTrader or use another --db file");
        }
    }

    private static void checkOrder(List<Migration> migrations) {
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
                throw new IllegalStateException("migrations out of order at version " + migrations.get(i).version());
            }
        }
    }

    private TreeSet<Integer> appliedVersions() throws SQLException {
        TreeSet<Integer> out = new TreeSet<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** The highest applied migration version (0 for an empty schema). */
    public int schemaVersion() {
        try {
            TreeSet<Integer> v = appliedVersions();
            return v.isEmpty() ? 0 : v.last();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read schema_version: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it
     * throws (the exception is rethrown). A call inside another's work joins the enclosing
     * transaction (it commits or rolls back with it), so several store calls can be made one
     * atomic write (see {@code DbAccess.atomic}).
     *
     * <p>A failed commit (a full disk, a key another connection committed first) needs care: the
     * DuckDB driver (2.0) keeps its own "a transaction is running" flag and clears it only when a
     * {@code COMMIT} or {@code ROLLBACK} succeeds, but DuckDB has already ended the transaction.
     * Left so, the driver never begins another one on this connection: every later "transaction"
     * would write statement by statement and fail at its commit with "cannot commit - no
     * transaction is active", and switching auto-commit back on would commit once more and throw
     * that same message in place of the real error. {@link #rollbackAfter} puts the driver back in
     * step.
     */
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        boolean auto = connection.getAutoCommit();
        if (!auto) {
            return work.run(connection); // nested: the outer transaction commits or rolls back
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackAfter(e);
            throw e;
        } finally {
            connection.setAutoCommit(auto); // nothing left to commit after commit() or rollbackAfter
        }
    }

    /**
     * Rolls back after {@code failure}. When DuckDB has already ended the transaction (its commit
     * failed) the driver still believes one runs and its {@code ROLLBACK} fails: then a transaction
     * is begun by hand and rolled back, which clears the driver's flag.
     */
    private void rollbackAfter(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException r) {
            if (!String.valueOf(r.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(r);
                return;
            }
            try {
                try (Statement st = connection.createStatement()) {
                    st.execute("BEGIN TRANSACTION"); // the driver adds none: it thinks one is running
                }
                connection.rollback();
            } catch (SQLException again) {
                failure.addSuppressed(again);
            }
        }
    }

    /**
     * Another connection to the same open database (DuckDB's {@code duplicate}): its own
     * transactions, the same instance and file, no second open. Close each one; the database
     * stays open until this one is closed too.
     */
    public Database duplicate() {
        try {
            return new Database((DuckDBConnection) connection.duplicate(), path);
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot open another connection to database " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC connection (DuckDB's, so the Appender is available). */
    public DuckDBConnection connection() {
        return connection;
    }

    /** The file, or null for an in-memory database. */
    public Path path() {
        return path;
    }

    private String describe() {
        return path == null ? "(in memory)" : path.toString();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close database " + describe() + ": " + e.getMessage(), e);
        }
    }
}
