package io.hypertrader.exec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical binary rendering of a run's events, hashed with SHA-256: same config, data and
 * seed give the same bytes, hence the same hash. Each record is a type byte followed by fixed
 * fields: longs big-endian, doubles as their IEEE-754 bits (exact), strings as UTF-8 with a length.
 * Only events are hashed (orders, fills, refusals, liquidations, transfers, the final totals),
 * never wall time.
 */
public final class EventLog {
    /** Big-endian 8-byte stores into the buffer: one bounds check and one store per long. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final MessageDigest digest;
    private final byte[] buf = new byte[4096];
    private int len;
    private long count;

    public EventLog() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Starts a record of the given type. */
    public EventLog begin(char type) {
        flushIfFull(1);
        buf[len++] = (byte) type;
        count++;
        return this;
    }

    public EventLog l(long v) {
        flushIfFull(8);
        LONG_BE.set(buf, len, v);
        len += 8;
        return this;
    }

    public EventLog d(double v) {
        return l(Double.doubleToLongBits(v));
    }

    public EventLog s(String v) {
        int n = v.length();
        if (n <= 256) {
            // ASCII (coin names, reasons) is its own UTF-8: copy it into the buffer, no byte[] per string
            flushIfFull(8 + n);
            int at = len + 8;
            boolean ascii = true;
            for (int i = 0; i < n; i++) {
                char ch = v.charAt(i);
                if (ch >= 0x80) {
                    ascii = false;
                    break;
                }
                buf[at + i] = (byte) ch;
            }
            if (ascii) {
                l(n);
                len += n;
                return this;
            }
        }
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        l(b.length);
        flush();
        digest.update(b);
        return this;
    }

    private void flushIfFull(int need) {
        if (len + need > buf.length) {
            flush();
        }
    }

    private void flush() {
        digest.update(buf, 0, len);
        len = 0;
    }

    /** Records written so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of everything written, as lower-case hex; the log can not be written after. */
    public String sha256() {
        flush();
        return HexFormat.of().formatHex(digest.digest());
    }
}
