package io.hypertrader.ops.alert;

import io.hypertrader.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertsConfigLoaderTest {

    private static final Path SRC = Path.of("alerts.yaml");

    @Test
    void theShippedExampleLoadsAsDocumented() {
        AlertsConfig c = AlertsConfigLoader.load(Path.of("config/alerts.example.yaml"));
        assertThat(c.dedupeWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(c.thresholds()).isEqualTo(Thresholds.DEFAULT);
        assertThat(c.channels()).hasSize(3);
        var slack = (AlertsConfig.Webhook) c.channels().get(0);
        assertThat(slack.format()).isEqualTo(AlertsConfig.WebhookFormat.SLACK);
        assertThat(slack.urlEnv()).isEqualTo("SLACK_WEBHOOK_URL");
        assertThat(slack.filter()).isEqualTo(new AlertsConfig.Filter(Severity.WARNING, Set.of()));
        var mail = (AlertsConfig.Email) c.channels().get(1);
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.security()).isEqualTo(AlertsConfig.SmtpSecurity.STARTTLS);
        assertThat(mail.to()).containsExactly("risk@example.com", "trader@example.com");
        var tg = (AlertsConfig.Telegram) c.channels().get(2);
        assertThat(tg.chatId()).isEqualTo("-1001234567890");
        assertThat(tg.filter().kinds()).containsExactlyInAnyOrder("risk_halt", "emergency_stop", "runner_crash", "daily_summary");
    }

    @Test
    void defaultsFillWhatIsNotWritten() {
        AlertsConfig c = AlertsConfigLoader.parse("alerts:\n  channels:\n    - {name: m, type: email, host: relay.local, security: ssl,"
                + " from: a@b.c, to: [d@e.f]}\n", SRC);
        assertThat(c.dedupeWindow()).isEqualTo(AlertsConfig.DEFAULT_DEDUPE_WINDOW);
        assertThat(c.queueCapacity()).isEqualTo(1000);
        var m = (AlertsConfig.Email) c.channels().get(0);
        assertThat(m.port()).as("ssl's port").isEqualTo(465);
        assertThat(m.username()).isNull();
        assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(AlertsConfigLoader.parse("alerts: {}\n", SRC).channels()).isEmpty();
    }

    @Test
    void theDefaultFileLivesInHypertraderHomeAndIsOptional(@TempDir Path home) throws Exception {
        Map<String, String> env = Map.of("HYPERTRADER_HOME", home.toString());
        assertThat(AlertsConfigLoader.defaultFile(env)).isEqualTo(home.resolve("alerts.yaml"));
        assertThat(AlertsConfigLoader.loadDefault(env)).isEmpty();
        Files.writeString(home.resolve("alerts.yaml"), "alerts:\n  dedupeWindow: 90s\n");
        assertThat(AlertsConfigLoader.loadDefault(env).orElseThrow().dedupeWindow()).isEqualTo(Duration.ofSeconds(90));
    }

    private static String error(String yaml) {
        try {
            AlertsConfigLoader.parse(yaml, SRC);
        } catch (UserError e) {
            assertThat(e.kind()).isEqualTo(UserError.Kind.USAGE);
            return e.getMessage();
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void everyMistakeNamesTheFileTheFieldPathTheValueAndTheRule() {
        assertThat(error("alerts:\n  dedupeWindow: 10\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.dedupeWindow: '10' is not a duration (write e.g. 500ms, 90s, 15m, 8h, 1d)");
        assertThat(error("alerts:\n  thresholds: {orderFailureRate: 5}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.thresholds.orderFailureRate: must be in (0, 1], got 5.0 (0.05 = 5%)");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: webhook, urlEnv: X}\n    - {name: b, type: pager}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[1].type: 'pager' is not one of webhook, email, telegram");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: webhook, urlEnv: X, chatId: '1'}\n"))
                .startsWith("alerts config alerts.yaml: alerts.channels[0].chatId: not a field of a webhook channel");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: webhook, url: 'ftp://x/y', }\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[0].url: 'ftp://x/...' is not an http(s) URL");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: webhook}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[0]: give exactly one of url and urlEnv");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: telegram, botTokenEnv: T, chatId: '1', events: [risk_hault]}\n"))
                .startsWith("alerts config alerts.yaml: alerts.channels[0].events: unknown event kind 'risk_hault' (known: risk_halt, ");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: email, host: h, from: a@b.c, to: [x], port: 99999}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[0].port: 99999 is not a TCP port (1-65535)");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: email, host: h, from: a@b.c, to: [nobody]}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[0].to[0]: 'nobody' is not an e-mail address");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: email, host: h, from: a@b.c, to: [x@y.z], username: u}\n"))
                .startsWith("alerts config alerts.yaml: alerts.channels[0].passwordEnv: required with a username");
        assertThat(error("alerts:\n  channels:\n    - {name: a, type: webhook, urlEnv: X}\n    - {name: a, type: webhook, urlEnv: Y}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[1].name: 'a' is used twice; names must be unique");
        assertThat(error("alerts:\n  queueCapacity: lots\n")).startsWith("alerts config alerts.yaml: alerts.queueCapacity: ");
        assertThat(error("alerts:\n  dedupeWindow: 1m\n  dedupeWindow: 2m\n")).contains("Duplicate field 'dedupeWindow'");
        assertThat(error("alert:\n  channels: []\n")).startsWith("alerts config alerts.yaml: alert: unknown key 'alert' (known: alerts)");
        assertThat(error("# nothing\n")).isEqualTo("alerts config alerts.yaml: alerts: missing: the file must have a top-level 'alerts:' section");
    }

    @Test
    void aSecretWrittenInTheFileIsRefusedWithTheFieldToUseInstead() {
        assertThat(error("alerts:\n  channels:\n    - {name: m, type: email, host: h, from: a@b.c, to: [x@y.z], username: u,"
                + " password: hunter2}\n"))
                .isEqualTo("alerts config alerts.yaml: alerts.channels[0].password: unknown key 'password' (secrets are never written"
                        + " in this file: put the value in an environment variable and name the variable with passwordEnv, botTokenEnv,"
                        + " urlEnv or bearerTokenEnv)")
                .doesNotContain("hunter2");
        assertThat(error("alerts:\n  channels:\n    - {name: t, type: telegram, botToken: '123:abc', chatId: '1'}\n"))
                .contains("unknown key 'botToken' (secrets are never written in this file").doesNotContain("123:abc");
    }

    @Test
    void theRetryScheduleIsExponentialAndCapped() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10));
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> p.backoffMs(n, 0)).toList()).containsExactly(2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
        assertThat(p.backoffMs(1, 30_000)).as("a server's Retry-After wins when longer").isEqualTo(30_000);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 2, Duration.ZERO)).hasMessageContaining("maxAttempts");
    }
}
