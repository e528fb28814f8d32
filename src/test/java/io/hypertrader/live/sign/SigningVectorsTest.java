package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every official vector of HYPERLIQUID-SIGNING-VECTORS.md sections 1 and 6 (Python SDK
 * tests/signing_test.py): msgpack bytes, connectionId, EIP-712 digest and r/s/v on both networks.
 */
class SigningVectorsTest {

    static final String KEY_A = "0x0123456789012345678901234567890123456789012345678901234567890123";
    static final String ADDRESS_A = "0x14791697260e4c9a71f18484c9f997b308e59325";
    static final ObjectMapper JSON = new ObjectMapper();

    record Vector(String name, String action, long nonce, String vault, String msgpackHex, String connectionId,
                  String rMain, String sMain, int vMain, String rTest, String sTest, int vTest) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() {
        return Stream.of(
                new Vector("PY-1", "{\"type\":\"dummy\",\"num\":100000000000}", 0, null,
                        "82a474797065a564756d6d79a36e756dcf000000174876e800",
                        "0xf528daee6a0bd11407b483cfcd9a48c56884180b70ee86f124053e5fc1bf4d57",
                        "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
                        "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27,
                        "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
                        "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613", 28),
                new Vector("PY-2", "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}", 0, null,
                        "83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a17481a56c696d697481a3746966a3477463a867726f7570696e67a26e61",
                        "0x884f2c32bb6dbdd65f6033e32fb28c0cb6f5b345db0f6471fd3366d85c9252c1",
                        "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
                        "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e", 28,
                        "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
                        "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5", 27),
                new Vector("PY-3", "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}},\"c\":\"0x00000000000000000000000000000001\"}],\"grouping\":\"na\"}", 0, null,
                        "83a474797065a56f72646572a66f72646572739187a16101a162c3a170a3313030a173a3313030a172c2a17481a56c696d697481a3746966a3477463a163d92230783030303030303030303030303030303030303030303030303030303030303031a867726f7570696e67a26e61",
                        "0x0ba500cedd8f4ba6ded620a0b1cd04f124d9ba745e2e2893fcc763bcc1444af5",
                        "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
                        "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da", 27,
                        "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
                        "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988", 28),
                new Vector("PY-4", "{\"type\":\"dummy\",\"num\":100000000000}", 0, "0x1719884eb866cb12b2287399b15f7db5e7d775ea",
                        "82a474797065a564756d6d79a36e756dcf000000174876e800",
                        "0xde9e09a7a3da45cc694096d4bfdcd89bc1b892d05497c5ecc1f56c335945184c",
                        "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
                        "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c", 28,
                        "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
                        "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60", 27),
                new Vector("PY-5", "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"103\",\"tpsl\":\"sl\"}}}],\"grouping\":\"na\"}", 0, null,
                        "83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a17481a77472696767657283a869734d61726b6574c3a9747269676765725078a3313033a47470736ca2736ca867726f7570696e67a26e61",
                        "0x430a86fb9876e901920d931f5bb20c9d011f6389bd179f39a73c09e6219adcad",
                        "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9",
                        "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405", 27,
                        "0x971c554d917c44e0e1b6cc45d8f9404f32172a9d3b3566262347d0302896a2e4",
                        "0x206257b104788f80450f8e786c329daa589aa0b32ba96948201ae556d5637eac", 28));
    }

    static ObjectNode parse(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void msgpackBytesMatch(Vector v) throws Exception {
        assertThat(Numeric.toHexStringNoPrefix(ActionMsgpack.encode(parse(v.action())))).isEqualTo(v.msgpackHex());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void connectionIdMatches(Vector v) throws Exception {
        byte[] id = ActionHash.connectionId(parse(v.action()), v.nonce(), v.vault(), OptionalLong.empty());
        assertThat(Numeric.toHexString(id)).isEqualTo(v.connectionId());
    }

    /** Every vector through every k·G path (BouncyCastle, and libsecp256k1 where it ships). */
    static Stream<Arguments> vectorsOnEveryPath() {
        return vectors().flatMap(v -> Multipliers.all().stream().map(m -> Arguments.of(v, m)));
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("vectorsOnEveryPath")
    void mainnetSignatureMatches(Vector v, GeneratorMultiplier path) throws Exception {
        ExchangeRequest req = new HyperliquidSigner(SigningKey.fromHex(KEY_A), Network.MAINNET, path)
                .signL1(parse(v.action()), v.nonce(), v.vault(), OptionalLong.empty());
        assertThat(req.signature().r()).isEqualTo(Numeric.toBigInt(v.rMain()));
        assertThat(req.signature().s()).isEqualTo(Numeric.toBigInt(v.sMain()));
        assertThat(req.signature().v()).isEqualTo(v.vMain());
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("vectorsOnEveryPath")
    void testnetSignatureMatches(Vector v, GeneratorMultiplier path) throws Exception {
        ExchangeRequest req = new HyperliquidSigner(SigningKey.fromHex(KEY_A), Network.TESTNET, path)
                .signL1(parse(v.action()), v.nonce(), v.vault(), OptionalLong.empty());
        assertThat(req.signature().r()).isEqualTo(Numeric.toBigInt(v.rTest()));
        assertThat(req.signature().s()).isEqualTo(Numeric.toBigInt(v.sTest()));
        assertThat(req.signature().v()).isEqualTo(v.vTest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signatureRecoversTheSignerOnlyOnItsOwnNetwork(Vector v) throws Exception {
        ExchangeRequest req = new HyperliquidSigner(SigningKey.fromHex(KEY_A), Network.MAINNET)
                .signL1(parse(v.action()), v.nonce(), v.vault(), OptionalLong.empty());
        assertThat(req.signature().recoverSigner(HyperliquidSigner.digestOf(req, Network.MAINNET))).isEqualTo(ADDRESS_A);
        assertThat(req.signature().recoverSigner(HyperliquidSigner.digestOf(req, Network.TESTNET))).isNotEqualTo(ADDRESS_A);
    }

    @Test
    void py0PhantomAgentProductionHash() throws Exception {
        ObjectNode action = parse("{\"type\":\"order\",\"orders\":[{\"a\":4,\"b\":true,\"p\":\"1670.1\",\"s\":\"0.0147\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Ioc\"}}}],\"grouping\":\"na\"}");
        assertThat(Numeric.toHexStringNoPrefix(ActionMsgpack.encode(action))).isEqualTo(
                "83a474797065a56f72646572a66f72646572739186a16104a162c3a170a6313637302e31a173a6302e30313437a172c2a17481a56c696d697481a3746966a3496f63a867726f7570696e67a26e61");
        assertThat(Numeric.toHexString(ActionHash.connectionId(action, 1677777606040L, null, OptionalLong.empty())))
                .isEqualTo("0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908");
    }

    @Test
    void testKeyAddressMatches() {
        assertThat(SigningKey.fromHex(KEY_A).address()).isEqualTo(ADDRESS_A);
        assertThat(SigningKey.fromHex("0xe908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e").address())
                .isEqualTo("0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f");
        assertThat(SigningKey.fromHex("0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff").address())
                .isEqualTo("0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901");
    }

    // ---- section 6: EIP-712 constants and the PY-2 worked digest ----

    @Test
    void eip712Constants() {
        assertThat(Numeric.toHexString(Eip712.DOMAIN_TYPEHASH))
                .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
        assertThat(Numeric.toHexString(Eip712.AGENT_TYPEHASH))
                .isEqualTo("0x26f05c2f7239b6983075e58321292d77b3aa173d19b27257ac96ab362570f508");
        assertThat(Numeric.toHexString(Eip712.L1_DOMAIN_SEPARATOR))
                .isEqualTo("0xd79297fcdf2ffcd4ae223d01edaa2ba214ff8f401d7c9300d995d17c82aa4040");
        assertThat(Numeric.toHexString(Eip712.domainSeparator("HyperliquidSignTransaction", "1", BigInteger.valueOf(0x66eee))))
                .isEqualTo("0xfeb1393ca4412a4ca577bd51d04f0a77033514c602f4d0a11490fb95f7428df6");
        assertThat(Numeric.toHexString(Eip712.domainSeparator("HyperliquidSignTransaction", "1", BigInteger.valueOf(0xa4b1))))
                .isEqualTo("0x2f54e643b38c9c2b65cb731aaf11c54f01705ee0cdf45aea16e2ac0a5ce7531a");
    }

    @Test
    void py2WorkedDigest() throws Exception {
        ObjectNode action = parse(vectors().filter(v -> v.name().equals("PY-2")).findFirst().orElseThrow().action());
        assertThat(Numeric.toHexStringNoPrefix(ActionHash.preimage(action, 0, null, OptionalLong.empty()))).isEqualTo(
                "83a474797065a56f72646572a66f72646572739186a16101a162c3a170a3313030a173a3313030a172c2a17481a56c696d697481a3746966a3477463a867726f7570696e67a26e61000000000000000000");
        byte[] cid = ActionHash.connectionId(action, 0, null, OptionalLong.empty());
        assertThat(Numeric.toHexString(Eip712.agentStructHash(cid, true)))
                .isEqualTo("0x56a652ccec8b12829fce3495c42fc8428b58e3ad04d124c8f46d1955a4da1fbc");
        assertThat(Numeric.toHexString(Eip712.l1Digest(cid, true)))
                .isEqualTo("0xa5cfed1f2d7948de30aecacc7fea3c5e05c1e759020e96239847879b906f801e");
        assertThat(Numeric.toHexString(Eip712.l1Digest(cid, false)))
                .isEqualTo("0x606be2d25f68768f876dc04a2c3c86ceafd2d6a3c3cbb963454462d6734ebfa6");
    }
}
