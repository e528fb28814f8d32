package io.hypertrader.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/datasets (set by Surefire as the system property hypertrader.shared). */
public final class SharedData {
    private SharedData() {
    }

    public static Path datasets() {
        String p = System.getProperty("hypertrader.shared", "../shared");
        Path d = Path.of(p).resolve("datasets");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("shared datasets not found at " + d.toAbsolutePath()
                    + " (set -Dhypertrader.shared=/path/to/shared)");
        }
        return d;
    }

    public static Path file(String name) {
        return datasets().resolve(name);
    }

    public static Path sample(String name) {
        return datasets().resolve("hyperliquid-samples").resolve(name);
    }
}
