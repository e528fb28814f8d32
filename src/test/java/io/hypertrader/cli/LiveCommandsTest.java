package io.hypertrader.cli;

import io.hypertrader.core.Interval;
import io.hypertrader.core.Network;
import io.hypertrader.data.Database;
import io.hypertrader.live.LiveFixtures;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.sign.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live-trading commands end to end, in-process, against the fake exchange on 127.0.0.1:
 * gates, a paper session, parity, a testnet session, stop --all --flatten, mainnet confirmation,
 * and a scan of every output, file and DuckDB text column for the private key.
 */
class LiveCommandsTest {

    static final String KEY_HEX = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    static final SigningKey KEY = SigningKey.fromHex(KEY_HEX);
    static final String ACCOUNT = KEY.address();

    @TempDir
    Path dir;
    FakeHyperliquid fake;
    Map<String, String> env;
    Path config;
    final List<String> captured = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeHyperliquid.start(Network.TESTNET);
        fake.addAccount(ACCOUNT, 10_000);
        new LiveFixtures.Script(fake, 5).add("BTC", LiveFixtures.candles(11, 400, System.currentTimeMillis(), 60_000, Interval.H1));
        env = new HashMap<>();
        env.put("HYPERTRADER_DB", dir.resolve("t.duckdb").toString());
        env.put("HYPERTRADER_API_URL", fake.baseUrl());
        env.put("HYPERTRADER_HOME", dir.resolve("home").toString());
        String yaml = Files.readString(Path.of("config/fib-hedge.yaml"))
                .replace("warmupBars: 50", "warmupBars: 5")
                .replace("minGainPct: 0.02", "minGainPct: 0.005")
                .replace("atrBars: 14", "atrBars: 5")
                .replace("allocation: 1.0", "allocation: 0.2")
                .replace("leverage: 3", "leverage: 1")
                .replace("paperMaxDrawdown: 0.25", "paperMaxDrawdown: 0.5")
                .replace("paperMinTrades: 10", "paperMinTrades: 1")
                .replace("testnetMinPaperHours: 24", "testnetMinPaperHours: 0")
                .replace("testnetMinPaperTrades: 5", "testnetMinPaperTrades: 1")
                .replace("mainnetMinTestnetOrders: 100", "mainnetMinTestnetOrders: 1");
        config = dir.resolve("cfg.yaml");
        Files.writeString(config, yaml);
        CliHarness.Result r = run(Map.of(), "data", "import", "datasets/synthetic-btc-1h.csv", "--coin", "BTC", "--interval", "1h",
                "--source", "synthetic");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @AfterEach
    void tearDown() throws Exception {
        fake.close();
    }

    CliHarness.Result run(Map<String, String> extra, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putAll(extra);
        CliHarness.Result r = CliHarness.run(e, args);
        captured.add(r.out());
        captured.add(r.err());
        return r;
    }

    CliHarness.Result run(String... args) {
        return run(Map.of(), args);
    }

    static String id(String out, String stage) {
        Matcher m = Pattern.compile("deployment (" + stage + "-[0-9a-f]{8}-\\d+) created").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    /** Writes to the original stream and to a buffer (so the session's log lines stay visible and are scanned). */
    static PrintStream tee(PrintStream original, ByteArrayOutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (copy) {
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (copy) {
                    copy.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Test
    void promoteRunParityStopAndNoKeyAnywhere() throws Exception {
        // everything the process prints while the session runs (slf4j-simple logs to System.err) is scanned too
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        System.setErr(tee(err, logs));
        System.setOut(tee(out, logs));
        try {
            session();
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String printed;
        synchronized (logs) {
            printed = logs.toString(StandardCharsets.UTF_8);
        }
        // the capture is real: the WebSocket feed logged its switch to the socket through slf4j
        assertThat(printed).contains("market data on the websocket");
        captured.add(printed);
        // the key appears nowhere: outputs, logs, files beside the database and reports, any text column of the database
        scanForKey();
    }

    void session() throws Exception {
        Map<String, String> withKey = Map.of("HYPERTRADER_PRIVATE_KEY", KEY_HEX);

        // paper gate: no backtest yet
        CliHarness.Result r = run("promote", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("gate 'paper: backtest' failed", "no backtest of config hash");

        r = run("backtest", "--config", config.toString(), "--reports", dir.resolve("reports").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (Stream<Path> reports = Files.walk(dir.resolve("reports"))) {
            assertThat(reports.filter(Files::isRegularFile).count()).as("the backtest wrote its report").isGreaterThan(0);
        }
        r = run("promote", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("gate paper: backtest: backtest ", "max drawdown", "fills");
        String paper = id(r.out(), "paper");

        // testnet gate: the paper deployment has not traded yet
        r = run("promote", "--config", config.toString(), "--to", "testnet", "--account", ACCOUNT);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("gate 'testnet: paper run' failed", "0 fills (minimum 1)");

        r = run("run", paper, "--max-bars", "40", "--poll-ms", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ended (bounded): 40 live bars");

        r = run("parity", paper);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // paper trades in real time at live prices: parity lists where the backtest of the recorded candles differs
        assertThat(r.out()).containsPattern("parity " + paper + " \\(paper\\): orders [1-9]\\d* journaled / \\d+ in the backtest")
                .containsAnyOf("no differences", "differences:");
        // the replay of its recorded live stream (the points it acted on) through the same kernel and simulator
        // takes the same decisions at the same times and fills the same: no difference
        assertThat(r.out()).containsPattern("live stream: [1-9]\\d* price points, \\d+ bars, \\d+ funding settlements replayed:"
                + " orders (\\d+) journaled / \\1 in the stream replay");
        assertThat(r.out().substring(r.out().indexOf("live stream:"))).contains("no differences");

        r = run("promote", "--config", config.toString(), "--to", "testnet", "--account", ACCOUNT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String testnet = id(r.out(), "testnet");

        r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("gate 'mainnet: testnet orders' failed", "testnet orders sent 0 (minimum 1)");

        r = run(withKey, "run", testnet, "--max-bars", "25", "--poll-ms", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("reconciled:", "ended (bounded)");
        assertThat(fake.orders(ACCOUNT)).isNotEmpty();

        r = run("status");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(paper, testnet, "positions:");
        r = run("orders", testnet);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1 + fake.orders(ACCOUNT).size());
        r = run("fills", testnet);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1 + fake.fills(ACCOUNT).size());

        // a stray resting order and the open position: stop --all --flatten clears both
        assertThat(fake.position(ACCOUNT, "BTC").signum()).as("the testnet session left a position to flatten").isNotZero();
        r = run(withKey, "stop", "--all", "--flatten");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(fake.orders(ACCOUNT).stream().filter(FakeHyperliquid.FakeOrder::isOpen)).isEmpty();
        assertThat(fake.position(ACCOUNT, "BTC")).isEqualByComparingTo(BigDecimal.ZERO);
        r = run("run", testnet, "--max-bars", "1");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("was stopped");

        // mainnet: the testnet evidence was gathered on the local fake, which counts only when accepted by name
        r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("gate 'mainnet: testnet orders' failed", "counted: none",
                "not counted: " + testnet + " at " + fake.baseUrl(), "not Hyperliquid's testnet");
        String accept = "--accept-evidence-from=" + fake.baseUrl();
        // the gate holds with it; the confirmation is demanded and checked, and no refusal prints the address
        r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, accept);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("mainnet needs a confirmation", "type the account address or pass --confirm-mainnet with it");
        assertThat(r.err().toLowerCase(Locale.ROOT)).doesNotContain(ACCOUNT.toLowerCase(Locale.ROOT));
        r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, accept, "--confirm-mainnet",
                "0x0000000000000000000000000000000000000001");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("mainnet not confirmed", "is not the --account given");
        assertThat(r.err().toLowerCase(Locale.ROOT)).doesNotContain(ACCOUNT.toLowerCase(Locale.ROOT));
        r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, accept, "--confirm-mainnet", ACCOUNT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("position cap 100.00 USDC", "counted: " + testnet + " at " + fake.baseUrl(),
                "accepted with --accept-evidence-from");
        String mainnet = id(r.out(), "mainnet");
        r = run("promote", "--deployment", mainnet, "--raise-cap", "250", "--confirm-mainnet", ACCOUNT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("100.00 -> 250.00 USDC");
        r = run(withKey, "run", mainnet, "--network", "testnet", "--max-bars", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("does not match deployment");

        // perturb one journaled paper fill: parity lists it
        try (Database db = Database.open(Path.of(env.get("HYPERTRADER_DB"))); Statement st = db.connection().createStatement()) {
            st.execute("UPDATE live_fills SET price = price * 1.001 WHERE deployment_id = '" + paper + "' AND fill_key = 'p1.1'");
        }
        r = run("parity", paper);
        // the replay of the recorded stream now differs in exactly that fill's price
        String stream = r.out().substring(r.out().indexOf("live stream:"));
        assertThat(stream).contains("1 differences:", "fill #1 (p1.1): price");
    }

    void scanForKey() throws Exception {
        String hex = KEY_HEX.substring(2).toLowerCase(Locale.ROOT);
        List<String> needles = List.of(hex, hex.toUpperCase(Locale.ROOT));
        for (String s : captured) {
            for (String n : needles) {
                assertThat(s).doesNotContain(n);
            }
        }
        int files = 0;
        List<Path> scanned = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                files++;
                scanned.add(p);
                for (String n : needles) {
                    assertThat(text).as(p.toString()).doesNotContain(n);
                }
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(2);
        // the report folder and the shared nonce file were among them
        assertThat(scanned).anyMatch(p -> p.startsWith(dir.resolve("reports")));
        assertThat(scanned).contains(dir.resolve("home").resolve("nonces"));
        int columns = 0;
        try (Database db = Database.open(Path.of(env.get("HYPERTRADER_DB"))); Statement st = db.connection().createStatement()) {
            List<String[]> cols = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name, column_name FROM information_schema.columns WHERE data_type = 'VARCHAR'")) {
                while (rs.next()) {
                    cols.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] c : cols) {
                columns++;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + c[0] + "\" WHERE lower(\"" + c[1] + "\") LIKE '%" + hex + "%'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(c[0] + "." + c[1]).isZero();
                }
            }
        }
        assertThat(columns).isGreaterThan(50);
    }
}
