package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes a backup in two steps. {@link #snapshot} holds the database for the time of one DuckDB
 * {@code EXPORT DATABASE ... (FORMAT PARQUET)}, run inside one transaction with the row counts, so
 * the copy is one consistent moment even while threads of this process write (DuckDB's MVCC) and
 * other processes wait for the file's lock as they do for any command. {@link Snapshot#seal} then
 * works on the files alone: hashes every table's Parquet, checks the counts, writes the manifest
 * and renames the temporary folder into place, so a backup folder is complete or absent.
 */
public final class BackupWriter {

    /** Folder names: {@code hypertrader-20260101T000000Z}; retention only ever touches these. */
    static final String PREFIX = "hypertrader-";
    static final String INCOMPLETE = ".incomplete-";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern COPY = Pattern.compile("(?m)^COPY (\\S+) FROM '([^']*)'(.*)$");

    private BackupWriter() {
    }

    /** A backup from start to end on the calling thread. */
    public static BackupResult create(Path db, Path root, InstantSource clock, Duration lockWait) {
        return snapshot(db, root, clock, lockWait).seal();
    }

    /** Opens the database for an export and hands the connection back when done. */
    @FunctionalInterface
    public interface Access {
        /** Runs {@code export} on an open connection to the database (not closed by the export). */
        <T> T withConnection(SqlFunction<T> export) throws SQLException;
    }

    /** One step on an open connection. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    /** A connection of its own, waiting up to {@code lockWait} for another process's lock (the {@code backup} command). */
    public static Access ownConnection(Path db, Duration lockWait) {
        return new Access() {
            @Override
            public <T> T withConnection(SqlFunction<T> export) throws SQLException {
                try (Connection c = RawDuckDb.open(db, lockWait)) {
                    return export.apply(c);
                }
            }
        };
    }

    /**
     * Step 1: the locked part. Exports {@code db} into a temporary folder under {@code root}.
     *
     * @throws UserError DATA_MISSING when there is no database; FAILURE when it stays locked or the export fails
     */
    public static Snapshot snapshot(Path db, Path root, InstantSource clock, Duration lockWait) {
        return snapshot(db, root, clock, ownConnection(db, lockWait));
    }

    /**
     * Step 1 through {@code access}: a process whose threads already use the database (runners)
     * exports over a connection of theirs, so the export takes its turn with them instead of
     * opening the file a second time.
     */
    public static Snapshot snapshot(Path db, Path root, InstantSource clock, Access access) {
        if (!Files.isRegularFile(db)) {
            throw UserError.dataMissing("no database at " + db + " to back up");
        }
        Instant created = Instant.ofEpochMilli(clock.millis());
        Path tmp;
        try {
            Files.createDirectories(root);
            tmp = Files.createTempDirectory(root, INCOMPLETE + PREFIX + STAMP.format(created) + "-");
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot create a backup folder in " + root + ": " + e.getMessage(), e);
        }
        try {
            return access.withConnection(c -> export(c, db, root, tmp, created));
        } catch (SQLException | RuntimeException e) {
            RawDuckDb.deleteTree(tmp);
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(UserError.Kind.FAILURE, "backup of " + db + " failed: " + RawDuckDb.firstLine(String.valueOf(e.getMessage())), e);
        }
    }

    private static Snapshot export(Connection c, Path db, Path root, Path tmp, Instant created) throws SQLException {
        long t0 = System.nanoTime(); // held from here: waiting for another process's lock is not holding
        // one read transaction: the counts and the export see the same snapshot. Explicit statements, not
        // JDBC's auto-commit switch, for the reason data.Database.inTransaction gives (a failed commit must not
        // be reported as "no transaction is active")
        try (Statement begin = c.createStatement()) {
            begin.execute("BEGIN TRANSACTION");
        }
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String t : RawDuckDb.tables(c)) {
                counts.put(t, RawDuckDb.count(c, t));
            }
            List<Integer> versions = RawDuckDb.versions(c);
            String duck;
            try (Statement st = c.createStatement()) {
                st.execute("EXPORT DATABASE " + RawDuckDb.literal(tmp.toString()) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
                try (ResultSet rs = st.executeQuery("SELECT version()")) {
                    rs.next();
                    duck = rs.getString(1);
                }
            }
            try (Statement commit = c.createStatement()) {
                commit.execute("COMMIT");
            }
            long heldMs = (System.nanoTime() - t0) / 1_000_000;
            return new Snapshot(db, root, tmp, created, counts, versions, duck, heldMs);
        } catch (SQLException | RuntimeException e) {
            try (Statement rollback = c.createStatement()) {
                rollback.execute("ROLLBACK");
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    /** An exported, not yet checked or named, backup (see {@link #seal}). */
    public static final class Snapshot {
        private final Path db;
        private final Path root;
        private final Path tmp;
        private final Instant created;
        private final Map<String, Long> counts;
        private final List<Integer> versions;
        private final String duckdbVersion;
        private final long lockHeldMs;

        Snapshot(Path db, Path root, Path tmp, Instant created, Map<String, Long> counts, List<Integer> versions, String duckdbVersion,
                 long lockHeldMs) {
            this.db = db;
            this.root = root;
            this.tmp = tmp;
            this.created = created;
            this.counts = counts;
            this.versions = versions;
            this.duckdbVersion = duckdbVersion;
            this.lockHeldMs = lockHeldMs;
        }

        public Instant created() {
            return created;
        }

        /** How long the database was held for the export, ms. */
        public long lockHeldMs() {
            return lockHeldMs;
        }

        /**
         * Step 2, without the database: hashes the exported tables, checks their counts against the
         * snapshot's, writes the manifest and renames the folder into {@code root}. Any problem
         * deletes the temporary folder.
         */
        public BackupResult seal() {
            try {
                Map<String, String> files = relativizeLoadScript();
                List<Manifest.Table> tables = new ArrayList<>();
                try (Connection mem = RawDuckDb.memory()) {
                    for (Map.Entry<String, Long> e : counts.entrySet()) {
                        String file = files.get(e.getKey());
                        if (file == null) {
                            throw new IllegalStateException("the export has no file for table " + e.getKey());
                        }
                        TableDigest d = TableDigest.of(mem, "read_parquet(" + RawDuckDb.literal(tmp.resolve(file).toString()) + ")");
                        if (d.rows() != e.getValue()) {
                            throw new IllegalStateException("table " + e.getKey() + " had " + e.getValue() + " rows but its export holds "
                                    + d.rows());
                        }
                        tables.add(new Manifest.Table(e.getKey(), file, d.rows(), d.sha256()));
                    }
                }
                int schema = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
                Manifest m = new Manifest(Manifest.FORMAT, created.toString(), created.toEpochMilli(), db.toAbsolutePath().toString(), schema,
                        versions, buildVersion(), duckdbVersion, tables);
                m.write(tmp);
                Path target = freeName(root, PREFIX + STAMP.format(created));
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                return new BackupResult(target, m, lockHeldMs);
            } catch (IOException | SQLException | RuntimeException e) {
                RawDuckDb.deleteTree(tmp);
                throw new UserError(UserError.Kind.FAILURE, "backup of " + db + " failed while sealing: " + e.getMessage(), e);
            }
        }

        /** Drops the exported files (a scheduler that cannot seal). */
        public void discard() {
            RawDuckDb.deleteTree(tmp);
        }

        /**
         * DuckDB's load.sql names each Parquet file by the temporary folder's absolute path: rewrite
         * it to bare file names (the folder is about to be renamed) and return table -> file.
         */
        private Map<String, String> relativizeLoadScript() throws IOException {
            Path load = tmp.resolve("load.sql");
            String text = Files.readString(load);
            Map<String, String> files = new LinkedHashMap<>();
            Matcher m = COPY.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String table = m.group(1).replace("\"", "");
                String file = Path.of(m.group(2)).getFileName().toString();
                files.put(table, file);
                m.appendReplacement(out, Matcher.quoteReplacement("COPY " + m.group(1) + " FROM '" + file + "'" + m.group(3)));
            }
            m.appendTail(out);
            Files.writeString(load, out.toString());
            return files;
        }
    }

    /** {@code name}, or {@code name-2}, {@code name-3}... when a backup of the same second exists. */
    private static Path freeName(Path root, String name) {
        Path p = root.resolve(name);
        for (int i = 2; Files.exists(p); i++) {
            p = root.resolve(name + "-" + i);
        }
        return p;
    }

    /** The project version from the filtered build resource (the CLI's --version reads the same). */
    static String buildVersion() {
        try (var in = BackupWriter.class.getResourceAsStream("/hypertrader-version.properties")) {
            if (in == null) {
                return "dev";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.contains("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** A sealed backup. */
    public record BackupResult(Path dir, Manifest manifest, long lockHeldMs) {
    }
}
