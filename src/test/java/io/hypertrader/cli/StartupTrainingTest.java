package io.hypertrader.cli;

import io.hypertrader.store.RunStore;
import io.hypertrader.data.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up cache's training run really runs the everyday commands, and only in its own folder. */
class StartupTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void trainingImportsBacktestsAndStoresARunInItsOwnFolder() throws Exception {
        long reportsBefore = count(Path.of("reports"));
        StartupTraining.train(Path.of("."), tmp);
        try (Database db = Database.openReadOnly(tmp.resolve("t.duckdb"), "x")) {
            assertThat(new RunStore(db).list(10, null)).hasSize(1);
        }
        assertThat(count(Path.of("reports"))).as("nothing written into the project's reports").isEqualTo(reportsBefore);
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.count();
        }
    }
}
