package io.hypertrader.cli;

import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.ops.alert.AlertEvent;
import io.hypertrader.ops.alert.AlertJournal;
import io.hypertrader.ops.alert.LiveStoreAlertJournal;
import io.hypertrader.ops.backup.Manifest;
import io.hypertrader.ops.backup.TableDigest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code backup} and {@code restore} on a database that a real session filled: candles, a backtest run, a deployment's journal. */
class BackupCommandTest {

    @TempDir
    static Path dir;
    static Map<String, String> env;
    static Path db;

    @BeforeAll
    static void fill() {
        env = new LinkedHashMap<>(CliHarness.shippedDatasetEnv(dir));
        env.put("HYPERTRADER_HOME", dir.resolve("home").toString());
        db = Path.of(env.get("HYPERTRADER_DB"));
        CliHarness.Result bt = CliHarness.run(env, "backtest", "--no-report");
        assertThat(bt.exitCode()).as(bt.err()).isZero();
        LiveStore store = new LiveStore(DbAccess.file(db));
        store.insert(new LiveStore.Deployment("paper-0123abcd-1", LiveStore.Stage.PAPER, "0123abcd", "fib", null, "{}", null, "running",
                1_767_225_600_000L, null, "gates", 7L, 10_000.0, null, null, null, null, null));
        for (int i = 0; i < 25; i++) {
            long t = 1_767_225_600_000L + i * 60_000L;
            store.append("paper-0123abcd-1", LiveStore.Entry.of(t, t, "snapshot", null, null, null, null, null, 10_000.0 + i,
                    "equity=" + (10_000 + i) + " 'quoted' \"text\" ünïcode"));
        }
        LiveStoreAlertJournal.direct(store).record(new AlertJournal.Delivery(1_767_225_600_000L,
                new AlertEvent.RunnerCrash("paper-0123abcd-1", "paper", 1_767_225_600_000L, "boom"), "desk", 1, AlertJournal.Outcome.SENT, ""));
    }

    /** Every table of a database file, name -> digest. */
    static Map<String, TableDigest> digests(Path file) throws Exception {
        Map<String, TableDigest> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'main' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                out.put(t, TableDigest.of(c, "\"" + t + "\""));
            }
        }
        return out;
    }

    @Test
    void aRestoredDatabaseHasEveryTableWithTheSameRowsAndContentHash() throws Exception {
        Map<String, TableDigest> source = digests(db);
        assertThat(source.get("candles").rows()).isEqualTo(5000);
        assertThat(source.get("runs").rows()).isPositive();
        assertThat(source.get("run_fills").rows()).isPositive();
        assertThat(source.get("live_journal").rows()).isEqualTo(26);

        CliHarness.Result b = CliHarness.run(env, "backup");
        assertThat(b.exitCode()).as(b.err()).isZero();
        Path home = dir.resolve("home").resolve("backups");
        List<Path> backups;
        try (var s = Files.list(home)) {
            backups = s.toList();
        }
        assertThat(backups).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("hypertrader-\\d{8}T\\d{6}Z"));
        Path backup = backups.get(0);
        assertThat(b.out()).contains("candles\t5000\t" + source.get("candles").sha256().substring(0, 16))
                .contains("backup " + backup + ": " + source.size() + " tables");

        Manifest m = Manifest.read(backup);
        assertThat(m.schemaVersion()).isEqualTo(io.hypertrader.data.Migrations.latestVersion());
        assertThat(m.tables()).hasSize(source.size());
        for (Manifest.Table t : m.tables()) {
            assertThat(new TableDigest(t.rows(), t.sha256())).as(t.name()).isEqualTo(source.get(t.name()));
        }

        Path restored = dir.resolve("restored").resolve("copy.duckdb");
        CliHarness.Result r = CliHarness.run(env, "restore", backup.toString(), "--db", restored.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("verified " + source.size() + " tables").contains("restored " + restored);
        assertThat(digests(restored)).isEqualTo(source);
        // The restored file is a working database for every command.
        CliHarness.Result runs = CliHarness.run(Map.of("HYPERTRADER_DB", restored.toString()), "runs");
        assertThat(runs.exitCode()).as(runs.err()).isZero();

        // Never over an existing database without --force; with it the old one is kept.
        CliHarness.Result again = CliHarness.run(env, "restore", backup.toString(), "--db", restored.toString());
        assertThat(again.exitCode()).isEqualTo(5);
        assertThat(again.err()).contains("database " + restored + " exists; pass --force to replace it");
        CliHarness.Result forced = CliHarness.run(env, "restore", backup.toString(), "--db", restored.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("previous database kept as " + restored.toAbsolutePath() + ".pre-restore-");
        try (var s = Files.list(restored.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).anyMatch(n -> n.startsWith("copy.duckdb.pre-restore-"))
                    .noneMatch(n -> n.contains(".restoring-"));
        }
        assertThat(digests(restored)).isEqualTo(source);
    }

    @Test
    void badInputIsAClearError() {
        CliHarness.Result none = CliHarness.run(env, "restore", dir.resolve("nothing-here").toString(), "--db", dir.resolve("x.duckdb").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("is not a HyperTrader backup: it has no manifest.json");
        CliHarness.Result noDb = CliHarness.run(Map.of("HYPERTRADER_DB", dir.resolve("absent.duckdb").toString()), "backup", "--to",
                dir.resolve("b").toString());
        assertThat(noDb.exitCode()).isEqualTo(3);
        assertThat(noDb.err()).contains("no database at " + dir.resolve("absent.duckdb") + " to back up");
        assertThat(CliHarness.run(env, "backup", "--keep", "-1").exitCode()).isEqualTo(2);
    }
}
