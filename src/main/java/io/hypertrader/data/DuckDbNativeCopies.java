package io.hypertrader.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes the copies of DuckDB's native library that killed processes left in the temp folder.
 *
 * <p>Why: the DuckDB JDBC driver unpacks its 69 MB native library into {@code java.io.tmpdir}
 * as {@code libduckdb_java<random>.so} each time a JVM loads it, and deletes the copy only on a
 * clean exit ({@code File.deleteOnExit}). A runner stopped with {@code kill -9}, a crash, or an
 * out-of-memory kill leaves its copy behind, forever: a machine that restarts a runner every few
 * minutes fills its disk within days (a test machine here reached 79 GB). So every process
 * sweeps them once, before its first connection.
 *
 * <p>Why deleting is safe: the driver creates a copy and loads it within milliseconds; after
 * that, on Linux and macOS, removing the file does not affect a process that has it loaded (the
 * mapping keeps the data until it exits). Only a copy younger than {@link #MIN_AGE} could still
 * be on its way to being loaded, so younger copies are left alone. On Windows a loaded library
 * cannot be deleted; the attempt fails and is ignored.
 */
public final class DuckDbNativeCopies {
    /** The driver's temp-file name: {@code Files.createTempFile("libduckdb_java", ".so")}. */
    static final String PREFIX = "libduckdb_java";
    static final String SUFFIX = ".so";
    /** Far above the milliseconds between the driver creating a copy and loading it. */
    static final Duration MIN_AGE = Duration.ofMinutes(1);

    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private DuckDbNativeCopies() {
    }

    /** Sweeps {@code java.io.tmpdir} once per JVM; never throws (a failed sweep must not stop a command). */
    public static void sweepOnce() {
        if (!SWEPT.compareAndSet(false, true)) {
            return;
        }
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp == null || tmp.isBlank()) {
            return;
        }
        try {
            sweep(Path.of(tmp), Instant.now());
        } catch (RuntimeException e) {
            // best effort: an unreadable temp folder is the driver's problem to report, not ours
        }
    }

    /**
     * Deletes the driver's copies in {@code dir} last modified at least {@link #MIN_AGE} before
     * {@code now}; returns how many it deleted. Other files, folders and links are never touched.
     */
    static int sweep(Path dir, Instant now) {
        int deleted = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path copy : copies) {
                if (isStaleCopy(copy, now) && deleteQuietly(copy)) {
                    deleted++;
                }
            }
        } catch (IOException | SecurityException e) {
            return deleted;
        }
        return deleted;
    }

    private static boolean isStaleCopy(Path file, Instant now) {
        String name = file.getFileName().toString();
        String middle = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        // createTempFile puts only digits (the random part) between prefix and suffix
        if (middle.isEmpty() || !middle.chars().allMatch(Character::isDigit)) {
            return false;
        }
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
            return !modified.isAfter(now.minus(MIN_AGE));
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException | SecurityException e) {
            return false; // in use on Windows, or another process deleted it first
        }
    }
}
