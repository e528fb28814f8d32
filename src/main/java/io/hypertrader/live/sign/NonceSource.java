package io.hypertrader.live.sign;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Nonces for one signer: unique and strictly increasing, {@code next = max(now, last + 1)} in ms.
 * Hyperliquid keeps the 100 highest nonces per signer and accepts a new one only if it is larger
 * than the smallest of them and inside (now - 2 days, now + 1 day), so a burst of requests within
 * one millisecond runs slightly ahead of the clock and catches up afterwards.
 *
 * <p>Two flavours. {@link #NonceSource(LongSupplier)} keeps {@code last} in memory: unique within
 * one instance. {@link #shared(Path, String, LongSupplier)} keeps {@code last} per signer address
 * in a small text file ({@code <address> <nonce>} per line) read and rewritten under an exclusive
 * {@link FileChannel#lock() file lock} for every nonce, so every process (a runner and a
 * {@code stop} command signing with the same key) and every instance draws from one increasing
 * sequence per signer. The page cache makes the write visible to other processes at once; no
 * fsync is needed because the sequence also follows the clock (a lost file after an OS crash
 * only costs the clash protection within the same millisecond). If the file cannot be used the
 * source logs one warning and continues in memory (the exchange refuses a duplicate nonce, it
 * never applies an action twice).
 */
public final class NonceSource {

    private static final Logger LOG = LoggerFactory.getLogger(NonceSource.class);
    /** One JVM-wide monitor per file: FileChannel locks are per process and cannot nest across channels. */
    private static final Map<Path, Object> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final LongSupplier clockMs;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    private final Path file;
    private final String signer;
    private volatile boolean fileBroken;

    /** An in-memory source. @param clockMs wall clock in epoch ms ({@code System::currentTimeMillis} in production) */
    public NonceSource(LongSupplier clockMs) {
        this(clockMs, null, null);
    }

    private NonceSource(LongSupplier clockMs, Path file, String signer) {
        this.clockMs = Objects.requireNonNull(clockMs);
        this.file = file;
        this.signer = signer;
    }

    public static NonceSource systemClock() {
        return new NonceSource(System::currentTimeMillis);
    }

    /**
     * A source whose sequence per signer is shared through {@code file} by every process and
     * instance using the same file (created with its folder when missing).
     *
     * @param signerAddress the address of the signing key (0x + 40 hex; case-insensitive)
     */
    public static NonceSource shared(Path file, String signerAddress, LongSupplier clockMs) {
        Path f = file.toAbsolutePath().normalize();
        return new NonceSource(clockMs, f, Addresses.normalize(signerAddress, "signer address"));
    }

    /** The nonce file under a user config folder: {@code <home>/nonces}. */
    public static Path fileIn(Path home) {
        return home.resolve("nonces");
    }

    /** The next nonce: never repeats, never decreases, even if the clock steps back. */
    public long next() {
        if (file != null && !fileBroken) {
            try {
                return nextShared();
            } catch (IOException | RuntimeException e) {
                fileBroken = true;
                LOG.warn("nonce file {} unusable ({}); nonces stay unique in this process only", file, e.toString());
            }
        }
        long now = clockMs.getAsLong();
        return last.updateAndGet(prev -> Math.max(now, prev + 1));
    }

    private long nextShared() throws IOException {
        Object monitor = PROCESS_LOCKS.computeIfAbsent(file, k -> new Object());
        synchronized (monitor) {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                Map<String, Long> table = read(ch);
                long prev = Math.max(last.get(), table.getOrDefault(signer, Long.MIN_VALUE));
                long n = Math.max(clockMs.getAsLong(), prev + 1);
                table.put(signer, n);
                write(ch, table);
                last.accumulateAndGet(n, Math::max);
                return n;
            }
        }
    }

    private static Map<String, Long> read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > 1 << 20) {
            throw new IOException("nonce file larger than 1 MiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // fill
        }
        Map<String, Long> table = new LinkedHashMap<>();
        for (String line : new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).split("\n")) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 2 && p[0].startsWith("0x")) {
                try {
                    table.put(p[0].toLowerCase(Locale.ROOT), Long.parseLong(p[1]));
                } catch (NumberFormatException e) {
                    // a torn line (crash mid-write): the clock still bounds the next nonce from below
                }
            }
        }
        return table;
    }

    private static void write(FileChannel ch, Map<String, Long> table) throws IOException {
        StringBuilder sb = new StringBuilder();
        table.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        ByteBuffer out = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII));
        int len = out.remaining();
        ch.position(0);
        while (out.hasRemaining()) {
            ch.write(out);
        }
        ch.truncate(len); // after writing: a crash never leaves the file empty
    }

    /** The last nonce handed out by this instance, or {@code Long.MIN_VALUE} before the first. */
    public long last() {
        return last.get();
    }

    /** The shared file, or null for an in-memory source. */
    public Path file() {
        return file;
    }
}
