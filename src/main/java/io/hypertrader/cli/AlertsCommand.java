package io.hypertrader.cli;

import io.hypertrader.core.UserError;
import io.hypertrader.ops.Durations;
import io.hypertrader.ops.alert.AlertChannel;
import io.hypertrader.ops.alert.AlertDispatcher;
import io.hypertrader.ops.alert.AlertEvent;
import io.hypertrader.ops.alert.AlertJournal;
import io.hypertrader.ops.alert.AlertsConfig;
import io.hypertrader.ops.alert.AlertsConfigLoader;
import io.hypertrader.ops.alert.Channels;
import io.hypertrader.ops.alert.DeliveryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code hypertrader alerts test|show}: try every configured alert channel, or print what alerts.yaml says. */
@Command(name = "alerts", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Alert channels of $HYPERTRADER_HOME/alerts.yaml (webhook, e-mail, Telegram); see docs/operations.md."},
        subcommands = {AlertsCommand.Test.class, AlertsCommand.Show.class})
final class AlertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: test or show");
    }

    /** The config file: --file, else $HYPERTRADER_HOME/alerts.yaml; it must exist. */
    static AlertsConfig load(HyperTraderCli root, Path file) {
        Path f = file != null ? file : AlertsConfigLoader.defaultFile(root.env());
        if (!Files.exists(f)) {
            throw UserError.usage("no alerts config at " + f + "; start from config/alerts.example.yaml (docs/operations.md)"
                    + (file == null ? " or pass --file" : ""));
        }
        return AlertsConfigLoader.load(f);
    }

    @Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Send one test alert of every kind to every configured channel and print each delivery.",
                    "The channels' filters do not apply here; each alert is marked as a test. Exit 1 if any channel failed."})
    static final class Test implements Runnable {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "PATH", description = "Alerts config (default: $HYPERTRADER_HOME/alerts.yaml).")
        Path file;

        @Option(names = "--channel", paramLabel = "NAME", description = "Only this channel.")
        String channel;

        @Option(names = "--timeout", paramLabel = "D", defaultValue = "2m",
                description = "How long to wait for deliveries and their retries (default: ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public void run() {
            HyperTraderCli root = HyperTraderCli.root(spec);
            Duration wait;
            try {
                wait = Durations.parse("--timeout", timeout);
            } catch (IllegalArgumentException e) {
                throw UserError.usage(e.getMessage());
            }
            AlertsConfig config = load(root, file);
            if (config.channels().isEmpty()) {
                throw UserError.usage("alerts config " + config.source() + " has no channels");
            }
            if (channel != null) {
                // Only the chosen channel's secrets are needed.
                List<AlertsConfig.ChannelConfig> chosen = config.channels().stream().filter(c -> c.name().equals(channel)).toList();
                if (chosen.isEmpty()) {
                    throw UserError.usage("no channel named '" + channel + "' in " + config.source() + " (it has: "
                            + String.join(", ", config.channels().stream().map(AlertsConfig.ChannelConfig::name).toList()) + ")");
                }
                config = new AlertsConfig(config.source(), config.dedupeWindow(), config.queueCapacity(), config.retry(),
                        config.thresholds(), chosen);
            }
            List<AlertChannel> channels = new ArrayList<>();
            for (AlertChannel c : Channels.of(config, root.env())) {
                channels.add(new Unfiltered(c));
            }
            PrintWriter out = root.out();
            Map<String, String> failures = new ConcurrentHashMap<>();
            Map<String, Integer> sent = new ConcurrentHashMap<>();
            AlertJournal print = d -> {
                switch (d.outcome()) {
                    case SENT -> sent.merge(d.channel(), 1, Integer::sum);
                    case FAILED, DROPPED -> failures.merge(d.channel(), d.event().kind() + ": " + d.detail(), (a, b) -> a);
                    default -> {
                    }
                }
                synchronized (out) {
                    out.printf("%-6s %-20s %-18s attempt %d%s%n", d.outcome().code(), d.channel(), d.event().kind(), d.attempt(),
                            d.detail().isEmpty() ? "" : "  " + d.detail());
                    out.flush();
                }
            };
            AlertDispatcher dispatcher = AlertDispatcher.start(config, channels, print);
            List<AlertEvent> events = AlertEvent.samples(System.currentTimeMillis());
            try {
                for (AlertEvent e : events) {
                    dispatcher.submit(e);
                }
                dispatcher.awaitIdle(wait); // what did not finish shows below as "not finished"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                dispatcher.close(Duration.ZERO);
            }
            out.println();
            int bad = 0;
            for (AlertChannel c : channels) {
                int ok = sent.getOrDefault(c.name(), 0);
                String failure = failures.get(c.name());
                if (failure == null && ok < events.size()) {
                    failure = "not finished within " + timeout;
                }
                bad += failure == null ? 0 : 1;
                out.println(c.name() + " (" + c.type() + "): " + ok + " of " + events.size() + " delivered"
                        + (failure == null ? "" : "; FAILED: " + failure));
            }
            out.flush();
            if (bad > 0) {
                throw new UserError(UserError.Kind.FAILURE, bad + " of " + channels.size() + " alert channel(s) failed (see above)");
            }
        }
    }

    /** A channel for the test: every kind goes through, whatever its filter. */
    private record Unfiltered(AlertChannel inner) implements AlertChannel {
        public String name() {
            return inner.name();
        }

        public String type() {
            return inner.type();
        }

        public boolean accepts(AlertEvent e) {
            return true;
        }

        public void send(AlertEvent e) throws DeliveryException {
            inner.send(e);
        }

        public List<String> secrets() {
            return inner.secrets();
        }

        public void close() {
            inner.close();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the alerts config as loaded (defaults filled in), and whether each secret's variable is set.")
    static final class Show implements Runnable {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "PATH", description = "Alerts config (default: $HYPERTRADER_HOME/alerts.yaml).")
        Path file;

        @Override
        public void run() {
            HyperTraderCli root = HyperTraderCli.root(spec);
            AlertsConfig c = load(root, file);
            PrintWriter out = root.out();
            out.println("file: " + c.source());
            out.println("dedupeWindow: " + Durations.format(c.dedupeWindow()) + ", queueCapacity: " + c.queueCapacity());
            out.println("retry: " + c.retry().maxAttempts() + " attempts, backoff " + Durations.format(c.retry().initialBackoff())
                    + " x" + c.retry().multiplier() + " up to " + Durations.format(c.retry().maxBackoff()));
            var t = c.thresholds();
            out.printf(java.util.Locale.ROOT, "thresholds: orders failing > %.1f%% over %s (min %d orders); API p%s > %s over %s"
                            + " (min %d samples); socket down >= %s%n", 100 * t.orderFailureRate(), Durations.format(t.orderFailureWindow()),
                    t.orderFailureMinOrders(), fmt(t.apiLatencyPercentile()), Durations.format(t.apiLatency()),
                    Durations.format(t.apiLatencyWindow()), t.apiLatencyMinSamples(), Durations.format(t.socketDownAfter()));
            for (AlertsConfig.ChannelConfig ch : c.channels()) {
                Map<String, String> env = new LinkedHashMap<>();
                String where = switch (ch) {
                    case AlertsConfig.Webhook w -> {
                        env.put("urlEnv", w.urlEnv());
                        env.put("bearerTokenEnv", w.bearerTokenEnv());
                        yield "webhook (" + w.format().name().toLowerCase(java.util.Locale.ROOT) + ")"
                                + (w.url() != null ? " url in file" : "");
                    }
                    case AlertsConfig.Email m -> {
                        env.put("passwordEnv", m.passwordEnv());
                        yield "email " + m.host() + ":" + m.port() + " " + m.security().name().toLowerCase(java.util.Locale.ROOT)
                                + " from " + m.from() + " to " + String.join(", ", m.to());
                    }
                    case AlertsConfig.Telegram g -> {
                        env.put("botTokenEnv", g.botTokenEnv());
                        yield "telegram chat " + g.chatId() + " via " + g.baseUrl();
                    }
                };
                StringBuilder vars = new StringBuilder();
                env.forEach((field, var) -> {
                    if (var != null) {
                        String v = root.env().get(var);
                        vars.append("; ").append(field).append(' ').append(var).append(v == null || v.isBlank() ? " (NOT SET)" : " (set)");
                    }
                });
                out.println("channel " + ch.name() + ": " + where + "; min severity " + ch.filter().minSeverity().code() + "; events "
                        + (ch.filter().kinds().isEmpty() ? "all"
                        : String.join(", ", AlertEvent.KINDS.stream().filter(ch.filter().kinds()::contains).toList())) + vars);
            }
            out.flush();
        }

        private static String fmt(double p) {
            return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
        }
    }
}
