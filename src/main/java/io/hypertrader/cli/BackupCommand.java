package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import io.hypertrader.live.keys.KeyStore;
import io.hypertrader.ops.backup.BackupWriter;
import io.hypertrader.ops.backup.Manifest;
import io.hypertrader.ops.backup.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/** {@code hypertrader backup}: a consistent snapshot of the database while runners keep writing. */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Back up the database (--db) to a new folder hypertrader-<UTC time> under --to.",
                "Every table as Parquet, with a manifest of schema version, row counts and content hashes. Safe while"
                        + " runners write: the copy is one consistent moment. Then keeps the newest backup of each of the"
                        + " last --keep days."})
final class BackupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--to", paramLabel = "DIR", description = "Folder of backups (default: $HYPERTRADER_HOME/backups).")
    Path to;

    @Option(names = "--keep", paramLabel = "DAYS", defaultValue = "" + Retention.DEFAULT_KEEP_DAYS,
            description = "Keep the newest backup of each of the last DAYS days in that folder; 0 keeps all (default: ${DEFAULT-VALUE}).")
    int keep;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (keep < 0) {
            throw UserError.usage("--keep must not be negative (0 keeps every backup)");
        }
        Path dir = to != null ? to : defaultRoot(root.env());
        BackupWriter.BackupResult r = BackupWriter.create(root.dbPath(), dir, InstantSource.system(), Duration.ofSeconds(20));
        Manifest m = r.manifest();
        PrintWriter out = root.out();
        out.println("table\trows\tsha256");
        for (Manifest.Table t : m.tables()) {
            out.println(t.name() + "\t" + t.rows() + "\t" + t.sha256().substring(0, 16));
        }
        out.println("backup " + r.dir() + ": " + m.tables().size() + " tables, " + m.totalRows() + " rows, schema version "
                + m.schemaVersion() + ", database held " + r.lockHeldMs() + " ms");
        List<Path> deleted = Retention.apply(dir, keep, java.time.Instant.ofEpochMilli(m.createdMs()));
        for (Path p : deleted) {
            out.println("retention: removed " + p);
        }
        out.flush();
    }

    static Path defaultRoot(Map<String, String> env) {
        return KeyStore.homeDir(env).resolve("backups");
    }
}
