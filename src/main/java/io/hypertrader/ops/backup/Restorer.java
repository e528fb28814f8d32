package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.data.Migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Restores a backup folder into a database file: loads the Parquet files into a new file beside
 * the target, checks every table's row count and content hash against the manifest, migrates the
 * result forward with the project's migrations (a backup of an older schema comes back current),
 * and only then moves it into place. An existing database is replaced only with {@code force}, and
 * is kept beside it as {@code <name>.pre-restore-<time>}, never deleted.
 */
public final class Restorer {

    private Restorer() {
    }

    /**
     * @param migratedFrom the backup's schema version
     * @param schemaVersion the restored database's schema version after migrating
     * @param replaced     where the previous database was moved, or null when there was none
     */
    public record RestoreResult(Path db, Manifest manifest, int migratedFrom, int schemaVersion, Path replaced) {
    }

    /**
     * @throws UserError REFUSED when {@code target} exists and {@code force} is false; USAGE for a
     *                   folder that is not a backup or is from a newer schema; FAILURE when the files
     *                   do not match the manifest (nothing is changed then) or the target is in use
     */
    public static RestoreResult restore(Path backupDir, Path target, boolean force, InstantSource clock) {
        Manifest m = Manifest.read(backupDir);
        if (m.schemaVersion() > Migrations.latestVersion()) {
            throw UserError.usage("backup " + backupDir + " has schema version " + m.schemaVersion() + " but this build knows only up to "
                    + Migrations.latestVersion() + "; restore it with a newer HyperTrader");
        }
        for (Manifest.Table t : m.tables()) {
            if (!Files.isRegularFile(backupDir.resolve(t.file()))) {
                throw new UserError(UserError.Kind.FAILURE, "backup " + backupDir + " is incomplete: " + t.file() + " (table " + t.name()
                        + ") is missing");
            }
        }
        boolean exists = Files.exists(target);
        if (exists && !force) {
            throw new UserError(UserError.Kind.REFUSED, "database " + target + " exists; pass --force to replace it (it is kept as "
                    + target.getFileName() + ".pre-restore-<time>)");
        }
        Path abs = target.toAbsolutePath();
        String stamp = BackupWriter.STAMP.format(clock.instant());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".restoring-" + stamp);
        try {
            Files.createDirectories(abs.getParent());
            RawDuckDb.deleteTree(tmp);
            RawDuckDb.deleteTree(wal(tmp));
            load(backupDir, m, tmp);
            int after;
            try (Database db = Database.open(tmp)) {
                after = db.schemaVersion();
            }
            Path replaced = null;
            if (exists) {
                // Holding the target's lock proves no runner has it open right now.
                try (Connection probe = RawDuckDb.open(abs, Duration.ofSeconds(20))) {
                    probe.isValid(1);
                }
                replaced = abs.resolveSibling(abs.getFileName() + ".pre-restore-" + stamp);
                Files.move(abs, replaced, StandardCopyOption.ATOMIC_MOVE);
                if (Files.exists(wal(abs))) {
                    Files.move(wal(abs), wal(replaced), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            if (Files.exists(wal(tmp))) {
                Files.move(wal(tmp), wal(abs), StandardCopyOption.ATOMIC_MOVE);
            }
            return new RestoreResult(target, m, m.schemaVersion(), after, replaced);
        } catch (IOException | SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "restore of " + backupDir + " into " + target + " failed: " + e.getMessage(), e);
        } finally {
            RawDuckDb.deleteTree(tmp);
            RawDuckDb.deleteTree(wal(tmp));
        }
    }

    /** Creates the exported schema in {@code file}, loads each table and checks it against the manifest. */
    private static void load(Path dir, Manifest m, Path file) throws IOException, SQLException {
        try (Connection c = RawDuckDb.open(file, Duration.ZERO); Statement st = c.createStatement()) {
            st.execute(Files.readString(dir.resolve("schema.sql")));
            TreeSet<String> listed = new TreeSet<>();
            m.tables().forEach(t -> listed.add(t.name()));
            TreeSet<String> created = new TreeSet<>(RawDuckDb.tables(c));
            if (!created.equals(listed)) {
                throw damaged(dir, "schema.sql creates tables " + created + " but the manifest lists " + listed);
            }
            List<String> problems = new ArrayList<>();
            for (Manifest.Table t : m.tables()) {
                st.execute("INSERT INTO " + RawDuckDb.ident(t.name()) + " SELECT * FROM read_parquet("
                        + RawDuckDb.literal(dir.resolve(t.file()).toString()) + ")");
                TableDigest d = TableDigest.of(c, RawDuckDb.ident(t.name()));
                if (d.rows() != t.rows() || !d.sha256().equals(t.sha256())) {
                    problems.add(t.name() + " has " + d.rows() + " rows, hash " + d.sha256().substring(0, 12) + "; the manifest says "
                            + t.rows() + " rows, hash " + t.sha256().substring(0, 12));
                }
            }
            if (!problems.isEmpty()) {
                throw damaged(dir, String.join("; ", problems));
            }
            st.execute("CHECKPOINT");
        }
    }

    private static UserError damaged(Path dir, String what) {
        return new UserError(UserError.Kind.FAILURE, "backup " + dir + " does not match its manifest (damaged or edited), nothing was"
                + " restored: " + what);
    }

    private static Path wal(Path db) {
        return db.resolveSibling(db.getFileName() + ".wal");
    }
}
