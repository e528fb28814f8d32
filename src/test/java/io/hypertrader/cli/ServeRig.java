package io.hypertrader.cli;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Network;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.exchange.ExchangeOrder;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.fake.FakeHyperliquid;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskRule;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hypertrader serve --port 0} running in-process (on its own thread, stopped by interrupting
 * it) against a database holding one deployment per stage, and the local fake exchange where the
 * testnet deployment's account holds a BTC position and a resting order. The config of the paper and
 * testnet deployments is named {@code <script>alert(1)</script>}: the pages must show it as text.
 */
final class ServeRig implements AutoCloseable {

    static final String KEY_HEX = "0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    static final SigningKey KEY = SigningKey.fromHex(KEY_HEX);
    static final String ACCOUNT = KEY.address();
    static final String HOSTILE_NAME = "<script>alert(1)</script>";
    static final Pattern SERVING = Pattern.compile("^SERVING (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{64}))$", Pattern.MULTILINE);

    final Path dir;
    final FakeHyperliquid fake;
    final Path db;
    final Map<String, String> env = new HashMap<>();
    String paper;
    String testnet;
    String mainnet;
    final String url;
    final int port;
    final String token;
    final String servingLine;
    private final Thread thread;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int exitCode = -1;

    ServeRig(Path dir) throws Exception {
        this.dir = dir;
        this.fake = FakeHyperliquid.start(Network.TESTNET);
        fake.addAccount(ACCOUNT, 100_000);
        fake.setMid("BTC", "30000");
        this.db = dir.resolve("t.duckdb");
        env.put("HYPERTRADER_DB", db.toString());
        env.put("HYPERTRADER_API_URL", fake.baseUrl());
        env.put("HYPERTRADER_HOME", dir.resolve("home").toString());
        env.put("HYPERTRADER_REPORTS", dir.resolve("reports").toString());
        env.put("HYPERTRADER_PRIVATE_KEY", KEY_HEX);
        deploy();
        trade();
        thread = new Thread(() -> exitCode = HyperTraderCli.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("serve", "--port", "0", "--wait-ms", "2000"), "serve");
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        Matcher m = SERVING.matcher("");
        while (!(m = SERVING.matcher(out())).find()) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("serve did not print its SERVING line (exit " + exitCode + "): " + out() + err());
            }
            Thread.sleep(20);
        }
        this.servingLine = m.group(0);
        this.url = m.group(1);
        this.port = Integer.parseInt(m.group(2));
        this.token = m.group(3);
    }

    String out() {
        synchronized (out) {
            return out.toString();
        }
    }

    String err() {
        synchronized (err) {
            return err.toString();
        }
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    LiveStore store() {
        return new LiveStore(DbAccess.file(db));
    }

    /** One deployment per stage, as promote stores them; the mainnet one already stopped (no mainnet exchange here). */
    private void deploy() throws Exception {
        String yaml = Files.readString(Path.of("config/fib-hedge.yaml")).replace("name: fib-hedge-btc-1h",
                "name: \"" + HOSTILE_NAME + "\"");
        Path cfg = dir.resolve("cfg.yaml");
        Files.writeString(cfg, yaml);
        TradingPlan plan = TradingPlan.of(ConfigLoader.load(cfg));
        LiveStore store = store();
        long now = System.currentTimeMillis();
        paper = store.newDeploymentId(LiveStore.Stage.PAPER, plan.hash());
        store.insert(new LiveStore.Deployment(paper, LiveStore.Stage.PAPER, plan.hash(), plan.name(), cfg.toString(), plan.json(), null,
                "created", now, null, "test", 1L, plan.initialEquity(), null, null, null, null, null));
        testnet = store.newDeploymentId(LiveStore.Stage.TESTNET, plan.hash());
        store.insert(new LiveStore.Deployment(testnet, LiveStore.Stage.TESTNET, plan.hash(), plan.name(), cfg.toString(), plan.json(),
                ACCOUNT, "created", now, paper, "test", 1L, plan.initialEquity(), null, null, null, null, null));
        mainnet = store.newDeploymentId(LiveStore.Stage.MAINNET, plan.hash());
        store.insert(new LiveStore.Deployment(mainnet, LiveStore.Stage.MAINNET, plan.hash(), "mainnet-cfg", cfg.toString(), plan.json(),
                ACCOUNT, "created", now, testnet, "test", 1L, plan.initialEquity(), 100.0, ACCOUNT, now + 3_600_000, null, null));
        store.setStatus(mainnet, "stopped", now, "test");
        // the testnet deployment's record: equity snapshots, an order that filled with slippage, a risk event
        for (int i = 0; i < 4; i++) {
            store.append(testnet, LiveStore.Entry.of(now - 4_000 + i * 1000L, null, "snapshot", null, null, null, null, null,
                    10_000.0 + 25 * i * (i % 2 == 0 ? 1 : -1), "equity=" + (10_000 + 25 * i)));
        }
        store.upsertOrder(testnet, new LiveStore.OrderRow(1, "0x0001", 4242L, "BTC", "BUY", "LIMIT", "IOC", 0.01, 30_100.0, null,
                false, "entry", "FILLED", 0.01, 30_010.0, now - 3000, 30_000.0, now - 3000, null));
        store.insertFill(testnet, new LiveStore.FillRow("t1", 1L, "BTC", "BUY", now - 3000, 30_010.0, 0.01, 0.13, false, false));
        store.riskEvent(testnet, new RiskEvent(now - 2000, RiskRule.values()[0], "BTC", RiskEvent.Action.REFUSED,
                "order refused: reason with <b>markup</b>"));
    }

    /** On the exchange: the testnet account buys 0.01 BTC and leaves a bid resting far below. */
    private void trade() throws Exception {
        SharedBudgetTransport transport = SharedBudgetTransport.create(fake.baseUrl());
        TradingInfoClient info = new TradingInfoClient(transport);
        HyperliquidExchangeClient c = new HyperliquidExchangeClient(transport, new HyperliquidSigner(KEY, Network.TESTNET),
                new NonceSource(System::currentTimeMillis), info, info.meta(), ACCOUNT, null, HyperliquidExchangeClient.Settings.DEFAULTS,
                System::currentTimeMillis, Thread::sleep);
        c.place(ExchangeOrder.limit("BTC", true, new BigDecimal("31000"), new BigDecimal("0.01"), ExchangeOrder.Tif.IOC,
                Cloid.derive("rig", 1)));
        c.place(ExchangeOrder.limit("BTC", true, new BigDecimal("20000"), new BigDecimal("0.01"), ExchangeOrder.Tif.GTC,
                Cloid.derive("rig", 2)));
        if (fake.position(ACCOUNT, "BTC").signum() == 0 || fake.orders(ACCOUNT).stream().noneMatch(FakeHyperliquid.FakeOrder::isOpen)) {
            throw new AssertionError("the rig's account should hold a position and a resting order");
        }
    }

    @Override
    public void close() throws Exception {
        thread.interrupt();
        thread.join(10_000);
        fake.close();
    }
}
