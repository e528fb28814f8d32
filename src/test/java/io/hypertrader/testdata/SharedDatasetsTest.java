package io.hypertrader.testdata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate: present gives the folder, absent skips with the reason, absent under CI=true fails. */
class SharedDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void presentFolderIsReturned() throws Exception {
        Path datasets = Files.createDirectories(dir.resolve("shared/datasets"));
        assertThat(SharedDatasets.require(datasets, Map.of("CI", "true"), "anything")).isEqualTo(datasets);
    }

    @Test
    void absentFolderSkipsNamingTheFolderAndTheReason() {
        Path absent = dir.resolve("nowhere/datasets");
        assertThatThrownBy(() -> SharedDatasets.require(absent, Map.of(), "the 16,882-bar buy and hold"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("skipped")
                .hasMessageContaining(absent.toAbsolutePath().normalize().toString())
                .hasMessageContaining("the 16,882-bar buy and hold");
        // CI unset or anything but true: still a skip
        assertThatThrownBy(() -> SharedDatasets.require(absent, Map.of("CI", "false"), "x"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void absentFolderUnderCiIsAFailureNotASkip() {
        Path absent = dir.resolve("nowhere/datasets");
        for (String ci : new String[]{"true", "TRUE", " true "}) {
            assertThatThrownBy(() -> SharedDatasets.require(absent, Map.of("CI", ci), "the golden runs"))
                    .isInstanceOf(AssertionError.class)
                    .isNotInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("CI=true")
                    .hasMessageContaining("the golden runs")
                    .hasMessageContaining(absent.toAbsolutePath().normalize().toString());
        }
    }
}
