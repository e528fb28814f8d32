package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.runner.LiveRunner;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.feed.WebSocketMarketFeed;
import okhttp3.OkHttpClient;
import io.hypertrader.live.runner.PaperRunner;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.time.TimeChecks;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** {@code hypertrader run DEPLOYMENT}: runs a deployment until stopped (or a bound is reached). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a deployment: paper through the simulator on live candles, testnet and mainnet on Hyperliquid.",
                "Paper uses the realistic profile on the wall clock. Same strategy code as the backtest, behind the risk manager.",
                "Stops on 'hypertrader stop' from any process; --max-bars / --duration bound a session."})
final class RunCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "Deployment id (see: hypertrader status).")
    String deploymentId;

    @Option(names = "--max-bars", paramLabel = "N", defaultValue = "0", description = "Stop after N new closed bars (0 = no bound).")
    int maxBars;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after this long, e.g. 90s, 15m, 8h (default: no bound).")
    String duration;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "2000", description = "Poll interval in ms (default: 2000).")
    long pollMs;

    @Option(names = "--dead-man", paramLabel = "D", defaultValue = "60s",
            description = {"Testnet/mainnet dead-man switch: the exchange cancels every open order of the account when the",
                    "runner has not refreshed it for this long (scheduleCancel; refreshed every half window, cleared on a",
                    "clean stop). At least 10s; 0 turns it off. Default: ${DEFAULT-VALUE}."})
    String deadMan;

    @Option(names = "--rest-feed", description = {"Poll market data, fills and order states over REST only (default: WebSockets,",
            "with REST polling as the fallback and backstop)."})
    boolean restFeed;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs (testnet/mainnet; default: the only one).")
    String keyAddress;

    @Option(names = "--lease-timeout", paramLabel = "D", description = {"One runner per deployment: another run takes the",
            "deployment over only when this runner's process is gone or it has not renewed its lease for this long",
            "(and this run waits as long on a silent holder). Default: 60s, or 3 poll intervals when longer;",
            "at least 10s and 3 poll intervals."})
    String leaseTimeout;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (maxBars < 0 || pollMs < 0) {
            throw UserError.usage("--max-bars and --poll-ms must not be negative");
        }
        long durationMs = duration == null ? 0 : parseDuration(duration);
        long deadManMs = parseDuration("--dead-man", deadMan);
        if (deadManMs != 0 && deadManMs < 10_000) {
            throw UserError.usage("--dead-man " + deadMan + ": the window must be 0 (off) or at least 10s (the exchange demands 5 s ahead)");
        }
        LiveStore store = LiveSupport.store(root, true);
        LiveStore.Deployment d = LiveSupport.deployment(store, deploymentId);
        if (d.stopped()) {
            throw new UserError(UserError.Kind.REFUSED, "deployment " + d.id() + " was stopped at " + Instant.ofEpochMilli(d.stoppedMs())
                    + " (" + d.stopReason() + "); promote the config again for a new deployment");
        }
        long now = System.currentTimeMillis();
        if (d.stage() == LiveStore.Stage.MAINNET && (d.confirmedUntilMs() == null || d.confirmedUntilMs() <= now)) {
            throw new UserError(UserError.Kind.REFUSED, "the mainnet confirmation of " + d.id() + " expired"
                    + (d.confirmedUntilMs() == null ? "" : " at " + Instant.ofEpochMilli(d.confirmedUntilMs()))
                    + "; renew it with: hypertrader promote --deployment " + d.id() + " --reconfirm (type the account address"
                    + " or pass --confirm-mainnet with it)");
        }
        long leaseMs = leaseTimeoutMs();
        TradingPlan plan = TradingPlan.ofDeployment(d);
        Network network = LiveSupport.network(root, d);
        String url = LiveSupport.apiUrl(root, network);
        LiveSupport.recordEndpoint(store, d, url);
        SharedBudgetTransport transport = SharedBudgetTransport.create(url);
        var settings = new io.hypertrader.live.runner.PaperRunner.Settings(pollMs, maxBars, durationMs);
        var stops = LiveSupport.stops(root);
        var lease = DeploymentLease.Settings.defaults().withTimeout(leaseMs);
        TimeChecks time = TimeChecks.of(plan, transport::serverDateMs, System::currentTimeMillis, pollMs, line -> {
            root.err().println(line);
            root.err().flush();
        });
        try (MarketFeed feed = time.observe(feed(transport, url))) {
            if (d.stage() == LiveStore.Stage.PAPER) {
                PaperRunner runner = new PaperRunner(store, d, plan, feed, stops, System::currentTimeMillis, Thread::sleep, root.out());
                runner.leaseSettings(lease);
                runner.watchTime(time);
                runner.run(settings);
            } else {
                HyperliquidExchangeClient client = LiveSupport.client(root, transport, network, LiveSupport.key(root, keyAddress),
                        d.accountAddress());
                LiveRunner runner = new LiveRunner(store, d, plan, feed, stops, System::currentTimeMillis, Thread::sleep, root.out(),
                        client).deadManWindow(deadManMs);
                runner.leaseSettings(lease);
                runner.watchTime(time);
                if (!restFeed) {
                    runner.userStream(l -> new HyperliquidWebSocket(webSocketClient(), Network.webSocketUrl(url),
                            HyperliquidWebSocket.Settings.DEFAULTS, l, System::currentTimeMillis));
                }
                runner.run(settings);
            }
        } catch (TransportException e) {
            throw UserError.exchange("cannot read market data from " + url + ": " + e.getMessage(), e);
        }
    }

    /** The lease timeout: given (at least 10 s and 3 polls), else 60 s or 3 polls when longer. */
    private long leaseTimeoutMs() {
        long floor = Math.max(DeploymentLease.MIN_TIMEOUT_MS, 3 * pollMs);
        if (leaseTimeout == null) {
            return Math.max(DeploymentLease.DEFAULT_TIMEOUT_MS, 3 * pollMs);
        }
        long ms = parseDuration("--lease-timeout", leaseTimeout);
        if (ms < floor) {
            throw UserError.usage("--lease-timeout " + leaseTimeout + ": must be at least " + floor / 1000 + "s (10s, and 3 times --poll-ms "
                    + pollMs + " so a live runner renews its lease well within it)");
        }
        return ms;
    }

    /** okhttp for sockets: no read timeout (the client's pings and stale check govern). */
    private static OkHttpClient webSocketClient() {
        return new OkHttpClient.Builder().readTimeout(Duration.ZERO).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The WebSocket feed beside the REST URL (REST as its fallback), or REST only with --rest-feed. */
    private MarketFeed feed(SharedBudgetTransport transport, String url) {
        RestMarketFeed rest = new RestMarketFeed(transport);
        if (restFeed) {
            return rest;
        }
        return new WebSocketMarketFeed(webSocketClient(), Network.webSocketUrl(url), HyperliquidWebSocket.Settings.DEFAULTS, rest,
                System::currentTimeMillis, WebSocketMarketFeed.Settings.DEFAULTS);
    }

    static long parseDuration(String s) {
        return parseDuration("--duration", s);
    }

    static long parseDuration(String option, String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Long.parseLong(t.substring(0, t.length() - 2));
            }
            long unit = switch (t.charAt(t.length() - 1)) {
                case 's' -> 1_000L;
                case 'm' -> 60_000L;
                case 'h' -> 3_600_000L;
                case 'd' -> 86_400_000L;
                default -> -1;
            };
            if (unit < 0) {
                return Long.parseLong(t);
            }
            long v = Long.parseLong(t.substring(0, t.length() - 1));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v * unit;
        } catch (RuntimeException e) {
            throw UserError.usage(option + ": '" + s + "' is not a duration such as 90s, 15m or 8h");
        }
    }
}
