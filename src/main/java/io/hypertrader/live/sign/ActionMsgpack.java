package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.JsonNode;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * MessagePack encoding of an action exactly as Hyperliquid hashes it: map keys in insertion
 * order, integers in their smallest encoding (uint64 above {@code Long.MAX_VALUE} included),
 * strings as fixstr/str8/str16 by length, booleans. Floating-point numbers and nulls are refused
 * with the path of the offending field: a float would hash differently from the server's decimal
 * string, and optional keys must be omitted rather than sent as null.
 */
public final class ActionMsgpack {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

    private ActionMsgpack() {
    }

    /** The msgpack bytes of {@code action}; throws {@link IllegalArgumentException} naming the bad field. */
    public static byte[] encode(JsonNode action) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, action, "action");
            packer.flush();
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory buffer: cannot happen
        }
    }

    /** Checks that {@code node} can be hashed (no floats, no nulls, integers within uint64/int64). */
    public static void validate(JsonNode node) {
        encode(node);
    }

    private static void pack(MessagePacker p, JsonNode n, String path) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                p.packMapHeader(n.size());
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    p.packString(e.getKey());
                    pack(p, e.getValue(), path + "." + e.getKey());
                }
            }
            case ARRAY -> {
                p.packArrayHeader(n.size());
                for (int i = 0; i < n.size(); i++) {
                    pack(p, n.get(i), path + "[" + i + "]");
                }
            }
            case STRING -> p.packString(n.textValue());
            case BOOLEAN -> p.packBoolean(n.booleanValue());
            case NUMBER -> packNumber(p, n, path);
            case NULL -> throw new IllegalArgumentException(path
                    + ": null is not allowed in a signed action; omit the key instead");
            default -> throw new IllegalArgumentException(path + ": unsupported JSON value " + n.getNodeType());
        }
    }

    private static void packNumber(MessagePacker p, JsonNode n, String path) throws IOException {
        if (n.isIntegralNumber()) {
            if (n.canConvertToLong()) {
                p.packLong(n.longValue());
                return;
            }
            BigInteger v = n.bigIntegerValue();
            if (v.compareTo(UINT64_MAX) > 0 || v.compareTo(INT64_MIN) < 0) {
                throw new IllegalArgumentException(path + ": integer " + v + " does not fit in 64 bits");
            }
            p.packBigInteger(v);
            return;
        }
        throw new IllegalArgumentException(path + ": floating-point number " + n.asText()
                + " is not allowed in a signed action; write prices and sizes as decimal strings (\"1.5\")"
                + " and ids, times and leverage as integers");
    }
}
