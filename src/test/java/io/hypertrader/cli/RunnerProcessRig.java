package io.hypertrader.cli;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Network;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.sign.SigningKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code hypertrader} processes against the fake exchange on 127.0.0.1: a testnet
 * deployment of the shipped config as promote would store it, children started with the test's
 * classpath (their output in files), killed and cleaned up with the rig.
 */
final class RunnerProcessRig implements AutoCloseable {
    static final String KEY_HEX = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    static final String ACCOUNT = SigningKey.fromHex(KEY_HEX).address();

    final Path dir;
    final FakeHyperliquid fake;
    final Path db;
    private final List<Process> children = new ArrayList<>();

    RunnerProcessRig(Path dir) throws Exception {
        this.dir = dir;
        this.fake = FakeHyperliquid.start(Network.TESTNET);
        this.fake.addAccount(ACCOUNT, 10_000);
        this.db = dir.resolve("t.duckdb");
    }

    /** A store on the rig's database (each call opens it only for its own units of work). */
    LiveStore store() {
        return new LiveStore(DbAccess.file(db));
    }

    /** A testnet deployment of the shipped config (warm-up 5 bars, 20 % at 1x), as promote would store it. */
    String deploy() throws Exception {
        return deploy(Files.readString(Path.of("config/fib-hedge.yaml")));
    }

    /** The same on 1m bars (a market that moves within seconds), with further text replacements (pairs: from, to). */
    String deploy1m(String... replacements) throws Exception {
        String yaml = Files.readString(Path.of("config/fib-hedge.yaml")).replace("interval: 1h", "interval: 1m");
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            if (!yaml.contains(replacements[i])) {
                throw new IllegalArgumentException("config/fib-hedge.yaml has no '" + replacements[i] + "'");
            }
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        return deploy(yaml);
    }

    private String deploy(String shipped) throws Exception {
        String yaml = shipped.replace("warmupBars: 50", "warmupBars: 5")
                .replace("allocation: 1.0", "allocation: 0.2").replace("leverage: 3", "leverage: 1");
        Path cfg = dir.resolve("cfg.yaml");
        Files.writeString(cfg, yaml);
        TradingPlan plan = TradingPlan.of(ConfigLoader.load(cfg));
        LiveStore store = store();
        String id = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        store.insert(new LiveStore.Deployment(id, LiveStore.Stage.TESTNET, plan.hash(), plan.name(), cfg.toString(), plan.json(), ACCOUNT,
                "created", System.currentTimeMillis(), null, "test", 1L, plan.initialEquity(), null, null, null, null, null));
        return id;
    }

    /** {@code java -cp <test classpath> io.hypertrader.cli.HyperTraderCli args...}, output to files. */
    Process start(String name, String... args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HYPERTRADER_DB", db.toString());
        env.put("HYPERTRADER_API_URL", fake.baseUrl());
        env.put("HYPERTRADER_HOME", dir.resolve("home").toString());
        env.put("HYPERTRADER_PRIVATE_KEY", KEY_HEX);
        Process p = cli(dir, name, env, args);
        children.add(p);
        return p;
    }

    /**
     * A {@code hypertrader} process on the test's classpath with {@code env} added, its output in
     * {@code dir/name.out} and {@code dir/name.err}.
     */
    static Process cli(Path dir, String name, Map<String, String> env, String... args) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Duser.timezone=UTC",
                // the DuckDB driver unpacks 69 MB per JVM into the temp folder and a killed child keeps it: keep
                // those copies inside the test's folder, which JUnit deletes (data.DuckDbNativeCopies sweeps the rest)
                "-Djava.io.tmpdir=" + childTmp(dir), "-cp", System.getProperty("java.class.path"),
                HyperTraderCli.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Path childTmp(Path dir) throws java.io.IOException {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    String out(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
    }

    String err(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".err"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        fake.close();
    }
}
