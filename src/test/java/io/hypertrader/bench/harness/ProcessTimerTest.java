package io.hypertrader.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

class ProcessTimerTest {

    @TempDir
    Path dir;

    @Test
    void runsWarmUpsThenTimedRunsInTheGivenFolder() throws Exception {
        // Each run appends a line to a file in the working folder: 1 warm-up + 3 timed = 4 lines.
        Measurement m = ProcessTimer.time(List.of("sh", "-c", "echo x >> runs.txt"), dir, 1, 3, Duration.ofSeconds(30));
        assertThat(Files.readAllLines(dir.resolve("runs.txt"))).hasSize(4);
        assertThat(m.samples()).isEqualTo(3);
        assertThat(m.medianNanos()).isPositive();
    }

    @Test
    void nonZeroExitFailsWithTheOutputTail() {
        assertThatThrownBy(() -> ProcessTimer.time(List.of("sh", "-c", "echo boom; exit 3"), dir, 0, 1,
                Duration.ofSeconds(30)))
                .isInstanceOf(ProcessTimer.ProcessFailed.class).hasMessageContaining("exited 3").hasMessageContaining("boom");
    }

    @Test
    void timeoutKillsAndFails() {
        assertThatThrownBy(() -> ProcessTimer.time(List.of("sleep", "5"), dir, 0, 1, Duration.ofMillis(200)))
                .isInstanceOf(ProcessTimer.ProcessFailed.class).hasMessageContaining("did not finish");
    }
}
