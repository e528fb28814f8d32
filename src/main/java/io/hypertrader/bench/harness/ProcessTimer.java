package io.hypertrader.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of a whole process, start to exit (the cold-CLI figure): a new JVM per run, so
 * nothing is warm but the OS page cache. Untimed warm-up runs fill that cache (and let the
 * launcher build its jar if sources changed) so the figure is a user's second invocation.
 */
public final class ProcessTimer {

    private ProcessTimer() {
    }

    /** A process that failed or timed out: the command, exit code and the tail of its output. */
    public static final class ProcessFailed extends RuntimeException {
        ProcessFailed(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code command} in {@code dir} {@code warmups} times untimed, then {@code runs} times
     * timed; each run must exit 0 within {@code timeout}.
     */
    public static Measurement time(List<String> command, Path dir, int warmups, int runs, Duration timeout) {
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("runs must be >= 1 and warmups >= 0");
        }
        for (int w = 0; w < warmups; w++) {
            runOnce(command, dir, timeout);
        }
        double[] nanos = new double[runs];
        for (int r = 0; r < runs; r++) {
            nanos[r] = runOnce(command, dir, timeout);
        }
        return Measurement.of(nanos, 1, 1);
    }

    /** A finished process: exit code, wall time and everything it printed (stdout and stderr merged). */
    public record Output(int exitCode, long nanos, String text) {
    }

    /** Runs a command once in {@code dir} and captures its output; fails only when it cannot start or times out. */
    public static Output run(List<String> command, Path dir, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("hypertrader-bench-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ProcessFailed(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s; output ends with:\n" + tail(Files.readString(log, StandardCharsets.UTF_8)));
            }
            long elapsed = System.nanoTime() - start;
            return new Output(p.exitValue(), elapsed, Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProcessFailed("cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessFailed("interrupted while running " + String.join(" ", command));
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** One run that must exit 0; returns its wall time in ns. */
    static long runOnce(List<String> command, Path dir, Duration timeout) {
        Output o = run(command, dir, timeout);
        if (o.exitCode() != 0) {
            throw new ProcessFailed(String.join(" ", command) + " exited " + o.exitCode() + "; output ends with:\n"
                    + tail(o.text()));
        }
        return o.nanos();
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }
}
