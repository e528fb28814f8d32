package io.hypertrader.testdata;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one gate in front of the large real datasets in {@code ../shared/datasets} (6.6 MB, never
 * copied into the project). A test that truly needs them calls {@link #require(String)} with what
 * it needs them for:
 * <ul>
 *   <li>present: the folder is returned;</li>
 *   <li>absent (a fresh clone with nothing beside it): the test is <em>skipped</em>, and the skip
 *       names the folder looked at and the reason;</li>
 *   <li>absent while {@code CI=true}: the test <em>fails</em> with the same message, so CI can never
 *       go green by silently skipping the real-data checks.</li>
 * </ul>
 * Tests that can run on a small slice read {@link Fixtures} instead and need no gate.
 */
public final class SharedDatasets {
    /** System property naming the shared folder (Surefire sets it to {@code ${project.basedir}/../shared}). */
    public static final String PROPERTY = "hypertrader.shared";

    private SharedDatasets() {
    }

    /** The shared folder: the system property, else {@code ../shared} (it may not exist). */
    public static Path sharedDir() {
        String p = System.getProperty(PROPERTY);
        return Path.of(p != null && !p.isBlank() ? p : "../shared");
    }

    /** {@code ../shared/datasets}, or a skip (a failure under CI=true) saying why the caller needed it. */
    public static Path require(String why) {
        return require(sharedDir().resolve("datasets"), System.getenv(), why);
    }

    /** One file of {@code ../shared/datasets}, behind the same gate. */
    public static Path file(String name, String why) {
        Path f = require(why).resolve(name);
        if (!Files.isRegularFile(f)) {
            // The folder is there but the file is not: a broken checkout, never a reason to skip.
            throw new IllegalStateException(f.toAbsolutePath() + " is missing from the shared datasets (see SOURCES.md there)");
        }
        return f;
    }

    /** Whether the shared datasets are here (for tests that add checks when they are, never for skipping). */
    public static boolean present() {
        return Files.isDirectory(sharedDir().resolve("datasets"));
    }

    /** The gate with its inputs explicit: the folder and the environment (for its own test). */
    static Path require(Path datasets, Map<String, String> env, String why) {
        if (Files.isDirectory(datasets)) {
            return datasets;
        }
        String message = "needs the shared real datasets at " + datasets.toAbsolutePath().normalize() + " (absent): " + why
                + ". Put the shared folder beside the project or set -D" + PROPERTY + "=DIR.";
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", "").trim())) {
            throw new AssertionError("CI=true and a test " + message + " Under CI this is a failure, not a skip.");
        }
        return Assumptions.abort("skipped: this test " + message);
    }
}
