package io.hypertrader.live.sign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.Network;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our own layout tests: vault marker, expiresAfter tail, number encodings, refusals, user-signed digests. */
class SignerLayoutTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final SigningKey KEY = SigningKey.fromHex(SigningVectorsTest.KEY_A);

    static ObjectNode dummy() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("type", "dummy");
        a.put("num", 100000000000L);
        return a;
    }

    @Test
    void preimageTailWithVaultAndExpiresAfter() {
        byte[] packed = ActionMsgpack.encode(dummy());
        byte[] pre = ActionHash.preimage(dummy(), 1234567890L, "0x1234567890123456789012345678901234567890",
                OptionalLong.of(1234567890L));
        byte[] tail = Arrays.copyOfRange(pre, packed.length, pre.length);
        // nonce | 01 + vault | 00 + expiresAfter  (the signing example of docs/exchange.md)
        assertThat(Numeric.toHexStringNoPrefix(tail)).isEqualTo(
                "00000000499602d2" + "01" + "1234567890123456789012345678901234567890" + "00" + "00000000499602d2");
    }

    @Test
    void preimageTailWithExpiresAfterOnly() {
        byte[] packed = ActionMsgpack.encode(dummy());
        byte[] pre = ActionHash.preimage(dummy(), 1700000000000L, null, OptionalLong.of(1700000060000L));
        assertThat(Numeric.toHexStringNoPrefix(Arrays.copyOfRange(pre, packed.length, pre.length)))
                .isEqualTo("0000018bcfe56800" + "00" + "00" + "0000018bcfe65260");
    }

    @Test
    void vaultAddressCaseDoesNotChangeTheHashButPresenceDoes() {
        byte[] lower = ActionHash.connectionId(dummy(), 0, "0x1719884eb866cb12b2287399b15f7db5e7d775ea", OptionalLong.empty());
        byte[] upper = ActionHash.connectionId(dummy(), 0, "0x1719884EB866CB12B2287399B15F7DB5E7D775EA", OptionalLong.empty());
        byte[] none = ActionHash.connectionId(dummy(), 0, null, OptionalLong.empty());
        assertThat(lower).isEqualTo(upper);
        assertThat(lower).isNotEqualTo(none);
        assertThat(Numeric.toHexString(lower)).isEqualTo("0xde9e09a7a3da45cc694096d4bfdcd89bc1b892d05497c5ecc1f56c335945184c");
    }

    @Test
    void expiresAfterIsSignedAndSentAndRecovers() {
        HyperliquidSigner signer = new HyperliquidSigner(KEY, Network.TESTNET);
        ExchangeRequest req = signer.signL1(dummy(), 1700000000000L, "0x1719884EB866CB12B2287399B15F7DB5E7D775EA",
                OptionalLong.of(1700000060000L));
        ObjectNode body = req.toJson();
        assertThat(body.get("vaultAddress").asText()).isEqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        assertThat(body.get("expiresAfter").asLong()).isEqualTo(1700000060000L);
        ExchangeRequest parsed = ExchangeRequest.fromJson(body);
        assertThat(parsed.signature().recoverSigner(HyperliquidSigner.digestOf(parsed, Network.TESTNET))).isEqualTo(KEY.address());
        // Dropping expiresAfter from the body changes the digest: the signer no longer recovers.
        ExchangeRequest stripped = new ExchangeRequest(parsed.action(), parsed.nonce(), parsed.signature(), parsed.vaultAddress(), null);
        assertThat(stripped.signature().recoverSigner(HyperliquidSigner.digestOf(stripped, Network.TESTNET))).isNotEqualTo(KEY.address());
    }

    @Test
    void bodyWithoutVaultOrExpiryOmitsThoseKeysAndKeepsActionKeyOrder() throws Exception {
        ObjectNode action = (ObjectNode) JSON.readTree("{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}");
        String body = JSON.writeValueAsString(new HyperliquidSigner(KEY, Network.MAINNET).signL1(action, 0).toJson());
        assertThat(body).startsWith("{\"action\":{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"},\"nonce\":0,\"signature\":{\"r\":\"0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e\",");
        assertThat(body).doesNotContain("vaultAddress").doesNotContain("expiresAfter");
    }

    @Test
    void msgpackUsesSmallestIntegerEncodingsAndUint64() throws Exception {
        assertThat(hex("{\"n\":5}")).isEqualTo("81a16e05");
        assertThat(hex("{\"n\":200}")).isEqualTo("81a16eccc8");
        assertThat(hex("{\"n\":70000}")).isEqualTo("81a16ece00011170");
        assertThat(hex("{\"n\":-3}")).isEqualTo("81a16efd");
        assertThat(hex("{\"n\":12312312312300000000}")).isEqualTo("81a16ecfaade1ed08a4f5300");
        assertThat(hex("{\"s\":\"" + "x".repeat(300) + "\"}")).startsWith("81a173da012c");
    }

    @Test
    void floatsNullsAndOversizedIntegersAreRefusedWithTheirPath() throws Exception {
        assertThatThrownBy(() -> ActionMsgpack.encode(JSON.readTree("{\"orders\":[{\"p\":100.5}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action.orders[0].p").hasMessageContaining("floating-point");
        assertThatThrownBy(() -> ActionMsgpack.encode(JSON.readTree("{\"time\":null}")))
                .hasMessageContaining("action.time").hasMessageContaining("omit the key");
        assertThatThrownBy(() -> ActionMsgpack.encode(JSON.readTree("{\"n\":18446744073709551616}")))
                .hasMessageContaining("does not fit in 64 bits");
    }

    @Test
    void userSignedDigestEqualsWeb3jStructuredDataEncoder() throws Exception {
        ObjectNode action = JsonNodeFactory.instance.objectNode();
        action.put("type", "approveAgent");
        action.put("agentAddress", "0x5e9ee1089755c3435139848e47e6635505d5a13a");
        action.put("agentName", "bot1");
        action.put("nonce", 1716531066415L);
        ExchangeRequest req = new HyperliquidSigner(KEY, Network.TESTNET).signUserAction(action);
        assertThat(req.action().get("signatureChainId").asText()).isEqualTo("0x66eee");
        assertThat(req.action().get("hyperliquidChain").asText()).isEqualTo("Testnet");
        assertThat(req.nonce()).isEqualTo(1716531066415L);

        String typed = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                  {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                 "HyperliquidTransaction:ApproveAgent":[{"name":"hyperliquidChain","type":"string"},
                  {"name":"agentAddress","type":"address"},{"name":"agentName","type":"string"},{"name":"nonce","type":"uint64"}]},
                 "primaryType":"HyperliquidTransaction:ApproveAgent",
                 "domain":{"name":"HyperliquidSignTransaction","version":"1","chainId":421614,
                  "verifyingContract":"0x0000000000000000000000000000000000000000"},
                 "message":{"hyperliquidChain":"Testnet","agentAddress":"0x5e9ee1089755c3435139848e47e6635505d5a13a",
                  "agentName":"bot1","nonce":1716531066415}}""";
        byte[] expected = new StructuredDataEncoder(typed).hashStructuredData();
        byte[] ours = HyperliquidSigner.digestOf(req, Network.TESTNET);
        assertThat(Numeric.toHexString(ours)).isEqualTo(Numeric.toHexString(expected));
        assertThat(req.signature().recoverSigner(ours)).isEqualTo(KEY.address());
    }

    @Test
    void l1DigestEqualsWeb3jStructuredDataEncoder() throws Exception {
        byte[] cid = ActionHash.connectionId(dummy(), 42, null, OptionalLong.empty());
        String typed = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                  {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                 "Agent":[{"name":"source","type":"string"},{"name":"connectionId","type":"bytes32"}]},
                 "primaryType":"Agent",
                 "domain":{"name":"Exchange","version":"1","chainId":1337,"verifyingContract":"0x0000000000000000000000000000000000000000"},
                 "message":{"source":"b","connectionId":"%s"}}""".formatted(Numeric.toHexString(cid));
        assertThat(Eip712.l1Digest(cid, false)).isEqualTo(new StructuredDataEncoder(typed).hashStructuredData());
    }

    @Test
    void unnamedAgentIsSignedWithEmptyNameAndPostedWithoutIt() {
        ExchangeRequest req = new HyperliquidSigner(KEY, Network.MAINNET)
                .approveAgent("0x5E9EE1089755C3435139848E47E6635505D5A13A", "", 1716531066415L);
        assertThat(req.action().has("agentName")).isFalse();
        assertThat(req.action().get("agentAddress").asText()).isEqualTo("0x5e9ee1089755c3435139848e47e6635505d5a13a");
        assertThat(req.action().get("hyperliquidChain").asText()).isEqualTo("Mainnet");
        assertThat(req.signature().recoverSigner(HyperliquidSigner.digestOf(req, Network.MAINNET))).isEqualTo(KEY.address());
    }

    @Test
    void userSignedActionRefusesAMismatchedChainAndL1SignerRefusesUserActions() {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("type", "usdSend");
        a.put("hyperliquidChain", "Mainnet");
        a.put("destination", "0x0000000000000000000000000000000000000001");
        a.put("amount", "1");
        a.put("time", 1L);
        assertThatThrownBy(() -> new HyperliquidSigner(KEY, Network.TESTNET).signUserAction(a))
                .hasMessageContaining("hyperliquidChain");
        assertThatThrownBy(() -> new HyperliquidSigner(KEY, Network.TESTNET).signL1(a, 1))
                .hasMessageContaining("user-signed");
    }

    @Test
    void signatureWireFormatPadsAndParses() {
        Signature s = new Signature(new BigInteger("53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298", 16), BigInteger.TWO, 27);
        assertThat(s.rHex()).isEqualTo("0x053749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298");
        assertThat(Signature.fromJson(s.toJson())).isEqualTo(s);
        assertThatThrownBy(() -> new Signature(BigInteger.ONE, BigInteger.ONE, 29)).hasMessageContaining("27 or 28");
    }

    @Test
    void fastSignerMatchesWeb3jOnRandomKeysAndDigestsOnEveryPath() {
        java.util.List<GeneratorMultiplier> paths = Multipliers.all();
        java.util.Random rnd = new java.util.Random(20261121);
        for (int i = 0; i < 300; i++) {
            byte[] keyBytes = new byte[32];
            rnd.nextBytes(keyBytes);
            keyBytes[0] &= 0x7f; // stay below the group order
            keyBytes[31] |= 1;   // never zero
            SigningKey key = SigningKey.fromHex(Numeric.toHexStringNoPrefixZeroPadded(new BigInteger(1, keyBytes), 64));
            byte[] digest = new byte[32];
            rnd.nextBytes(digest);
            Signature reference = Signature.of(key.signDigestWeb3j(digest));
            for (GeneratorMultiplier path : paths) {
                Signature fast = key.signDigest(digest, path);
                assertThat(fast).as("case %d via %s", i, path).isEqualTo(reference);
                assertThat(fast.recoverSigner(digest)).as("case %d via %s", i, path).isEqualTo(key.address());
            }
            assertThat(key.signDigest(digest)).as("case %d via the preferred path", i).isEqualTo(reference);
        }
    }

    @Test
    void keyNeverAppearsInToStringOrErrors() {
        String hex = "0123456789012345678901234567890123456789012345678901234567890123";
        SigningKey key = SigningKey.fromHex("0x" + hex);
        HyperliquidSigner signer = new HyperliquidSigner(key, Network.MAINNET);
        ExchangeRequest req = signer.signL1(dummy(), 1);
        for (String text : new String[]{key.toString(), signer.toString(), req.toString(), String.valueOf(req.toJson())}) {
            assertThat(text).doesNotContain(hex).doesNotContain(hex.substring(8, 40));
        }
        assertThat(key.toString()).contains(key.address()).contains("redacted");
        String bad = hex.substring(0, 60) + "zzzz";
        assertThatThrownBy(() -> SigningKey.fromHex(bad)).satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.substring(0, 20)));
        assertThatThrownBy(() -> SigningKey.fromHex("0x" + "f".repeat(64))).satisfies(e -> assertThat(e.getMessage()).doesNotContain("ffffffff"));
    }

    private static String hex(String json) throws Exception {
        return Numeric.toHexStringNoPrefix(ActionMsgpack.encode(JSON.readTree(json)));
    }
}
