package io.hypertrader.ops.backup;

import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

/** The daily schedule on an injected clock; sealing runs on the caller's thread (a direct executor) or is held back. */
class BackupSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T09:30:00Z");

    @TempDir
    Path dir;

    private final List<String> reports = new ArrayList<>();

    @Test
    void oneBackupPerUtcDayWithRetention() {
        Path db = dir.resolve("db.duckdb");
        Database.open(db).close();
        Path root = dir.resolve("backups");
        BackupScheduler s = new BackupScheduler(db, root, 2, Runnable::run, Duration.ZERO, reports::add);

        assertThat(s.maybeBackup(T0).status()).isEqualTo(BackupScheduler.Status.STARTED);
        assertThat(Retention.list(root)).hasSize(1);
        assertThat(reports).singleElement().asString().startsWith("backup " + root.resolve("hypertrader-20260101T093000Z") + ": ");
        assertThat(s.maybeBackup(T0.plusSeconds(60)).status()).isEqualTo(BackupScheduler.Status.NOT_DUE);
        assertThat(s.maybeBackup(T0.plus(Duration.ofHours(14))).status()).as("23:30 the same day").isEqualTo(BackupScheduler.Status.NOT_DUE);

        for (int day = 1; day <= 3; day++) {
            Instant midnight = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(day));
            assertThat(s.maybeBackup(midnight.minusMillis(1)).status()).isEqualTo(BackupScheduler.Status.NOT_DUE);
            assertThat(s.maybeBackup(midnight.plusSeconds(2)).status()).isEqualTo(BackupScheduler.Status.STARTED);
        }
        assertThat(Retention.list(root)).extracting(e -> e.dir().getFileName().toString())
                .containsExactly("hypertrader-20260103T000002Z", "hypertrader-20260104T000002Z");
        assertThat(reports.get(reports.size() - 1)).endsWith("retention removed 1 old backup(s)");
    }

    @Test
    void aBackupAlreadyTakenTodayByAnotherProcessCounts() {
        Path db = dir.resolve("db.duckdb");
        Database.open(db).close();
        Path root = dir.resolve("backups");
        BackupWriter.create(db, root, java.time.InstantSource.fixed(T0.minusSeconds(3600)), Duration.ZERO);
        BackupScheduler s = new BackupScheduler(db, root, 7, Runnable::run, Duration.ZERO, reports::add);
        assertThat(s.maybeBackup(T0).status()).isEqualTo(BackupScheduler.Status.NOT_DUE);
        assertThat(reports).isEmpty();
    }

    @Test
    void sealingOffTheLoopAndFailuresRetryAnHourLater() throws Exception {
        Path db = dir.resolve("db.duckdb");
        Path root = dir.resolve("backups");
        List<Runnable> held = new ArrayList<>();
        Executor later = held::add;
        BackupScheduler s = new BackupScheduler(db, root, 7, later, Duration.ZERO, reports::add);

        BackupScheduler.Tick missing = s.maybeBackup(T0);
        assertThat(missing.status()).isEqualTo(BackupScheduler.Status.FAILED);
        assertThat(missing.detail()).contains("no database at " + db);
        Database.open(db).close();
        assertThat(s.maybeBackup(T0.plus(Duration.ofMinutes(59))).status()).isEqualTo(BackupScheduler.Status.NOT_DUE);

        assertThat(s.maybeBackup(T0.plus(Duration.ofHours(1))).status()).isEqualTo(BackupScheduler.Status.STARTED);
        assertThat(held).hasSize(1);
        assertThat(Retention.list(root)).as("not sealed yet: no complete backup").isEmpty();
        assertThat(s.maybeBackup(T0.plus(Duration.ofHours(1)).plusSeconds(5)).status()).isEqualTo(BackupScheduler.Status.BUSY);
        held.get(0).run();
        assertThat(Retention.list(root)).hasSize(1);
        try (var l = Files.list(root)) {
            assertThat(l.map(p -> p.getFileName().toString()).toList()).noneMatch(n -> n.startsWith(".incomplete-"));
        }
        assertThat(s.maybeBackup(T0.plus(Duration.ofHours(2))).status()).isEqualTo(BackupScheduler.Status.NOT_DUE);
    }
}
