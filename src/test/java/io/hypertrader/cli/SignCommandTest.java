package io.hypertrader.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.core.Network;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignCommandTest {

    static final String KEY_A = "0x0123456789012345678901234567890123456789012345678901234567890123";
    static final String ADDRESS_A = "0x14791697260e4c9a71f18484c9f997b308e59325";
    static final String PY2 = "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Map<String, String> envWithKey() {
        return Map.of("HYPERTRADER_PRIVATE_KEY", KEY_A, "HYPERTRADER_HOME", tmp.resolve("home").toString());
    }

    Path write(String name, String content) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void printsTheExactBodyOfVectorPy2OnBothNetworks() throws Exception {
        Path file = write("order.json", PY2);
        CliHarness.Result main = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "0");
        assertThat(main.exitCode()).as(main.err()).isZero();
        String body = main.out().trim();
        assertThat(body).startsWith("{\"action\":" + PY2 + ",\"nonce\":0,\"signature\":{");
        JsonNode sig = JSON.readTree(body).get("signature");
        assertThat(Numeric.toBigInt(sig.get("r").asText())).isEqualTo(Numeric.toBigInt("0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e"));
        assertThat(Numeric.toBigInt(sig.get("s").asText())).isEqualTo(Numeric.toBigInt("0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e"));
        assertThat(sig.get("v").asInt()).isEqualTo(28);
        assertThat(main.err()).contains("warning").contains("HYPERTRADER_PRIVATE_KEY");

        CliHarness.Result test = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "0", "--network", "testnet");
        JsonNode tsig = JSON.readTree(test.out()).get("signature");
        assertThat(Numeric.toBigInt(tsig.get("r").asText())).isEqualTo(Numeric.toBigInt("0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54"));
        assertThat(tsig.get("v").asInt()).isEqualTo(27);
    }

    @Test
    void vaultAndExpiresAfterAreSignedAndPrinted() throws Exception {
        Path file = write("dummy.json", "{\"type\":\"dummy\",\"num\":100000000000}");
        CliHarness.Result r = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "1700000000000",
                "--vault", "0x1719884EB866CB12B2287399B15F7DB5E7D775EA", "--expires-after", "1700000060000", "--network", "testnet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.get("vaultAddress").asText()).isEqualTo("0x1719884eb866cb12b2287399b15f7db5e7d775ea");
        assertThat(body.get("expiresAfter").asLong()).isEqualTo(1700000060000L);
        assertThat(body.get("nonce").asLong()).isEqualTo(1700000000000L);
        ExchangeRequest req = ExchangeRequest.fromJson(body);
        assertThat(req.signature().recoverSigner(HyperliquidSigner.digestOf(req, Network.TESTNET))).isEqualTo(ADDRESS_A);
    }

    @Test
    void keyOrderOfTheFileIsPreservedEvenWhenUnusual() throws Exception {
        // A non-canonical order hashes differently; the command must not "fix" it silently.
        Path file = write("odd.json", "{\"type\":\"scheduleCancel\",\"time\":12312312312300000000}");
        CliHarness.Result r = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"action\":{\"type\":\"scheduleCancel\",\"time\":12312312312300000000},\"nonce\":5,");
        Path reversed = write("rev.json", "{\"b\":1,\"a\":2,\"type\":\"x\"}");
        CliHarness.Result r2 = CliHarness.run(envWithKey(), "sign", "--action-file", reversed.toString(), "--nonce", "5");
        assertThat(r2.out()).startsWith("{\"action\":{\"b\":1,\"a\":2,\"type\":\"x\"},");
    }

    @Test
    void floatsAreRefusedWithTheFieldPath() throws Exception {
        Path file = write("float.json", "{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":100.5,\"s\":\"1\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"}");
        CliHarness.Result r = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("action.orders[0].p").contains("floating-point").contains("100.5");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badInputsAreUsageErrors() throws Exception {
        Path notObject = write("arr.json", "[1,2]");
        assertThat(CliHarness.run(envWithKey(), "sign", "--action-file", notObject.toString(), "--nonce", "1").exitCode()).isEqualTo(2);
        Path dup = write("dup.json", "{\"type\":\"x\",\"type\":\"y\"}");
        CliHarness.Result d = CliHarness.run(envWithKey(), "sign", "--action-file", dup.toString(), "--nonce", "1");
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).contains("Duplicate field");
        CliHarness.Result missing = CliHarness.run(envWithKey(), "sign", "--action-file", tmp.resolve("nope.json").toString(), "--nonce", "1");
        assertThat(missing.exitCode()).isEqualTo(2);
        Path ok = write("ok.json", "{\"type\":\"noop\"}");
        CliHarness.Result badVault = CliHarness.run(envWithKey(), "sign", "--action-file", ok.toString(), "--nonce", "1", "--vault", "0x12");
        assertThat(badVault.exitCode()).isEqualTo(2);
        assertThat(badVault.err()).contains("--vault");
        CliHarness.Result noKey = CliHarness.run(Map.of("HYPERTRADER_HOME", tmp.resolve("empty").toString()),
                "sign", "--action-file", ok.toString(), "--nonce", "1");
        assertThat(noKey.exitCode()).isEqualTo(3);
        assertThat(noKey.err()).contains("keys import");
    }

    @Test
    void userSignedActionsUseTheirSchemeAndTheActionNonce() throws Exception {
        Path file = write("agent.json", "{\"type\":\"approveAgent\",\"agentAddress\":\"0x5e9ee1089755c3435139848e47e6635505d5a13a\",\"agentName\":\"bot1\",\"nonce\":1716531066415}");
        CliHarness.Result wrongNonce = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "1");
        assertThat(wrongNonce.exitCode()).isEqualTo(2);
        assertThat(wrongNonce.err()).contains("must equal action.nonce");
        CliHarness.Result r = CliHarness.run(envWithKey(), "sign", "--action-file", file.toString(), "--nonce", "1716531066415", "--network", "testnet");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.at("/action/signatureChainId").asText()).isEqualTo("0x66eee");
        assertThat(body.at("/action/hyperliquidChain").asText()).isEqualTo("Testnet");
        ExchangeRequest req = ExchangeRequest.fromJson(body);
        assertThat(req.signature().recoverSigner(HyperliquidSigner.digestOf(req, Network.TESTNET))).isEqualTo(ADDRESS_A);
    }
}
