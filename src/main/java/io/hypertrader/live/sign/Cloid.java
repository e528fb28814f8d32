package io.hypertrader.live.sign;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A Hyperliquid client order id: {@code 0x} plus 32 lowercase hex digits (128 bits). Live cloids
 * are derived from (deployment id, sequence number) so the same logical order always carries the
 * same cloid: a retry after a timeout can look it up and can never become a second order.
 */
public record Cloid(String hex) {

    private static final Pattern FORMAT = Pattern.compile("^0x[0-9a-f]{32}$");

    public Cloid {
        if (hex == null || !FORMAT.matcher(hex).matches()) {
            throw new IllegalArgumentException("cloid must be 0x followed by 32 lowercase hex digits, got '" + hex + "'");
        }
    }

    /** Parses a cloid, accepting upper-case hex (normalised to lowercase, since the hash is case-sensitive). */
    public static Cloid parse(String text) {
        return new Cloid(text == null ? null : text.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The cloid of the {@code sequence}-th order of a deployment: the first 16 bytes of
     * keccak256(UTF-8(deploymentId) || 0x00 || sequence as 8 bytes big-endian).
     */
    public static Cloid derive(String deploymentId, long sequence) {
        if (deploymentId == null || deploymentId.isEmpty()) {
            throw new IllegalArgumentException("deploymentId must not be empty");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        byte[] id = deploymentId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(id.length + 9).put(id).put((byte) 0).putLong(sequence);
        byte[] h = Hash.sha3(buf.array());
        byte[] first = new byte[16];
        System.arraycopy(h, 0, first, 0, 16);
        return new Cloid(Numeric.toHexString(first));
    }

    /** The SDK's {@code Cloid.from_int}: the integer zero-padded to 32 hex digits. */
    public static Cloid ofInt(long value) {
        return new Cloid(String.format(java.util.Locale.ROOT, "0x%032x", value));
    }

    @Override
    public String toString() {
        return hex;
    }
}
