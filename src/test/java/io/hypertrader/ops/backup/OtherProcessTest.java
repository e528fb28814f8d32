package io.hypertrader.ops.backup;

import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A backup while another process holds the file: it waits for the lock like any command, and says so when it gives up. */
class OtherProcessTest {

    @TempDir
    Path dir;

    @Test
    void aBackupWaitsForAnotherProcessAndCopiesWhatItCommitted() throws Exception {
        Path db = dir.resolve("shared.duckdb");
        Database.open(db).close();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), db.toAbsolutePath().toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("LOCKED");

            assertThatThrownBy(() -> BackupWriter.create(db, dir.resolve("b"), InstantSource.fixed(Instant.EPOCH), Duration.ZERO))
                    .isInstanceOfSatisfying(UserError.class, e -> assertThat(e.kind()).isEqualTo(UserError.Kind.FAILURE))
                    .hasMessageContaining("stayed locked by another process");

            // Started while the other process still holds the file; it gets the lock once the holder lets go.
            CompletableFuture<BackupWriter.BackupResult> waiting = CompletableFuture.supplyAsync(
                    () -> BackupWriter.create(db, dir.resolve("b"), InstantSource.fixed(Instant.EPOCH), Duration.ofSeconds(60)));
            holder.getOutputStream().close();
            BackupWriter.BackupResult r = waiting.get(90, TimeUnit.SECONDS);
            assertThat(r.manifest().tables()).filteredOn(t -> t.name().equals("live_journal"))
                    .extracting(Manifest.Table::rows).isEqualTo(List.of(1L));
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Retention.list(dir.resolve("b"))).hasSize(1);
    }
}
