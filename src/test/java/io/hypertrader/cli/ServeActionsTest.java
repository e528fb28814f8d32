package io.hypertrader.cli;

import io.hypertrader.live.store.LiveStore;
import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's actions pass the CLI's gates and confirmations, because they are the CLI's code:
 * promote is refused by the same gate, a mainnet re-confirmation needs the account address typed
 * (and no refusal shows it), a stop stops.
 */
class ServeActionsTest {

    @TempDir
    Path dir;
    ServeRig rig;
    String cookie;
    String csrf;
    ServeHttp http;

    @BeforeEach
    void start() throws Exception {
        rig = new ServeRig(dir);
        http = new ServeHttp(rig);
        cookie = http.login();
        csrf = ServeHttp.csrf(http.get("/", cookie).body());
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    ServeHttp.Answer post(String path, FormBody.Builder form) throws Exception {
        return http.send(new Request.Builder().url(rig.base() + path).header("Cookie", cookie)
                .post(form.add("csrf", csrf).build()).build());
    }

    @Test
    void promoteIsRefusedByTheSameGateAsTheCommand() throws Exception {
        ServeHttp.Answer a = post("/promote", new FormBody.Builder().add("config", dir.resolve("cfg.yaml").toString()).add("stage", "paper"));
        assertThat(a.code()).isEqualTo(409);
        assertThat(a.body()).contains("gate 'paper: backtest' failed", "no backtest of config hash");
        a = post("/promote", new FormBody.Builder().add("config", dir.resolve("cfg.yaml").toString()).add("stage", "mainnet")
                .add("account", ServeRig.ACCOUNT).add("confirm", ServeRig.ACCOUNT));
        assertThat(a.code()).isEqualTo(409);
        assertThat(a.body()).contains("gate 'mainnet: testnet orders' failed");
        assertThat(rig.store().deployments()).hasSize(3);
    }

    @Test
    void aBacktestListsWithItsReportAndThenThePaperGateHolds() throws Exception {
        CliHarness.Result r = CliHarness.run(rig.env, "data", "import", "datasets/synthetic-btc-1h.csv", "--coin", "BTC", "--interval",
                "1h", "--source", "synthetic");
        assertThat(r.exitCode()).as(r.err()).isZero();
        r = CliHarness.run(rig.env, "backtest", "--config", "config/paper-demo.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String runs = http.get("/runs", cookie).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"(/reports/([^/\"]+)/index\\.html)\"").matcher(runs);
        assertThat(m.find()).as(runs).isTrue();
        assertThat(runs).contains("<code>" + m.group(2) + "</code>");
        ServeHttp.Answer report = http.get(m.group(1), cookie);
        assertThat(report.code()).isEqualTo(200);
        assertThat(report.body()).contains("<img ");
        assertThat(report.headers().get("Content-Security-Policy")).contains("sandbox");
        assertThat(http.get(m.group(1).replace("index.html", "equity-log.png"), cookie).headers().get("Content-Type")).isEqualTo("image/png");

        ServeHttp.Answer a = post("/promote", new FormBody.Builder().add("config", "config/paper-demo.yaml").add("stage", "paper")
                .add("capital", "abc"));
        assertThat(a.code()).isEqualTo(400);
        assertThat(rig.store().deployments()).hasSize(3);
        a = post("/promote", new FormBody.Builder().add("config", "config/paper-demo.yaml").add("stage", "paper").add("capital", "4321"));
        assertThat(a.code()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).contains("gate paper: backtest: backtest ", "start it with: hypertrader run paper-");
        assertThat(rig.store().deployments()).hasSize(4);
        // the new deployment's capital is the one given, on the deployments page too
        String id = rig.store().deployments().stream().map(LiveStore.Deployment::id)
                .filter(x -> !java.util.List.of(rig.paper, rig.testnet, rig.mainnet).contains(x)).findFirst().orElseThrow();
        assertThat(http.get("/", cookie).body()).containsPattern("data-deployment=\"" + id + "\"[\\s\\S]*?4,321.00 USDC");
    }

    /**
     * The dashboard reads the database per page and closes it: another process (here {@code status},
     * which opens it read-write like a runner) gets it while pages are loaded without pause.
     */
    @Test
    void anotherProcessGetsTheDatabaseWhilePagesLoad() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (loading.get()) {
                try {
                    if (http.get("/deployments/" + rig.testnet, cookie).code() == 200) {
                        pages.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        reader.start();
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), HyperTraderCli.class.getName(),
                    "status", rig.testnet).redirectErrorStream(true).redirectOutput(dir.resolve("status.out").toFile());
            pb.environment().putAll(rig.env);
            Process p = pb.start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(java.nio.file.Files.readString(dir.resolve("status.out"))).isZero();
            assertThat(java.nio.file.Files.readString(dir.resolve("status.out"))).contains(rig.testnet, "risk events: 1");
        } finally {
            loading.set(false);
            reader.join(10_000);
        }
        assertThat(pages.get()).as("pages loaded meanwhile").isGreaterThan(3);
    }

    @Test
    void mainnetReconfirmationNeedsTheTypedAddress() throws Exception {
        String account = ServeRig.ACCOUNT.toLowerCase(Locale.ROOT);
        ServeHttp.Answer a = post("/deployments/" + rig.mainnet + "/reconfirm", new FormBody.Builder());
        assertThat(a.code()).isEqualTo(409);
        assertThat(a.body()).contains("mainnet needs a confirmation");
        a = post("/deployments/" + rig.mainnet + "/reconfirm", new FormBody.Builder()
                .add("address", "0x0000000000000000000000000000000000000001").add("raise_cap", "250"));
        assertThat(a.code()).isEqualTo(409);
        assertThat(a.body()).contains("mainnet not confirmed");
        assertThat(a.body().toLowerCase(Locale.ROOT)).as("no refusal shows the address to copy").doesNotContain(account);
        assertThat(rig.store().deployment(rig.mainnet).orElseThrow().positionCapUsd()).isEqualTo(100.0);

        a = post("/deployments/" + rig.mainnet + "/reconfirm", new FormBody.Builder().add("address", ServeRig.ACCOUNT).add("raise_cap", "250"));
        assertThat(a.code()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).contains("100.00 -&gt; 250.00 USDC", "mainnet confirmed until");
        assertThat(rig.store().deployment(rig.mainnet).orElseThrow().positionCapUsd()).isEqualTo(250.0);
    }

    @Test
    void aConfirmedStopStopsOneDeployment() throws Exception {
        ServeHttp.Answer a = post("/deployments/" + rig.paper + "/stop", new FormBody.Builder().add("flatten", "no"));
        assertThat(a.body()).as("unconfirmed: asked first").contains("name=\"confirmed\" value=\"yes\"");
        assertThat(rig.store().deployment(rig.paper).orElseThrow().stopped()).isFalse();
        a = post("/deployments/" + rig.paper + "/stop", new FormBody.Builder().add("flatten", "no").add("confirmed", "yes"));
        assertThat(a.code()).as(a.body()).isEqualTo(200);
        assertThat(rig.store().deployment(rig.paper).orElseThrow().stopped()).isTrue();
        assertThat(rig.store().deployment(rig.testnet).orElseThrow().stopped()).as("only the one asked").isFalse();
    }
}
