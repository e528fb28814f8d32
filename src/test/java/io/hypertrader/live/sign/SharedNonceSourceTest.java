package io.hypertrader.live.sign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Nonces shared through a locked file: unique and increasing per signer across instances, threads and processes. */
class SharedNonceSourceTest {

    static final String A = "0x1111111111111111111111111111111111111111";
    static final String B = "0x2222222222222222222222222222222222222222";

    @TempDir
    Path dir;

    @Test
    void twoInstancesOnTwoThreadsNeverRepeatAndEachSequenceIncreases() throws Exception {
        Path file = NonceSource.fileIn(dir);
        // a frozen clock forces every nonce through the last + 1 path: the worst case for clashes
        NonceSource runner = NonceSource.shared(file, A, () -> 1_700_000_000_000L);
        NonceSource stop = NonceSource.shared(file, A.toUpperCase().replace("0X", "0x"), () -> 1_700_000_000_000L);
        int n = 3000;
        long[][] got = new long[2][n];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        NonceSource[] sources = {runner, stop};
        for (int t = 0; t < 2; t++) {
            int k = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    got[k][i] = sources[k].next();
                }
            });
            threads.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : threads) {
            th.join(60_000);
        }
        Set<Long> all = new HashSet<>();
        for (long[] seq : got) {
            for (int i = 0; i < n; i++) {
                assertThat(all.add(seq[i])).as("nonce %d repeated", seq[i]).isTrue();
                if (i > 0) {
                    assertThat(seq[i]).isGreaterThan(seq[i - 1]);
                }
            }
        }
        // 2n consecutive values starting at the clock: nothing skipped, nothing doubled
        assertThat(all).hasSize(2 * n);
        assertThat(all.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1_700_000_000_000L);
        assertThat(all.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(1_700_000_000_000L + 2L * n - 1);
        assertThat(Files.readString(file)).isEqualTo(A + " " + (1_700_000_000_000L + 2L * n - 1) + "\n");
    }

    @Test
    void aLaterInstanceWithAClockBehindContinuesAfterTheFileAndSignersAreIndependent() {
        Path file = NonceSource.fileIn(dir.resolve("home"));
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        NonceSource first = NonceSource.shared(file, A, clock::get);
        assertThat(first.next()).isEqualTo(1_700_000_000_000L);
        assertThat(first.next()).isEqualTo(1_700_000_000_001L);
        // another process started later on a machine whose clock is 5 s behind
        NonceSource second = NonceSource.shared(file, A, () -> 1_699_999_995_000L);
        assertThat(second.next()).isEqualTo(1_700_000_000_002L);
        // the first instance sees what the second took
        assertThat(first.next()).isEqualTo(1_700_000_000_003L);
        // signer B has its own sequence
        NonceSource other = NonceSource.shared(file, B, () -> 1_600_000_000_000L);
        assertThat(other.next()).isEqualTo(1_600_000_000_000L);
        clock.set(1_700_000_060_000L);
        assertThat(first.next()).isEqualTo(1_700_000_060_000L);
        assertThat(first.file()).isEqualTo(file.toAbsolutePath().normalize());
    }

    @Test
    void aTornFileIsRecoveredFromTheClock() throws Exception {
        Path file = NonceSource.fileIn(dir);
        Files.writeString(file, A + " 17000000\n" + B + " garbage\n0xnot a line\n");
        NonceSource s = NonceSource.shared(file, B, () -> 1_700_000_000_000L);
        assertThat(s.next()).isEqualTo(1_700_000_000_000L);
        assertThat(Files.readString(file)).isEqualTo(A + " 17000000\n" + B + " 1700000000000\n");
    }

    /** Child process entry point: prints {@code n} nonces of signer A from the file. */
    public static void main(String[] args) {
        NonceSource s = NonceSource.shared(Path.of(args[0]), A, () -> 1_700_000_000_000L);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            sb.append(s.next()).append('\n');
        }
        System.out.print(sb);
    }

    @Test
    void anotherProcessAndThisOneShareOneSequence() throws Exception {
        Path file = NonceSource.fileIn(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SharedNonceSourceTest.class.getName(), file.toString(), "2000").redirectErrorStream(false).start();
        NonceSource here = NonceSource.shared(file, A, () -> 1_700_000_000_000L);
        List<Long> mine = new ArrayList<>();
        List<Long> theirs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            // draw while the child draws (it starts within a second; keep drawing until it is done)
            Thread reader = Thread.ofPlatform().start(() -> r.lines().forEach(l -> theirs.add(Long.parseLong(l.trim()))));
            while (child.isAlive() || mine.size() < 200) {
                mine.add(here.next());
            }
            reader.join(30_000);
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(theirs).hasSize(2000);
        Set<Long> all = new HashSet<>(mine);
        assertThat(all).hasSize(mine.size());
        for (long t : theirs) {
            assertThat(all.add(t)).as("nonce %d handed to both processes", t).isTrue();
        }
        for (List<Long> seq : List.of(mine, theirs)) {
            for (int i = 1; i < seq.size(); i++) {
                assertThat(seq.get(i)).isGreaterThan(seq.get(i - 1));
            }
        }
    }
}
