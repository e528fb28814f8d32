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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code promote --capital}: stored on the deployment, shown by promote and status, outside the
 * config hash (a promoted config keeps its promotion chain whatever capital it is given).
 */
class PromoteCapitalTest {

    static final String ACCOUNT = SigningKey.fromHex("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d").address();

    @TempDir
    Path dir;
    Map<String, String> env;
    Path config;
    LiveStore store;
    TradingPlan plan;

    @BeforeEach
    void setUp() throws Exception {
        env = new HashMap<>(CliHarness.shippedDatasetEnv(dir));
        config = dir.resolve("cfg.yaml");
        Files.writeString(config, Files.readString(Path.of("config/fib-hedge.yaml")).replace("mainnetMinTestnetOrders: 100",
                "mainnetMinTestnetOrders: 3"));
        plan = TradingPlan.of(ConfigLoader.load(config));
        store = new LiveStore(DbAccess.file(Path.of(env.get("HYPERTRADER_DB"))));
        // testnet evidence of the hash on Hyperliquid's testnet, so the mainnet gate holds without a session
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, plan.hash(), plan.name(), config.toString(), plan.json(),
                ACCOUNT, "stopped", System.currentTimeMillis(), null, "test", 1L, plan.initialEquity(), null, null, null, null, null));
        store.recordEndpoint(id, Network.TESTNET.restUrl());
        for (long i = 1; i <= 3; i++) {
            store.upsertOrder(id, new LiveStore.OrderRow(i, "0x" + Long.toHexString(i), 1_000 + i, "BTC", "BUY", "MARKET", "IOC", 0.01,
                    null, null, false, "entry", "FILLED", 0.01, 30_000.0, i, 30_000.0, i, null));
        }
    }

    CliHarness.Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HyperTraderCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true), p -> Optional.empty())
                .execute(args);
        return new CliHarness.Result(code, out.toString(), err.toString());
    }

    static String deploymentId(String out) {
        Matcher m = Pattern.compile("deployment (mainnet-[0-9a-f]{8}-\\d+) created").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void capitalIsStoredShownAndLeavesTheConfigHashAlone() {
        String[] mainnet = {"promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, "--confirm-mainnet", ACCOUNT};
        CliHarness.Result r = run(concat(mainnet, "--capital", "2500"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        // 2,500 x allocation 1 x (1 - 0.1) x leverage 3 = 6,750 USDC, above the mainnet cap of 100
        assertThat(r.out()).contains("capital 2500.00 USDC", "BTC first entry 6750.00 USDC, scaled down to the cap 100.00 USDC");
        String withCapital = deploymentId(r.out());
        LiveStore.Deployment d = store.deployment(withCapital).orElseThrow();
        assertThat(d.capital(plan.initialEquity())).isEqualTo(2_500);
        assertThat(d.configHash()).isEqualTo(plan.hash());
        assertThat(store.journal(withCapital)).anyMatch(e -> e.kind().equals("promote") && e.detail().contains("capital 2500.00 USDC"));

        // without --capital: the config's account.initialEquity, the same config hash
        r = run(mainnet);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String byDefault = deploymentId(r.out());
        assertThat(r.out()).contains("capital 10000.00 USDC");
        assertThat(store.deployment(byDefault).orElseThrow().capital(-1)).isEqualTo(plan.initialEquity());
        assertThat(store.deployment(byDefault).orElseThrow().configHash()).isEqualTo(d.configHash());

        r = run("status", withCapital);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("capital 2500.00 USDC, realized P&L +0.00 USDC: sizes from 2500.00 USDC",
                "cycle cap 100.00 USDC", "exposure 0.00 USDC");
    }

    @Test
    void aCapitalThatCouldNeverPlaceAnEntryIsRefused() {
        String[] mainnet = {"promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, "--confirm-mainnet", ACCOUNT};
        CliHarness.Result r = run(concat(mainnet, "--capital", "3"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--capital 3.0: BTC's first entry would be 8.10 USDC, below the exchange's minimum order of 10 USDC");
        r = run(concat(mainnet, "--capital", "-5"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--capital: must be a positive USDC amount");
        assertThat(store.deployments(plan.hash(), LiveStore.Stage.MAINNET)).isEmpty();
    }

    @Test
    void anExistingTestnetOrMainnetDeploymentGetsANewCapitalFromItsNextRun() {
        CliHarness.Result r = run("promote", "--config", config.toString(), "--to", "mainnet", "--account", ACCOUNT, "--confirm-mainnet",
                ACCOUNT, "--capital", "2500");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String mainnet = deploymentId(r.out());

        // mainnet: only with the confirmation, which nothing prints
        r = run("promote", "--deployment", mainnet, "--capital", "5000");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(store.deployment(mainnet).orElseThrow().capital(-1)).isEqualTo(2_500);
        r = run("promote", "--deployment", mainnet, "--capital", "5000", "--confirm-mainnet", ACCOUNT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("deployment " + mainnet + ": capital 2500.00 -> 5000.00 USDC (takes effect at the next run start)",
                "BTC first entry 13500.00 USDC, scaled down to the cap 100.00 USDC");
        LiveStore.Deployment d = store.deployment(mainnet).orElseThrow();
        assertThat(d.capital(-1)).isEqualTo(5_000);
        assertThat(d.configHash()).isEqualTo(plan.hash());
        assertThat(store.journal(mainnet)).anyMatch(e -> e.kind().equals("capital")
                && e.detail().equals("capital 2500.00 -> 5000.00 USDC, confirmed by " + ACCOUNT));

        // testnet: no confirmation needed; a stopped deployment never runs again; paper would rewrite its journal
        String testnet = insert(LiveStore.Stage.TESTNET, "created");
        r = run("promote", "--deployment", testnet, "--capital", "750");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(store.deployment(testnet).orElseThrow().capital(-1)).isEqualTo(750);
        String stopped = insert(LiveStore.Stage.TESTNET, "stopped");
        r = run("promote", "--deployment", stopped, "--capital", "750");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("the deployment is stopped");
        String paper = insert(LiveStore.Stage.PAPER, "created");
        r = run("promote", "--deployment", paper, "--capital", "750");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("a paper deployment's book is rebuilt from its capital");
        assertThat(store.deployment(paper).orElseThrow().capital(-1)).isEqualTo(plan.initialEquity());
    }

    String insert(LiveStore.Stage stage, String status) {
        String id = store.newDeploymentId(stage, plan.hash());
        store.insert(new LiveStore.Deployment(id, stage, plan.hash(), plan.name(), config.toString(), plan.json(),
                stage == LiveStore.Stage.PAPER ? null : ACCOUNT, status, System.currentTimeMillis(), null, "test", 1L,
                plan.initialEquity(), null, null, null, null, null));
        return id;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
