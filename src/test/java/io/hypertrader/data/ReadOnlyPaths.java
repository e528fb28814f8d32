package io.hypertrader.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes files and folders really read-only for the test's own process, then restores them. A mode
 * without write bits (chmod a-w) is enough for an ordinary user; root ignores modes, so there the
 * paths are also made immutable ({@code chattr +i}, which binds root too). {@link #apply} reports
 * whether the result holds (a write attempt fails), so a test can say why it cannot run where
 * neither works.
 */
public final class ReadOnlyPaths implements AutoCloseable {
    private final List<Path> paths;
    private final List<Path> immutable = new ArrayList<>();
    private final List<String> originalModes = new ArrayList<>();

    private ReadOnlyPaths(List<Path> paths) {
        this.paths = paths;
    }

    /** Makes {@code paths} read-only (files first given, folders after them is the natural order). */
    public static ReadOnlyPaths apply(Path... paths) throws IOException {
        ReadOnlyPaths r = new ReadOnlyPaths(List.of(paths));
        for (Path p : paths) {
            r.originalModes.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
        }
        if (!r.holds()) {
            for (Path p : paths) {
                if (chattr("+i", p)) {
                    r.immutable.add(p);
                }
            }
        }
        return r;
    }

    /** Whether writing is really refused: appending to the first file and creating a file in the first folder fail. */
    public boolean holds() {
        for (Path p : paths) {
            try {
                if (Files.isDirectory(p)) {
                    Path probe = p.resolve(".write-probe");
                    Files.createFile(probe);
                    Files.delete(probe);
                } else {
                    try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.APPEND)) {
                        out.flush();
                    }
                }
                return false;
            } catch (IOException expected) {
                // refused, as wanted
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        for (Path p : immutable) {
            chattr("-i", p);
        }
        for (int i = 0; i < paths.size(); i++) {
            Files.setPosixFilePermissions(paths.get(i), PosixFilePermissions.fromString(originalModes.get(i)));
        }
    }

    private static boolean chattr(String flag, Path p) {
        try {
            Process pr = new ProcessBuilder("chattr", flag, p.toString()).redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
