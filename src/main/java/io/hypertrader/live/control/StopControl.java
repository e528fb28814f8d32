package io.hypertrader.live.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The stop signal between processes: a small file per deployment in a folder beside the database
 * ({@code <db>.control/<deployment>.stop}). A runner checks it on every loop and before every
 * order without opening the database (which another process may be using), so a stop is seen
 * within one poll interval even while {@code stop} holds the database.
 */
public final class StopControl {

    private final Path dir;

    public StopControl(Path dir) {
        this.dir = dir;
    }

    /** The control folder for a database file. */
    public static StopControl besideDatabase(Path dbFile) {
        Path abs = dbFile.toAbsolutePath().normalize();
        return new StopControl(abs.resolveSibling(abs.getFileName() + ".control"));
    }

    private Path file(String deploymentId) {
        return dir.resolve(deploymentId + ".stop");
    }

    /** Requests a stop (atomically written). */
    public void request(String deploymentId, boolean flatten, long nowMs) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, deploymentId, ".tmp");
            Files.writeString(tmp, "flatten=" + flatten + "\nrequested_ms=" + nowMs + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file(deploymentId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stop signal in " + dir, e);
        }
    }

    /** True when a stop was requested for the deployment. */
    public boolean requested(String deploymentId) {
        return Files.exists(file(deploymentId));
    }

    /** Whether the requested stop asks to flatten; empty when no stop was requested. */
    public Optional<Boolean> flatten(String deploymentId) {
        try {
            String s = Files.readString(file(deploymentId), StandardCharsets.UTF_8);
            return Optional.of(s.contains("flatten=true"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes the signal (a new deployment of the same id never exists, but tests reuse folders). */
    public void clear(String deploymentId) {
        try {
            Files.deleteIfExists(file(deploymentId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
