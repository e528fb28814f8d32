package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.data.Migration;
import io.hypertrader.data.Migrations;
import io.hypertrader.live.store.DbAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupRestoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A writer commits (journal line + its order row) in one transaction, over and over, the way a
     * runner does: each unit of work opens the file, writes, closes. A backup taken meanwhile must
     * hold whole transactions only: as many journal lines as orders, numbered 1..n without a gap.
     */
    @Test
    void aBackupTakenWhileAnotherThreadWritesIsOneConsistentMoment() throws Exception {
        Path db = dir.resolve("live.duckdb");
        Database.open(db).close();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        CountDownLatch warm = new CountDownLatch(30);
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            DbAccess access = DbAccess.file(db);
            try {
                for (int seq = 1; !stop.get(); seq++) {
                    int s = seq;
                    access.tx(c -> {
                        try (PreparedStatement j = c.prepareStatement("INSERT INTO live_journal (deployment_id, seq, wall_ms, kind, detail)"
                                + " VALUES ('paper-x-1', ?, ?, 'order', ?)");
                             PreparedStatement o = c.prepareStatement("INSERT INTO live_orders (deployment_id, order_id, coin, side, type,"
                                     + " tif, size, reduce_only, status, filled, decision_ms, updated_ms) VALUES ('paper-x-1', ?, 'BTC', 'BUY',"
                                     + " 'LIMIT', 'GTC', 0.01, false, 'PENDING', 0, ?, ?)")) {
                            j.setLong(1, s);
                            j.setLong(2, s);
                            j.setString(3, "order " + s);
                            j.executeUpdate();
                            o.setLong(1, s);
                            o.setLong(2, s);
                            o.setLong(3, s);
                            o.executeUpdate();
                        }
                        return null;
                    });
                    committed.set(s);
                    warm.countDown();
                }
            } catch (Throwable t) {
                writerError.set(t);
                while (warm.getCount() > 0) {
                    warm.countDown();
                }
            }
        }, "writer");
        writer.start();
        BackupWriter.BackupResult r;
        int before;
        int after;
        try {
            assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();
            before = committed.get();
            r = BackupWriter.create(db, dir.resolve("backups"), InstantSource.fixed(T0), Duration.ofSeconds(20));
            after = committed.get();
        } finally {
            stop.set(true);
            writer.join(60_000);
        }
        assertThat(writerError.get()).as("the writer never failed while the backup ran").isNull();

        Manifest m = r.manifest();
        long journal = m.tables().stream().filter(t -> t.name().equals("live_journal")).findFirst().orElseThrow().rows();
        long orders = m.tables().stream().filter(t -> t.name().equals("live_orders")).findFirst().orElseThrow().rows();
        assertThat(journal).as("whole transactions only").isEqualTo(orders);
        assertThat(journal).isBetween((long) before, (long) after + 1);

        Path restored = dir.resolve("restored.duckdb");
        Restorer.restore(r.dir(), restored, false, InstantSource.fixed(T0));
        assertThat(count(restored, "SELECT count(*) FROM live_journal")).isEqualTo(journal);
        assertThat(count(restored, "SELECT max(seq) FROM live_journal")).as("no gap").isEqualTo(journal);
        assertThat(count(restored, "SELECT count(*) FROM live_journal j JOIN live_orders o ON o.order_id = j.seq")).isEqualTo(journal);
        assertThat(count(db, "SELECT count(*) FROM live_journal")).as("the writer went on").isGreaterThanOrEqualTo(journal);
    }

    /** A file at an older schema version, as an earlier build left it (every migration but the newest). */
    private static Path oldSchemaDatabase(Path file) throws Exception {
        List<Migration> all = Migrations.all();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at_ms BIGINT NOT NULL)");
            for (Migration m : all.subList(0, all.size() - 1)) {
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                st.execute("INSERT INTO schema_version VALUES (" + m.version() + ", '" + m.name().replace("'", "''") + "', 0)");
            }
            st.execute("INSERT INTO candles SELECT 'BTC', '1h', i * 3600000, i * 3600000 + 3599999, 100 + i * 0.1, 101 + i * 0.1,"
                    + " 99 + i * 0.1, 100.5 + i * 0.1, 10, NULL, 'test', 0 FROM range(0, 500) t(i)");
        }
        return file;
    }

    @Test
    void aBackupOfAnOlderSchemaRestoresMigratedToTheCurrentOne() throws Exception {
        Path old = oldSchemaDatabase(dir.resolve("old.duckdb"));
        int previous = Migrations.all().get(Migrations.all().size() - 2).version();
        BackupWriter.BackupResult r = BackupWriter.create(old, dir.resolve("b"), InstantSource.fixed(T0), Duration.ZERO);
        assertThat(r.manifest().schemaVersion()).as("the backup copies the file as it is").isEqualTo(previous);

        Path restored = dir.resolve("new.duckdb");
        Restorer.RestoreResult rr = Restorer.restore(r.dir(), restored, false, InstantSource.fixed(T0));
        assertThat(rr.migratedFrom()).isEqualTo(previous);
        assertThat(rr.schemaVersion()).isEqualTo(Migrations.latestVersion());
        assertThat(count(restored, "SELECT max(version) FROM schema_version")).isEqualTo(Migrations.latestVersion());
        assertThat(count(restored, "SELECT count(*) FROM candles")).isEqualTo(500);
        try (Database d = Database.open(restored)) {
            assertThat(d.schemaVersion()).isEqualTo(Migrations.latestVersion());
        }
    }

    @Test
    void aDamagedOrTruncatedBackupRestoresNothing() throws Exception {
        Path db = oldSchemaDatabase(dir.resolve("src.duckdb"));
        BackupWriter.BackupResult r = BackupWriter.create(db, dir.resolve("b"), InstantSource.fixed(T0), Duration.ZERO);
        Manifest.Table candles = r.manifest().tables().stream().filter(t -> t.name().equals("candles")).findFirst().orElseThrow();
        // Replace the candles with a copy missing one row: a valid Parquet file whose content is not the manifest's.
        Path file = r.dir().resolve(candles.file());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_parquet('" + file + "') WHERE open_time_ms > 0) TO '" + dir.resolve("x.parquet")
                    + "' (FORMAT PARQUET)");
        }
        Files.move(dir.resolve("x.parquet"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Path target = dir.resolve("t.duckdb");
        assertThatThrownBy(() -> Restorer.restore(r.dir(), target, false, InstantSource.fixed(T0)))
                .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.FAILURE))
                .hasMessageContaining("does not match its manifest (damaged or edited), nothing was restored: candles has 499 rows");
        assertThat(target).doesNotExist();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.contains(".restoring-"));
        }

        Files.delete(file);
        assertThatThrownBy(() -> Restorer.restore(r.dir(), target, false, InstantSource.fixed(T0)))
                .hasMessageContaining("is incomplete: " + candles.file() + " (table candles) is missing");
    }

    @Test
    void aFailedExportLeavesNoHalfWrittenFolder() throws Exception {
        Path notDuck = dir.resolve("garbage.duckdb");
        Files.writeString(notDuck, "this is not a database file at all, just text long enough to be read as a header");
        Path root = dir.resolve("backups");
        assertThatThrownBy(() -> BackupWriter.create(notDuck, root, InstantSource.fixed(T0), Duration.ZERO)).isInstanceOf(UserError.class);
        try (var s = Files.list(root)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void retentionKeepsTheNewestOfEachOfTheLastDaysAndTouchesNothingElse() throws Exception {
        Path db = oldSchemaDatabase(dir.resolve("src.duckdb"));
        Path root = dir.resolve("backups");
        List<Instant> times = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            times.add(T0.plus(Duration.ofDays(day)).plusSeconds(3600));
            times.add(T0.plus(Duration.ofDays(day)).plusSeconds(7200));
        }
        for (Instant t : times) {
            BackupWriter.create(db, root, InstantSource.fixed(t), Duration.ZERO);
        }
        Files.createDirectories(root.resolve("my-notes"));
        assertThat(Retention.list(root)).hasSize(8);

        List<Path> deleted = Retention.apply(root, 2, T0.plus(Duration.ofDays(4)));
        assertThat(deleted).hasSize(6);
        assertThat(Retention.list(root)).extracting(e -> e.dir().getFileName().toString())
                .containsExactly("hypertrader-20260103T020000Z", "hypertrader-20260104T020000Z");
        assertThat(root.resolve("my-notes")).isDirectory();
        assertThat(Retention.apply(root, 0, T0)).as("0 keeps everything").isEmpty();
    }

    @Test
    void twoBackupsInOneSecondGetTwoFolders() {
        Path db;
        try {
            db = oldSchemaDatabase(dir.resolve("src.duckdb"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        var a = BackupWriter.create(db, dir.resolve("b"), InstantSource.fixed(T0), Duration.ZERO);
        var b = BackupWriter.create(db, dir.resolve("b"), InstantSource.fixed(T0), Duration.ZERO);
        assertThat(a.dir().getFileName().toString()).isEqualTo("hypertrader-20260101T000000Z");
        assertThat(b.dir().getFileName().toString()).isEqualTo("hypertrader-20260101T000000Z-2");
    }
}
