package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.security.SignatureException;

/**
 * An ECDSA secp256k1 signature as Hyperliquid expects it: r and s as 256-bit integers, v = 27 or 28.
 * On the wire r and s are 0x-prefixed hex padded to 64 digits (the Python SDK drops leading zeros;
 * the server accepts both, so compare numerically).
 */
public record Signature(BigInteger r, BigInteger s, int v) {

    public Signature {
        if (r == null || s == null || r.signum() <= 0 || s.signum() <= 0 || r.bitLength() > 256 || s.bitLength() > 256) {
            throw new IllegalArgumentException("signature r and s must be positive 256-bit integers");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28, got " + v);
        }
    }

    static Signature of(Sign.SignatureData d) {
        return new Signature(new BigInteger(1, d.getR()), new BigInteger(1, d.getS()), d.getV()[0] & 0xff);
    }

    /** Parses the wire form {@code {"r":"0x..","s":"0x..","v":27}}. */
    public static Signature fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || !n.isObject() || !n.path("r").isTextual() || !n.path("s").isTextual() || !n.path("v").isIntegralNumber()) {
            throw new IllegalArgumentException("signature must be {\"r\":\"0x..\",\"s\":\"0x..\",\"v\":27|28}");
        }
        return new Signature(Numeric.toBigInt(n.get("r").textValue()), Numeric.toBigInt(n.get("s").textValue()),
                n.get("v").intValue());
    }

    public String rHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(r, 64);
    }

    public String sHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(s, 64);
    }

    /** {@code {"r":"0x..","s":"0x..","v":27}} in that key order. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("r", rHex());
        o.put("s", sHex());
        o.put("v", v);
        return o;
    }

    /** The address (lowercase, 0x) whose key produced this signature over {@code digest}, as the exchange recovers it. */
    public String recoverSigner(byte[] digest) {
        Sign.SignatureData data = new Sign.SignatureData((byte) v, Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
        try {
            BigInteger pub = Sign.signedMessageHashToKey(digest, data);
            return "0x" + Keys.getAddress(pub);
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature does not recover a public key: " + e.getMessage(), e);
        }
    }
}
