package io.hypertrader.ops.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each channel against a real local server: MockWebServer for webhook and Telegram, GreenMail for SMTP. */
class ChannelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_767_225_600_000L;
    private static final String TOKEN = "8123456789:AAHsecretTokenValue";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@desk.example", "alerts", "s3cret-pw"));

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static AlertEvent halt() {
        return new AlertEvent.RiskHalt("mainnet-1a2b3c4d-1", "mainnet", T, "DAILY_LOSS", "*",
                "day loss 612.00 USDC >= limit 600.00 USDC <!channel> & co");
    }

    private AlertsConfig.Webhook hook(AlertsConfig.WebhookFormat f, String bearerEnv) {
        return new AlertsConfig.Webhook("hook", AlertsConfig.Filter.ALL, null, "HOOK_URL", f, bearerEnv, Duration.ofSeconds(5));
    }

    private Map<String, String> env() {
        return Map.of("HOOK_URL", server.url("/services/T000/B000/XXXXsecret").toString(), "HOOK_TOKEN", "bearer-secret-123",
                "TG_TOKEN", TOKEN, "SMTP_PW", "s3cret-pw");
    }

    @Test
    void webhookJsonCarriesTheWholeEventAndTheBearerToken() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        WebhookChannel ch = new WebhookChannel(hook(AlertsConfig.WebhookFormat.JSON, "HOOK_TOKEN"), env());
        ch.send(halt());

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/services/T000/B000/XXXXsecret");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer bearer-secret-123");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode n = JSON.readTree(r.getBody().utf8());
        assertThat(n.path("kind").asText()).isEqualTo("risk_halt");
        assertThat(n.path("severity").asText()).isEqualTo("critical");
        assertThat(n.path("deploymentId").asText()).isEqualTo("mainnet-1a2b3c4d-1");
        assertThat(n.path("stage").asText()).isEqualTo("mainnet");
        assertThat(n.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(n.path("fields").path("rule").asText()).isEqualTo("DAILY_LOSS");
        assertThat(n.path("text").asText()).contains("reason: day loss 612.00 USDC");
    }

    @Test
    void slackBodyIsTextWithMentionsEscaped() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        new WebhookChannel(hook(AlertsConfig.WebhookFormat.SLACK, null), env()).send(halt());
        JsonNode n = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(n.size()).isEqualTo(1);
        String text = n.path("text").asText();
        assertThat(text).startsWith("[HyperTrader CRITICAL] risk halt on mainnet-1a2b3c4d-1 (mainnet): DAILY_LOSS\n");
        assertThat(text).contains("&lt;!channel&gt; &amp; co").doesNotContain("<!channel>");
    }

    @Test
    void discordBodyIsContentWithoutMentionsAndAtMost2000Characters() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        AlertEvent longOne = new AlertEvent.RunnerCrash("paper-1-1", "paper", T, "x".repeat(5000));
        new WebhookChannel(hook(AlertsConfig.WebhookFormat.DISCORD, null), env()).send(longOne);
        JsonNode n = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(n.path("content").asText()).hasSize(2000).startsWith("[HyperTrader CRITICAL] runner crashed").endsWith("(cut)");
        assertThat(n.path("allowed_mentions").path("parse").isArray()).isTrue();
        assertThat(n.path("allowed_mentions").path("parse").size()).isZero();
    }

    @Test
    void webhookStatusesAreClassifiedAndNeverShowTheSecretPath() {
        WebhookChannel ch = new WebhookChannel(hook(AlertsConfig.WebhookFormat.JSON, null), env());
        server.enqueue(new MockResponse.Builder().code(503).body("busy").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
        server.enqueue(new MockResponse.Builder().code(404).body("no_service").build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("webhook http://" + server.getHostName() + ":" + server.getPort() + "/... answered HTTP 503: busy");
        });
        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfterMs()).isEqualTo(7_000);
        });
        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("HTTP 404").doesNotContain("XXXXsecret");
        });
        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("unreachable").doesNotContain("XXXXsecret");
        });
        assertThat(ch.secrets()).contains(env().get("HOOK_URL"), "/services/T000/B000/XXXXsecret");
    }

    @Test
    void telegramPostsToTheBotApiOfTheConfiguredBaseUrl() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":{\"message_id\":7}}").build());
        TelegramChannel ch = new TelegramChannel(new AlertsConfig.Telegram("tg", AlertsConfig.Filter.ALL,
                server.url("/").toString().replaceAll("/$", ""), "TG_TOKEN", "-1001234567890", Duration.ofSeconds(5)), env());
        ch.send(halt());

        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode n = JSON.readTree(r.getBody().utf8());
        assertThat(n.path("chat_id").asText()).isEqualTo("-1001234567890");
        assertThat(n.path("text").asText()).startsWith("[HyperTrader CRITICAL] risk halt on mainnet-1a2b3c4d-1").contains("rule: DAILY_LOSS");
        assertThat(n.has("parse_mode")).as("plain text: nothing in a name is markup").isFalse();
    }

    @Test
    void telegramRefusalsAndFloodWaits() {
        TelegramChannel ch = new TelegramChannel(new AlertsConfig.Telegram("tg", AlertsConfig.Filter.ALL,
                server.url("/").toString().replaceAll("/$", ""), "TG_TOKEN", "@desk", Duration.ofSeconds(5)), env());
        server.enqueue(new MockResponse.Builder().code(429)
                .body("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 3\",\"parameters\":{\"retry_after\":3}}").build());
        server.enqueue(new MockResponse.Builder().code(401).body("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":false,\"description\":\"Bad Request: chat not found\"}").build());

        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfterMs()).isEqualTo(3_000);
            assertThat(e.getMessage()).startsWith("telegram chat @desk answered HTTP 429").doesNotContain(TOKEN);
        });
        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("401").doesNotContain(TOKEN);
        });
        assertThatThrownBy(() -> ch.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("telegram chat @desk refused the message: Bad Request: chat not found");
        });
    }

    private AlertsConfig.Email mail(String user, String pwEnv, int port) {
        return new AlertsConfig.Email("mail", AlertsConfig.Filter.ALL, "127.0.0.1", port, AlertsConfig.SmtpSecurity.NONE, user, pwEnv,
                "alerts@desk.example", List.of("trader@desk.example", "risk@desk.example"), Duration.ofSeconds(5));
    }

    @Test
    void emailIsSentOverSmtpWithLoginToEveryRecipient() throws Exception {
        new EmailChannel(mail("alerts", "SMTP_PW", MAIL.getSmtp().getPort()), env()).send(halt());

        MimeMessage[] got = MAIL.getReceivedMessages();
        assertThat(got).hasSize(2); // one copy per recipient mailbox
        MimeMessage m = got[0];
        assertThat(m.getSubject()).isEqualTo("[HyperTrader CRITICAL] risk halt on mainnet-1a2b3c4d-1 (mainnet): DAILY_LOSS");
        assertThat(m.getFrom()[0].toString()).isEqualTo("alerts@desk.example");
        assertThat(m.getHeader("X-HyperTrader-Alert")[0]).isEqualTo("risk_halt");
        String body = GreenMailUtil.getBody(m);
        assertThat(body).contains("rule: DAILY_LOSS").contains("deployment: mainnet-1a2b3c4d-1 (mainnet)").contains("time: 2026-01-01T00:00:00Z");
        assertThat(List.of(got)).extracting(x -> x.getAllRecipients().length).containsOnly(2);
    }

    @Test
    void aWrongSmtpPasswordIsFinalAndAnUnreachableServerIsRetryable() throws Exception {
        EmailChannel wrong = new EmailChannel(mail("alerts", "SMTP_PW", MAIL.getSmtp().getPort()), Map.of("SMTP_PW", "wrong-pw"));
        assertThatThrownBy(() -> wrong.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("refused the login of alerts").doesNotContain("wrong-pw");
        });

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        EmailChannel down = new EmailChannel(mail(null, null, closedPort), Map.of());
        assertThatThrownBy(() -> down.send(halt())).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("smtp 127.0.0.1:" + closedPort);
        });
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMissingSecretVariableFailsAtStartNamingChannelFieldAndVariable() {
        AlertsConfig cfg = new AlertsConfig(Path.of("alerts.yaml"), Duration.ofMinutes(10), 10, RetryPolicy.DEFAULT, Thresholds.DEFAULT,
                List.of(new AlertsConfig.Telegram("desk-tg", AlertsConfig.Filter.ALL, "https://api.telegram.org", "NOPE_TOKEN", "1",
                        Duration.ofSeconds(5))));
        assertThatThrownBy(() -> Channels.of(cfg, Map.of()))
                .hasMessage("alerts config alerts.yaml: alerts channel 'desk-tg': botTokenEnv names the environment variable NOPE_TOKEN,"
                        + " which is not set");
    }
}
