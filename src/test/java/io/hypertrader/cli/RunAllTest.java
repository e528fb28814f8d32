package io.hypertrader.cli;

import io.hypertrader.live.store.LiveStore;
import io.hypertrader.testsupport.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --all} as a trader runs it: one real process supervising several paper deployments
 * against the fake exchange on 127.0.0.1, one of them broken. The broken one fails and is retried
 * on its own while the others trade; {@code stop} from another process (this test's) ends one
 * deployment and no other; a deployment promoted meanwhile joins at the next scan; SIGTERM ends
 * the fleet with its summary. Operations are wired: the crash and the stop reach a webhook of
 * {@code alerts.yaml}, and one {@code --metrics-port} serves every deployment's series.
 */
class RunAllTest {

    @TempDir
    Path dir;
    FleetRig rig;
    final List<Process> children = new ArrayList<>();

    /** The alerts' webhook: every body posted to it. */
    HttpServer hook;
    final List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        rig = new FleetRig(dir, 500);
        hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", ex -> {
            alerts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home").resolve("alerts.yaml"), """
                alerts:
                  channels:
                    - name: desk
                      type: webhook
                      format: json
                      urlEnv: TEST_WEBHOOK_URL
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        hook.stop(0);
        rig.close();
    }

    Process start(String name, String... args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(rig.env);
        env.put("TEST_WEBHOOK_URL", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
        Process p = RunnerProcessRig.cli(dir, name, env, args);
        children.add(p);
        return p;
    }

    String out(String name) {
        try {
            return Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The runs of a deployment (read through the door the child process leaves open now and then). */
    List<LiveStore.RunRow> runs(String id) {
        return rig.store().runs(id);
    }

    boolean beating(String id, long afterMs) {
        List<LiveStore.RunRow> r = runs(id);
        return !r.isEmpty() && r.getLast().endedMs() == null && r.getLast().heartbeatMs() > afterMs;
    }

    @Test
    void deploymentsRunIsolatedInOneProcess() throws Exception {
        try {
            isolated();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- the fleet's output:\n" + out("fleet") + "\n--- its errors:\n"
                    + Files.readString(dir.resolve("fleet.err")), e);
        }
    }

    private void isolated() throws Exception {
        String a = rig.paper("BTC", 1, false);
        String b = rig.paper("ETH", 2, false);
        String c = rig.paper("BTC", 3, false);
        String broken = rig.paper("ETH", 4, true);
        int metricsPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            metricsPort = free.getLocalPort();
        }
        Process fleet = start("fleet", "run", "--all", "--poll-ms", "500", "--rescan", "2s", "--metrics-port", String.valueOf(metricsPort),
                "--no-backup");
        Duration upTo = Duration.ofSeconds(60);

        Await.until("the three runners beat", () -> beating(a, 0) && beating(b, 0) && beating(c, 0), upTo);
        Await.until("the broken one failed twice", () -> count(out("fleet"), "fleet: " + broken + " crashed") >= 2, upTo);
        assertThat(out("fleet")).contains("fleet: " + broken + " crashed: io.hypertrader.core.UserError: deployment " + broken
                + ": its stored config hashes to", "; restart in 5s", "; restart in 10s");
        assertThat(out("fleet")).contains("METRICS http://127.0.0.1:" + metricsPort + "/metrics", "alerts: ");

        // operations: the crash went to the webhook; one /metrics for the process with every deployment's series
        Await.until("the crash alert", () -> alerts.stream().anyMatch(b2 -> b2.contains("runner_crash") && b2.contains(broken)), upTo);
        Await.until("the market socket in the metrics", () -> metrics(metricsPort).contains("hypertrader_websocket_connected{"), upTo);
        String scraped = metrics(metricsPort);
        assertThat(scraped).contains("hypertrader_websocket_connected{deployment=\"" + b + "\",socket=\"market\",stage=\"paper\"} 1");
        for (String id : List.of(a, b, c)) {
            assertThat(scraped).contains("hypertrader_orders_sent_total{deployment=\"" + id + "\",stage=\"paper\"}");
        }
        assertThat(scraped).containsPattern("hypertrader_api_latency_seconds_count\\{deployment=\"\\*\",endpoint=\"info\",stage=\"mainnet\"} [1-9]");

        // stop from another process: that deployment halts, the others go on beating
        CliHarness.Result stop = CliHarness.run(rig.env, "stop", a, "--wait-ms", "30000");
        assertThat(stop.exitCode()).as(stop.err() + stop.out()).isZero();
        assertThat(rig.store().deployment(a).orElseThrow().stopped()).isTrue();
        long after = System.currentTimeMillis();
        Await.until("the others beat on after the stop", () -> beating(b, after) && beating(c, after), upTo);
        assertThat(runs(a).getLast().endedMs()).as("the stopped runner ended its run").isNotNull();
        Await.until("the stop alert", () -> alerts.stream().anyMatch(b2 -> b2.contains("emergency_stop") && b2.contains(a)), upTo);

        // promoted while the fleet runs: picked up at the next scan
        String later = rig.paper("ETH", 5, false);
        Await.until("the later deployment beats", () -> beating(later, 0), upTo);

        fleet.destroy(); // SIGTERM: every runner ends its unit of work, then the fleet says how it went
        assertThat(fleet.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = out("fleet");
        assertThat(out).contains("fleet: running every active paper,testnet deployment in this process (rescan every 2s)",
                "fleet: ended: 5 deployments");
        assertThat(out).containsPattern("  " + broken + " \\(paper\\): (backoff|ended), [2-9]\\d* starts; crashed");
        for (String id : List.of(b, c, later)) {
            assertThat(runs(id)).as(id + " ran once, never restarted").hasSize(1);
            assertThat(runs(id).getLast().endReason()).isEqualTo("interrupted");
        }
        assertThat(runs(a)).hasSize(1);
    }

    @Test
    void runNeedsADeploymentOrAllAndStageGoesWithAll() {
        CliHarness.Result none = CliHarness.run(rig.env, "run");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("name the DEPLOYMENT to run (see: hypertrader status), or --all for every active one");
        CliHarness.Result both = CliHarness.run(rig.env, "run", "x", "--all");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either a DEPLOYMENT or --all, not both");
        CliHarness.Result stage = CliHarness.run(rig.env, "run", "x", "--stage", "paper");
        assertThat(stage.err()).contains("--stage and --rescan go with --all");
        CliHarness.Result bad = CliHarness.run(rig.env, "run", "--all", "--stage", "moon");
        assertThat(bad.err()).contains("--stage moon: one of paper, testnet, mainnet");
    }

    private static String metrics(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
