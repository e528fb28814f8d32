package io.hypertrader.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keys import/list/generate and the rule that a key never shows up anywhere: every captured
 * stdout/stderr of a full import-list-sign-error session and every file written is scanned for
 * the key hex.
 */
class KeysCommandTest {

    // Test key B (Rust SDK tests), public: never fund it.
    static final String KEY_B = "e908f86dbb4d55ac876378565aafeabc187f6690f046459397b17d9b9a19688e";
    static final String ADDRESS_B = "0xcd49bbac6e85fdeb167eb7ca41a945d2b8758f6f";
    static final String PASS = "correct horse battery";

    @TempDir
    Path tmp;

    Map<String, String> env() {
        return Map.of("HYPERTRADER_HOME", tmp.resolve("home").toString(), "HYPERTRADER_KEY_PASSPHRASE", PASS);
    }

    @Test
    void importListSignAndNoLeakAnywhere() throws Exception {
        List<String> captured = new ArrayList<>();
        Path keyFile = tmp.resolve("key.txt");
        Files.writeString(keyFile, "\n  0x" + KEY_B + "  \n");

        CliHarness.Result imp = CliHarness.run(env(), "keys", "import", "--from-file", keyFile.toString());
        capture(captured, imp);
        assertThat(imp.exitCode()).as(imp.err()).isZero();
        assertThat(imp.out()).contains(ADDRESS_B);
        Path stored = tmp.resolve("home/keys/" + ADDRESS_B + ".json");
        assertThat(stored).exists();
        assertThat(Files.readString(stored)).contains("\"version\":3").contains("scrypt");

        CliHarness.Result again = CliHarness.run(env(), "keys", "import", "--from-file", keyFile.toString());
        capture(captured, again);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("--force");

        CliHarness.Result list = CliHarness.run(env(), "keys", "list");
        capture(captured, list);
        assertThat(list.out().trim()).isEqualTo(ADDRESS_B);

        Path action = tmp.resolve("noop.json");
        Files.writeString(action, "{\"type\":\"noop\"}");
        CliHarness.Result sign = CliHarness.run(env(), "sign", "--action-file", action.toString(), "--nonce", "1700000000000");
        capture(captured, sign);
        assertThat(sign.exitCode()).as(sign.err()).isZero();
        assertThat(sign.err()).contains(ADDRESS_B).doesNotContain("warning");

        Map<String, String> wrongPass = Map.of("HYPERTRADER_HOME", tmp.resolve("home").toString(), "HYPERTRADER_KEY_PASSPHRASE", "not the passphrase");
        CliHarness.Result bad = CliHarness.run(wrongPass, "sign", "--action-file", action.toString(), "--nonce", "1");
        capture(captured, bad);
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("wrong passphrase");

        // A malformed key in the environment: the error must not echo it.
        String almost = KEY_B.substring(0, 63) + "z";
        CliHarness.Result badEnv = CliHarness.run(Map.of("HYPERTRADER_PRIVATE_KEY", almost), "sign", "--action-file", action.toString(), "--nonce", "1");
        capture(captured, badEnv);
        assertThat(badEnv.exitCode()).isEqualTo(2);
        assertThat(badEnv.err()).doesNotContain(almost.substring(0, 20));

        for (String[] help : new String[][]{{"--help"}, {"keys", "--help"}, {"keys", "import", "--help"}, {"sign", "--help"}}) {
            CliHarness.Result h = CliHarness.run(env(), help);
            capture(captured, h);
        }

        String all = String.join("\n", captured).toLowerCase(Locale.ROOT);
        assertThat(all).doesNotContain(KEY_B).doesNotContain(KEY_B.substring(0, 16)).doesNotContain(PASS);
        try (Stream<Path> files = Files.walk(tmp.resolve("home"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(f).toLowerCase(Locale.ROOT);
                assertThat(content).as(f.toString()).doesNotContain(KEY_B).doesNotContain(PASS);
            }
        }
        if (stored.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
        }
    }

    @Test
    void importFromStdinAndGenerate() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((KEY_B + "\n").getBytes(StandardCharsets.UTF_8)));
            CliHarness.Result imp = CliHarness.run(env(), "keys", "import", "--stdin");
            assertThat(imp.exitCode()).as(imp.err()).isZero();
            assertThat(imp.out()).contains(ADDRESS_B).doesNotContain(KEY_B);
        } finally {
            System.setIn(saved);
        }
        CliHarness.Result gen = CliHarness.run(env(), "keys", "generate");
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        String fresh = gen.out().trim();
        assertThat(fresh).matches("0x[0-9a-f]{40}").isNotEqualTo(ADDRESS_B);
        CliHarness.Result list = CliHarness.run(env(), "keys", "list");
        assertThat(list.out().lines().toList()).containsExactlyInAnyOrder(ADDRESS_B, fresh);
        // Two keys and no --key: the command must ask which.
        Path action = tmp.resolve("noop.json");
        Files.writeString(action, "{\"type\":\"noop\"}");
        CliHarness.Result ambiguous = CliHarness.run(env(), "sign", "--action-file", action.toString(), "--nonce", "1");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("--key");
        CliHarness.Result chosen = CliHarness.run(env(), "sign", "--action-file", action.toString(), "--nonce", "1", "--key", fresh);
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    }

    @Test
    void refusesShortPassphraseAndMissingTerminal() throws Exception {
        Path keyFile = tmp.resolve("key.txt");
        Files.writeString(keyFile, KEY_B);
        Map<String, String> shortPass = Map.of("HYPERTRADER_HOME", tmp.resolve("home").toString(), "HYPERTRADER_KEY_PASSPHRASE", "short");
        CliHarness.Result r = CliHarness.run(shortPass, "keys", "import", "--from-file", keyFile.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("at least 8");
        CliHarness.Result noTty = CliHarness.run(Map.of("HYPERTRADER_HOME", tmp.resolve("home").toString()), "keys", "import");
        assertThat(noTty.exitCode()).isEqualTo(2);
        assertThat(noTty.err()).contains("--stdin");
    }

    private static void capture(List<String> sink, CliHarness.Result r) {
        sink.add(r.out());
        sink.add(r.err());
    }
}
