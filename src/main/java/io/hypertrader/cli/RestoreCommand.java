package io.hypertrader.cli;

import io.hypertrader.ops.backup.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;

/** {@code hypertrader restore DIR}: a backup folder back into a database file, verified and migrated. */
@Command(name = "restore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Restore a backup folder into the database (--db), checked against its manifest.",
                "Every table's row count and hash must match, and an older schema is migrated forward. Refuses to replace"
                        + " an existing database without --force; with it the old file is kept as <name>.pre-restore-<time>."})
final class RestoreCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A backup folder (hypertrader-<time>, holding manifest.json).")
    Path dir;

    @Option(names = "--force", description = "Replace an existing database (kept beside it, not deleted).")
    boolean force;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        Restorer.RestoreResult r = Restorer.restore(dir, root.dbPath(), force, InstantSource.system());
        PrintWriter out = root.out();
        out.println("verified " + r.manifest().tables().size() + " tables, " + r.manifest().totalRows() + " rows against " + dir
                + "/manifest.json (taken " + r.manifest().createdAt() + ")");
        if (r.migratedFrom() != r.schemaVersion()) {
            out.println("migrated schema version " + r.migratedFrom() + " -> " + r.schemaVersion());
        }
        if (r.replaced() != null) {
            out.println("previous database kept as " + r.replaced());
        }
        out.println("restored " + r.db() + " (schema version " + r.schemaVersion() + ")");
        out.flush();
    }
}
