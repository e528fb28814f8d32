package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.runner.LiveRunner;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.runner.PaperRunner;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.time.TimeChecks;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.feed.WebSocketMarketFeed;
import io.hypertrader.live.sign.SigningKey;
import io.hypertrader.ops.DeploymentOps;
import io.hypertrader.ops.fleet.SharedMarketFeed;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds and runs one deployment's runner from {@code run}'s options: the one place that wires a
 * runner (store, transport, feed, time checks, lease, key, exchange client), for a single
 * {@code run} and for every deployment of {@code run --all}. A process talks to each exchange URL
 * through one transport (Hyperliquid's weight budget is per IP); with {@code shareFeeds} the
 * deployments of one URL also read one market feed ({@link SharedMarketFeed}).
 *
 * <p>Thread-safe: {@code run --all} calls {@link #run} from every runner thread. Each call opens
 * its own store (a {@code DbAccess} belongs to one thread).
 */
final class DeploymentLauncher implements AutoCloseable {

    /** {@code run}'s options, parsed. */
    record Options(long pollMs, int maxBars, long durationMs, long deadManMs, boolean restFeed, String keyAddress, long leaseMs) {
    }

    private final HyperTraderCli root;
    private final Options options;
    private final RunOperations operations;
    private final boolean shareFeeds;
    private final Map<String, SharedBudgetTransport> transports = new HashMap<>();
    private final Map<String, SharedMarketFeed> feeds = new HashMap<>();
    private final Map<String, SigningKey> keys = new HashMap<>();

    DeploymentLauncher(HyperTraderCli root, Options options, RunOperations operations, boolean shareFeeds) {
        this.root = root;
        this.options = options;
        this.operations = operations;
        this.shareFeeds = shareFeeds;
    }

    /**
     * Why {@code d} may not run now, or null: stopped, or a mainnet deployment whose daily
     * confirmation has expired.
     */
    static String notRunnable(LiveStore.Deployment d, long nowMs) {
        if (d.stopped()) {
            return "deployment " + d.id() + " was stopped at " + Instant.ofEpochMilli(d.stoppedMs()) + " (" + d.stopReason()
                    + "); promote the config again for a new deployment";
        }
        if (d.stage() == LiveStore.Stage.MAINNET && (d.confirmedUntilMs() == null || d.confirmedUntilMs() <= nowMs)) {
            return "the mainnet confirmation of " + d.id() + " expired"
                    + (d.confirmedUntilMs() == null ? "" : " at " + Instant.ofEpochMilli(d.confirmedUntilMs()))
                    + "; renew it with: hypertrader promote --deployment " + d.id() + " --reconfirm (type the account address"
                    + " or pass --confirm-mainnet with it)";
        }
        return null;
    }

    /**
     * Runs deployment {@code id} on the calling thread until it ends.
     *
     * @return the runner's end reason ("bounded", "stopped", "halted: ...", "interrupted")
     * @throws UserError REFUSED when it may not run (stopped, mainnet confirmation expired, another
     *                   runner holds it, the restored strategy disagrees with the venue)
     */
    String run(String id) throws TransportException {
        LiveStore store = LiveSupport.store(root, true);
        LiveStore.Deployment d = LiveSupport.deployment(store, id);
        String why = notRunnable(d, System.currentTimeMillis());
        if (why != null) {
            throw new UserError(UserError.Kind.REFUSED, why);
        }
        try (DeploymentOps ops = operations.forDeployment(store, d)) {
            try {
                return start(d, store, ops);
            } catch (UserError e) {
                if (e.kind() != UserError.Kind.REFUSED) { // a refusal is the rules working (its reason is alerted where it arises)
                    ops.crashed(e);
                }
                throw e;
            } catch (TransportException | RuntimeException | Error e) {
                ops.crashed(e);
                throw e;
            }
        }
    }

    /** Wires the deployment's runner and runs it. */
    private String start(LiveStore.Deployment d, LiveStore store, DeploymentOps ops) throws TransportException {
        TradingPlan plan = TradingPlan.ofDeployment(d);
        Network network = LiveSupport.network(root, d);
        String url = LiveSupport.apiUrl(root, network);
        LiveSupport.recordEndpoint(store, d, url);
        SharedBudgetTransport transport = transport(url);
        TimeChecks time = TimeChecks.of(plan, transport::serverDateMs, System::currentTimeMillis, options.pollMs(), line -> {
            synchronized (root.err()) {
                root.err().println(line);
                root.err().flush();
            }
        });
        operations.watch(transport, network.name().toLowerCase(java.util.Locale.ROOT));
        MarketFeed own = shareFeeds ? sharedFeed(transport, url).view() : newFeed(transport, url);
        try (MarketFeed feed = time.observe(own)) {
            return run(d, store, plan, network, url, transport, feed, time, ops);
        }
    }

    private String run(LiveStore.Deployment d, LiveStore store, TradingPlan plan, Network network, String url,
                       SharedBudgetTransport transport, MarketFeed feed, TimeChecks time, DeploymentOps ops) throws TransportException {
        var settings = new PaperRunner.Settings(options.pollMs(), options.maxBars(), options.durationMs());
        var stops = LiveSupport.stops(root);
        var lease = DeploymentLease.Settings.defaults().withTimeout(options.leaseMs());
        if (d.stage() == LiveStore.Stage.PAPER) {
            PaperRunner runner = new PaperRunner(store, d, plan, feed, stops, System::currentTimeMillis, Thread::sleep, root.out());
            runner.leaseSettings(lease);
            runner.watchTime(time);
            runner.events(ops);
            return runner.run(settings).endReason();
        }
        HyperliquidExchangeClient client = LiveSupport.client(root, transport, network, key(), d.accountAddress());
        LiveRunner runner = new LiveRunner(store, d, plan, feed, stops, System::currentTimeMillis, Thread::sleep, root.out(),
                client).deadManWindow(options.deadManMs());
        runner.leaseSettings(lease);
        runner.watchTime(time);
        runner.events(ops);
        if (!options.restFeed()) {
            runner.userStream(l -> new HyperliquidWebSocket(webSocketClient(), Network.webSocketUrl(url),
                    HyperliquidWebSocket.Settings.DEFAULTS, l, System::currentTimeMillis));
        }
        return runner.run(settings).endReason();
    }

    /** Closes the shared feeds (their sockets). */
    @Override
    public synchronized void close() {
        feeds.values().forEach(SharedMarketFeed::close);
        feeds.clear();
    }

    private synchronized SharedBudgetTransport transport(String url) {
        return transports.computeIfAbsent(url, SharedBudgetTransport::create);
    }

    private synchronized SharedMarketFeed sharedFeed(SharedBudgetTransport transport, String url) {
        // a REST answer serves the others for at most half a poll: no deployment reads older data than it would alone
        long fresh = Math.min(SharedMarketFeed.DEFAULT_FRESH_MS, Math.max(1, options.pollMs() / 2));
        return feeds.computeIfAbsent(url, u -> new SharedMarketFeed(newFeed(transport, u), System::currentTimeMillis, fresh));
    }

    /** The signing key, resolved once per process (a passphrase is asked for once, not per deployment). */
    private synchronized SigningKey key() {
        String k = options.keyAddress() == null ? "" : options.keyAddress();
        SigningKey key = keys.get(k);
        if (key == null) {
            key = LiveSupport.key(root, options.keyAddress());
            keys.put(k, key);
        }
        return key;
    }

    /** okhttp for sockets: no read timeout (the client's pings and stale check govern). */
    private static OkHttpClient webSocketClient() {
        return new OkHttpClient.Builder().readTimeout(Duration.ZERO).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The WebSocket feed beside the REST URL (REST as its fallback), or REST only with --rest-feed. */
    private MarketFeed newFeed(SharedBudgetTransport transport, String url) {
        RestMarketFeed rest = new RestMarketFeed(transport);
        if (options.restFeed()) {
            return rest;
        }
        return new WebSocketMarketFeed(webSocketClient(), Network.webSocketUrl(url), HyperliquidWebSocket.Settings.DEFAULTS, rest,
                System::currentTimeMillis, WebSocketMarketFeed.Settings.DEFAULTS);
    }
}
