package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.JsonNode;
import org.web3j.crypto.Hash;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The L1 action hash Hyperliquid calls "connectionId": Keccak-256 of
 * {@code msgpack(action) || nonce (8 bytes BE) || vault marker || [0x00 || expiresAfter (8 bytes BE)]},
 * where the vault marker is {@code 0x00} without a vault and {@code 0x01 || 20 address bytes} with
 * one, and the expiresAfter block is present only when it is set.
 */
public final class ActionHash {

    private ActionHash() {
    }

    /** The bytes that are hashed (exposed so tests and debugging can compare layer by layer). */
    public static byte[] preimage(JsonNode action, long nonce, String vaultAddress, OptionalLong expiresAfter) {
        byte[] packed = ActionMsgpack.encode(action);
        int len = packed.length + 8 + (vaultAddress == null ? 1 : 21) + (expiresAfter.isPresent() ? 9 : 0);
        ByteBuffer buf = ByteBuffer.allocate(len);
        buf.put(packed);
        buf.putLong(nonce); // big-endian; nonces are ms timestamps, far below 2^63
        if (vaultAddress == null) {
            buf.put((byte) 0);
        } else {
            buf.put((byte) 1);
            buf.put(Addresses.bytes(vaultAddress));
        }
        if (expiresAfter.isPresent()) {
            buf.put((byte) 0);
            buf.putLong(expiresAfter.getAsLong());
        }
        return buf.array();
    }

    /** connectionId = keccak256(preimage), 32 bytes. */
    public static byte[] connectionId(JsonNode action, long nonce, String vaultAddress, OptionalLong expiresAfter) {
        return Hash.sha3(preimage(action, nonce, vaultAddress, expiresAfter));
    }
}
