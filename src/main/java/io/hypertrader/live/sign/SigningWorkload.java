package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;

import java.util.OptionalLong;

/**
 * A benchmark hook: signs one typical order action (one BTC Gtc limit with a cloid) the way the
 * live client does, so a harness can time it. Uses the Python SDK's public test key, which must
 * never hold funds. Each call signs with a fresh nonce, so nothing is cached between calls.
 */
public final class SigningWorkload {

    private static final SigningKey TEST_KEY = SigningKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");

    private final HyperliquidSigner signer;
    private final ObjectNode action;
    private final String nonceMultiplier;
    private long nonce = 1_700_000_000_000L;

    private SigningWorkload(Network network, GeneratorMultiplier nonceMultiplier) {
        this.signer = new HyperliquidSigner(TEST_KEY, network, nonceMultiplier);
        this.nonceMultiplier = nonceMultiplier.label();
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("type", "order");
        ObjectNode o = a.putArray("orders").addObject();
        o.put("a", 0).put("b", true).put("p", "67012").put("s", "0.0015").put("r", false);
        o.putObject("t").putObject("limit").put("tif", "Gtc");
        o.put("c", Cloid.derive("bench", 1).hex());
        a.put("grouping", "na");
        this.action = a;
    }

    /** A workload signing for {@code network} (the network only changes the agent source byte). */
    public static SigningWorkload typicalOrder(Network network) {
        return new SigningWorkload(network, GeneratorMultiplier.preferred());
    }

    /** The same workload forced onto the pure-Java k·G (BouncyCastle), the fallback where libsecp256k1 does not load. */
    public static SigningWorkload typicalOrderPureJava(Network network) {
        return new SigningWorkload(network, GeneratorMultiplier.bouncyCastle());
    }

    /** Which k·G implementation signs: "libsecp256k1" (native) or "bouncycastle" (pure Java). */
    public String nonceMultiplier() {
        return nonceMultiplier;
    }

    /** Signs the order once (msgpack, keccak, EIP-712 digest, secp256k1) and returns the signature's v as a sink value. */
    public int signOnce() {
        return signer.signL1(action, nonce++, null, OptionalLong.empty()).signature().v();
    }

    /** The full signed body, for checking what is being timed. */
    public ExchangeRequest signOnceRequest() {
        return signer.signL1(action, nonce++, null, OptionalLong.empty());
    }
}
