package io.hypertrader.live.sign;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class NonceSourceTest {

    @Test
    void followsTheClockAndNeverRepeatsWithinAMillisecond() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        NonceSource n = new NonceSource(clock::get);
        assertThat(n.next()).isEqualTo(1_700_000_000_000L);
        assertThat(n.next()).isEqualTo(1_700_000_000_001L);
        assertThat(n.next()).isEqualTo(1_700_000_000_002L);
        clock.set(1_700_000_000_500L);
        assertThat(n.next()).isEqualTo(1_700_000_000_500L);
    }

    @Test
    void neverGoesBackwardsWhenTheClockSteps() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        NonceSource n = new NonceSource(clock::get);
        n.next();
        clock.set(1_699_999_990_000L); // NTP step back by 10 s
        assertThat(n.next()).isEqualTo(1_700_000_000_001L);
    }

    @Test
    void uniqueUnderConcurrency() throws Exception {
        NonceSource n = new NonceSource(() -> 1_700_000_000_000L);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 5000; i++) {
                    seen.add(n.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(20_000);
        assertThat(n.last()).isEqualTo(1_700_000_000_000L + 19_999);
    }
}
