package io.hypertrader.cli;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Network;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.sign.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gates that cannot be talked around by accident, through the commands: backtest evidence under a
 * lax simulator does not count, testnet evidence from another endpoint does not count unless named,
 * and the mainnet confirmation is typed (or passed), never printed by a refusal.
 */
class PromoteGatesTest {

    static final String ACCOUNT = SigningKey.fromHex("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d").address();
    static final String OTHER = "0x0000000000000000000000000000000000000001";

    @TempDir
    Path dir;
    Map<String, String> env;
    Path config;
    /** Lines "typed" at the terminal, in order; empty = no terminal. */
    final List<Optional<String>> typed = new ArrayList<>();
    final List<String> prompts = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        env = new HashMap<>(CliHarness.shippedDatasetEnv(dir));
        String yaml = Files.readString(Path.of("config/fib-hedge.yaml"))
                .replace("paperMaxDrawdown: 0.25", "paperMaxDrawdown: 0.9")
                .replace("paperMinTrades: 10", "paperMinTrades: 1")
                .replace("mainnetMinTestnetOrders: 100", "mainnetMinTestnetOrders: 3");
        config = dir.resolve("cfg.yaml");
        Files.writeString(config, yaml);
    }

    CliHarness.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        LinePrompt terminal = prompt -> {
            prompts.add(prompt);
            return typed.isEmpty() ? Optional.empty() : typed.remove(0);
        };
        int code = HyperTraderCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true), terminal).execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    static String runId(String backtestOut) {
        Matcher m = Pattern.compile("run {10}(\\S+)").matcher(backtestOut);
        assertThat(m.find()).as(backtestOut).isTrue();
        return m.group(1);
    }

    static String deploymentId(String out, String stage) {
        Matcher m = Pattern.compile("deployment (" + stage + "-[0-9a-f]{8}-\\d+) created").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void onlyARealisticOrStricterBacktestOfTheHashIsEvidenceAndTheGateSaysWhichItCounted() throws Exception {
        CliHarness.Result r = run("backtest", "--config", config.toString(), "--profile", "ideal", "--path", "worst-case");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String ideal = runId(r.out());
        r = run("promote", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("gate 'paper: backtest' failed: no backtest of config hash",
                "under the realistic simulator profile or a stricter one", ideal + " (profile ideal, path worst-case): tickRounding off");

        // called realistic, but with the fees switched off: the parameters decide, not the name
        Path freeFees = dir.resolve("free-fees.yaml");
        Files.writeString(freeFees, "profile: realistic\nfees: {makerBp: 0, takerBp: 0}\n");
        r = run("backtest", "--config", config.toString(), "--sim", freeFees.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String free = runId(r.out());
        r = run("promote", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains(free + " (profile realistic, path bullish-low-first): fees.makerBp 0 < 1.5, fees.takerBp 0 < 4.5");

        r = run("backtest", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String realistic = runId(r.out());
        r = run("backtest", "--config", config.toString(), "--profile", "seed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String seed = runId(r.out());
        r = run("promote", "--config", config.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("gate paper: backtest: backtest " + realistic + " (profile realistic, path bullish-low-first): max drawdown",
                "not counted (simulator laxer than realistic): " + seed + " (profile seed, path bullish-low-first): latency.model uniform < drift");
        String paper = deploymentId(r.out(), "paper");
        // the gate report is stored with the deployment
        LiveStore store = new LiveStore(DbAccess.file(Path.of(env.get("HYPERTRADER_DB"))));
        assertThat(store.deployment(paper).orElseThrow().gateReport()).contains("backtest " + realistic + " (profile realistic");

        // --accept-evidence-from is a mainnet flag
        r = run("promote", "--config", config.toString(), "--to", "testnet", "--account", ACCOUNT, "--accept-evidence-from",
                "http://127.0.0.1:9");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--accept-evidence-from: only a mainnet promotion counts testnet evidence");

        // a deployment keeps the endpoint of its first run; --lease-timeout must leave room for the polls
        store.recordEndpoint(paper, "http://127.0.0.1:1");
        env.put("HYPERTRADER_API_URL", "http://127.0.0.1:2");
        r = run("run", paper, "--max-bars", "1");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("deployment " + paper + " trades against http://127.0.0.1:1 (recorded by its first run); this run"
                + " would use http://127.0.0.1:2");
        r = run("run", paper, "--lease-timeout", "5s");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--lease-timeout 5s: must be at least 10s");
        r = run("run", paper, "--poll-ms", "20000", "--lease-timeout", "45s");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--lease-timeout 45s: must be at least 60s");
    }

    /** A testnet deployment of the config's hash that traded against {@code endpoint}: {@code n} orders, all accepted. */
    String testnetEvidence(LiveStore store, String endpoint, int n) {
        TradingPlan plan = TradingPlan.of(ConfigLoader.load(config));
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, plan.hash(), plan.name(), config.toString(), plan.json(),
                ACCOUNT, "stopped", System.currentTimeMillis(), null, "test", 1L, plan.initialEquity(), null, null, null, null, null));
        store.recordEndpoint(id, endpoint);
        for (long i = 1; i <= n; i++) {
            store.upsertOrder(id, new LiveStore.OrderRow(i, "0x" + Long.toHexString(i), 1_000 + i, "BTC", "BUY", "MARKET", "IOC", 0.01, null,
                    null, false, "entry", "FILLED", 0.01, 30_000.0, i, 30_000.0, i, null));
        }
        return id;
    }

    @Test
    void mainnetAsksForTheAddressToBeTypedAndNoRefusalPrintsIt() {
        LiveStore store = new LiveStore(DbAccess.file(Path.of(env.get("HYPERTRADER_DB"))));
        String local = testnetEvidence(store, "http://127.0.0.1:8080", 50);
        String[] promote = {"promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT};

        // 50 orders against a local server do not count
        CliHarness.Result r = run(promote);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("testnet orders sent 0 (minimum 3)", "counted: none", "not counted: " + local
                + " at http://127.0.0.1:8080 (50 sent): not Hyperliquid's testnet (" + Network.TESTNET.restUrl() + ")");
        String real = testnetEvidence(store, Network.TESTNET.restUrl(), 4);

        // no terminal and no flag: refused, and the refusal does not print the address to paste
        r = run(promote);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("mainnet needs a confirmation: type the account address or pass --confirm-mainnet with it");
        assertNoAddress(r);
        // typed wrong: refused without echoing the account
        typed.add(Optional.of(OTHER));
        r = run(promote);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("mainnet not confirmed: the typed address is not the --account given");
        assertNoAddress(r);
        assertThat(prompts).last().asString().isEqualTo("Mainnet trading with real money. Type the trading account's address to confirm: ");
        // typed right (any case): created, counting the real testnet only
        typed.add(Optional.of(ACCOUNT.toUpperCase(Locale.ROOT).replace("0X", "0x")));
        r = run(promote);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("testnet orders sent 4 (minimum 3), accepted 4", "counted: " + real + " at " + Network.TESTNET.restUrl()
                + " (4 sent, 4 accepted; Hyperliquid's testnet)", "not counted: " + local);
        String mainnet = deploymentId(r.out(), "mainnet");
        assertThat(prompts).noneMatch(p -> p.toLowerCase(Locale.ROOT).contains(ACCOUNT.substring(2)));

        // the cap and the renewal ask the same way
        r = run("promote", "--deployment", mainnet, "--raise-cap", "250");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("type the account address or pass --confirm-mainnet with it");
        assertNoAddress(r);
        r = run("promote", "--deployment", mainnet, "--reconfirm", "--confirm-mainnet", OTHER);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("mainnet not confirmed: --confirm-mainnet is not deployment " + mainnet + "'s account");
        assertNoAddress(r);
        typed.add(Optional.of(ACCOUNT));
        r = run("promote", "--deployment", mainnet, "--raise-cap", "250");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("100.00 -> 250.00 USDC");

        // an expired confirmation: run says how to renew it, without the address
        store.setConfirmation(mainnet, ACCOUNT, System.currentTimeMillis() - 1_000);
        r = run("run", mainnet, "--network", "mainnet", "--max-bars", "1");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err()).contains("the mainnet confirmation of " + mainnet + " expired", "renew it with: hypertrader promote --deployment "
                + mainnet + " --reconfirm (type the account address or pass --confirm-mainnet with it)");
        assertNoAddress(r);
    }

    static void assertNoAddress(CliHarness.Result r) {
        String all = (r.out() + r.err()).toLowerCase(Locale.ROOT);
        assertThat(all).doesNotContain(ACCOUNT.substring(2).toLowerCase(Locale.ROOT));
    }
}
