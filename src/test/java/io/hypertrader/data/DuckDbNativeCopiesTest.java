package io.hypertrader.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DuckDB driver's unpacked library copies that killed processes leave in the temp folder are
 * swept, and nothing else is.
 */
class DuckDbNativeCopiesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T22:00:00Z");

    @Test
    void sweepsOnlyTheDriversCopiesOlderThanAMinute(@TempDir Path tmp) throws Exception {
        Path stale = file(tmp, "libduckdb_java9641074862109128707.so", NOW.minus(Duration.ofMinutes(3)));
        Path justOld = file(tmp, "libduckdb_java12.so", NOW.minus(DuckDbNativeCopies.MIN_AGE));
        Path fresh = file(tmp, "libduckdb_java9661906947480860516.so", NOW.minusSeconds(5));
        Path otherLib = file(tmp, "libsecp256k1-jni.so", NOW.minus(Duration.ofHours(5)));
        Path notTheDrivers = file(tmp, "libduckdb_java_mine.so", NOW.minus(Duration.ofHours(5)));
        Path folder = Files.createDirectory(tmp.resolve("libduckdb_java77.so"));
        Files.setLastModifiedTime(folder, FileTime.from(NOW.minus(Duration.ofHours(5))));

        assertThat(DuckDbNativeCopies.sweep(tmp, NOW)).isEqualTo(2);

        assertThat(stale).doesNotExist();
        assertThat(justOld).doesNotExist();
        assertThat(fresh).exists();
        assertThat(otherLib).exists();
        assertThat(notTheDrivers).exists();
        assertThat(folder).isDirectory();
    }

    @Test
    void aMissingTempFolderDeletesNothingAndDoesNotThrow(@TempDir Path tmp) {
        assertThat(DuckDbNativeCopies.sweep(tmp.resolve("gone"), NOW)).isZero();
    }

    /**
     * The real leak: a JVM killed with SIGKILL leaves its copy; the next JVM that opens a database
     * removes it (once it is old enough) and keeps its own.
     */
    @Test
    void theNextProcessRemovesTheCopyAKilledProcessLeftBehind(@TempDir Path tmp) throws Exception {
        Process killed = holdDuckDb(tmp);
        List<Path> leftBehind;
        try {
            leftBehind = copies(tmp);
            assertThat(leftBehind).as("the driver unpacks one copy per process").hasSize(1);
        } finally {
            killed.destroyForcibly(); // kill -9: no deleteOnExit
            killed.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(copies(tmp)).as("SIGKILL leaves the copy behind").containsExactlyElementsOf(leftBehind);
        Files.setLastModifiedTime(leftBehind.get(0), FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));

        Process next = holdDuckDb(tmp);
        try {
            List<Path> now = copies(tmp);
            assertThat(now).as("the killed process's copy is gone, the new one's is there").hasSize(1)
                    .doesNotContainAnyElementsOf(leftBehind);
        } finally {
            next.destroy(); // SIGTERM: a clean exit deletes its own copy
            assertThat(next.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(copies(tmp)).as("a clean exit leaves nothing").isEmpty();
    }

    /** A JVM with {@code tmp} as its temp folder that opens a database and waits until it is ended. */
    private static Process holdDuckDb(Path tmp) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                HoldsDuckDb.class.getName()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the child has opened its database (or died)
        assertThat(line).as("child output").isEqualTo(HoldsDuckDb.READY);
        return p;
    }

    private static List<Path> copies(Path tmp) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> f.getFileName().toString().startsWith(DuckDbNativeCopies.PREFIX)).sorted().toList();
        }
    }

    private static Path file(Path dir, String name, Instant modified) throws Exception {
        Path f = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }

    /** The child of {@link #theNextProcessRemovesTheCopyAKilledProcessLeftBehind}. */
    public static final class HoldsDuckDb {
        static final String READY = "database open";

        public static void main(String[] args) throws Exception {
            try (Database db = Database.inMemory()) {
                System.out.println(READY);
                System.out.flush();
                new java.util.concurrent.CountDownLatch(1).await(); // until killed
            }
        }
    }
}
