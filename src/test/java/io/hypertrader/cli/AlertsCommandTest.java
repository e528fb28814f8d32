package io.hypertrader.cli;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.hypertrader.ops.alert.AlertEvent;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hypertrader alerts test} against a local SMTP server and local HTTP receivers. */
class AlertsCommandTest {

    private static final String TOKEN = "7000000001:AAF-alerts-test-token";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final MockWebServer server = new MockWebServer();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile boolean telegramRefuses;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                String path = r.getUrl().encodedPath();
                paths.add(path);
                if (path.startsWith("/bot")) {
                    return telegramRefuses
                            ? new MockResponse.Builder().code(401).body("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}").build()
                            : new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":{}}").build();
                }
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        String base = "http://127.0.0.1:" + server.getPort();
        Files.writeString(home.resolve("alerts.yaml"), """
                alerts:
                  channels:
                    - {name: desk-slack, type: webhook, format: slack, urlEnv: SLACK_URL, minSeverity: critical}
                    - {name: risk-mail, type: email, host: 127.0.0.1, port: %d, security: none, from: alerts@desk.example,
                       to: [risk@desk.example]}
                    - {name: phone, type: telegram, baseUrl: '%s', botTokenEnv: TG_TOKEN, chatId: '-100777',
                       events: [daily_summary]}
                """.formatted(MAIL.getSmtp().getPort(), base));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> env() {
        return Map.of("HYPERTRADER_HOME", home.toString(), "SLACK_URL", "http://127.0.0.1:" + server.getPort() + "/services/T1/B1/hooksecret",
                "TG_TOKEN", TOKEN);
    }

    @Test
    void sendsOneOfEveryKindToEveryChannelWhateverItsFilterAndPrintsEachDelivery() throws Exception {
        CliHarness.Result r = CliHarness.run(env(), "alerts", "test", "--timeout", "60s");

        assertThat(r.exitCode()).as(r.err()).isZero();
        int kinds = AlertEvent.KINDS.size();
        assertThat(r.out()).contains("desk-slack (webhook): " + kinds + " of " + kinds + " delivered\n",
                "risk-mail (email): " + kinds + " of " + kinds + " delivered\n", "phone (telegram): " + kinds + " of " + kinds + " delivered\n");
        for (String kind : AlertEvent.KINDS) {
            assertThat(r.out()).containsPattern("sent\\s+risk-mail\\s+" + kind + "\\s+attempt 1");
        }
        assertThat(MAIL.getReceivedMessages()).hasSize(kinds);
        assertThat(paths.stream().filter(p -> p.equals("/services/T1/B1/hooksecret"))).hasSize(kinds);
        assertThat(paths.stream().filter(p -> p.equals("/bot" + TOKEN + "/sendMessage"))).hasSize(kinds);
        assertThat(r.out() + r.err()).doesNotContain(TOKEN).doesNotContain("hooksecret");
    }

    @Test
    void aFailingChannelExitsOneAndSaysWhichWithoutItsSecret() {
        telegramRefuses = true;
        CliHarness.Result r = CliHarness.run(env(), "alerts", "test");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("phone (telegram): 0 of 10 delivered; FAILED: ").contains("answered HTTP 401")
                .contains("desk-slack (webhook): 10 of 10 delivered");
        assertThat(r.err()).contains("error: 1 of 3 alert channel(s) failed (see above)");
        assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    }

    @Test
    void oneChannelOnlyAndAMissingVariableOrFile() {
        // Only the chosen channel's variables are needed.
        CliHarness.Result one = CliHarness.run(Map.of("HYPERTRADER_HOME", home.toString()), "alerts", "test", "--channel", "risk-mail");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).contains("risk-mail (email): 10 of 10 delivered").doesNotContain("desk-slack");
        assertThat(paths).isEmpty();
        CliHarness.Result unknown = CliHarness.run(env(), "alerts", "test", "--channel", "pager");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("no channel named 'pager' in " + home.resolve("alerts.yaml") + " (it has: desk-slack, risk-mail, phone)");

        CliHarness.Result noVar = CliHarness.run(Map.of("HYPERTRADER_HOME", home.toString()), "alerts", "test");
        assertThat(noVar.exitCode()).isEqualTo(2);
        assertThat(noVar.err()).contains("alerts channel 'desk-slack': urlEnv names the environment variable SLACK_URL, which is not set");

        CliHarness.Result noFile = CliHarness.run(Map.of("HYPERTRADER_HOME", home.resolve("nowhere").toString()), "alerts", "test");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.err()).contains("no alerts config at " + home.resolve("nowhere").resolve("alerts.yaml"));
    }

    @Test
    void showPrintsTheConfigAndWhichSecretsAreSetButNeverTheirValues() {
        CliHarness.Result r = CliHarness.run(Map.of("HYPERTRADER_HOME", home.toString(), "TG_TOKEN", TOKEN), "alerts", "show");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("thresholds: orders failing > 5.0% over 15m (min 20 orders); API p95 > 500ms over 5m (min 20 samples);"
                        + " socket down >= 1m")
                .contains("channel desk-slack: webhook (slack); min severity critical; events all; urlEnv SLACK_URL (NOT SET)")
                .contains("channel phone: telegram chat -100777 via http://127.0.0.1:" + server.getPort()
                        + "; min severity info; events daily_summary; botTokenEnv TG_TOKEN (set)")
                .doesNotContain(TOKEN);
    }
}
