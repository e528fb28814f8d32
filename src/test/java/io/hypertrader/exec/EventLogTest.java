package io.hypertrader.exec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The event log hashes exactly its documented byte rendering, however records and strings fall on its buffer. */
class EventLogTest {

    @Test
    void hashEqualsSha256OfTheRenderedBytes() throws Exception {
        List<String> strings = List.of("BTC", "", "cancelled by request", "Zürich ∆ ünïcode", "x".repeat(256),
                "y".repeat(257), "z".repeat(5000), "a".repeat(255) + "é");
        SplittableRandom rnd = new SplittableRandom(11);
        EventLog log = new EventLog();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream ref = new DataOutputStream(bytes);
        for (int i = 0; i < 3000; i++) {
            char type = (char) ('A' + rnd.nextInt(26));
            log.begin(type);
            ref.writeByte(type);
            int fields = rnd.nextInt(6);
            for (int f = 0; f < fields; f++) {
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        long v = rnd.nextLong();
                        log.l(v);
                        ref.writeLong(v);
                    }
                    case 1 -> {
                        double v = rnd.nextDouble() * 1e6;
                        log.d(v);
                        ref.writeLong(Double.doubleToLongBits(v));
                    }
                    default -> {
                        String v = strings.get(rnd.nextInt(strings.size()));
                        log.s(v);
                        byte[] b = v.getBytes(StandardCharsets.UTF_8);
                        ref.writeLong(b.length);
                        ref.write(b);
                    }
                }
            }
        }
        ref.flush();
        String want = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        assertThat(log.count()).isEqualTo(3000);
        assertThat(log.sha256()).isEqualTo(want);
    }

    @Test
    void emptyLogIsTheHashOfNothing() {
        assertThat(new EventLog().sha256())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
