package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.runner.PaperRunner;
import io.hypertrader.live.feed.RestMarketFeed;
import io.hypertrader.live.exchange.SharedBudgetTransport;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.control.StopExecutor;
import io.hypertrader.live.deployment.TradingPlan;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code hypertrader stop} does, as a plain class so {@code stop} and the dashboard of
 * {@code serve} stop deployments with the same code: signal every target first (each runner then
 * refuses new orders), then per deployment cancel its open orders on the exchange and, with
 * flatten, close its positions with reduce-only orders; wait for the runner to halt, sweep once
 * more, mark it stopped. Paper deployments have no exchange: their runner or an offline stop closes them.
 */
final class DeploymentStopper {

    private final HyperTraderCli root;
    private final String keyAddress;
    private final long waitMs;

    /**
     * @param keyAddress which stored key signs (null: the only one, or $HYPERTRADER_PRIVATE_KEY)
     * @param waitMs     how long to wait for a runner to halt
     */
    DeploymentStopper(HyperTraderCli root, String keyAddress, long waitMs) {
        this.root = root;
        this.keyAddress = keyAddress;
        this.waitMs = waitMs;
    }

    /**
     * Stops {@code ids}, or with {@code all} every deployment that is not stopped, printing one
     * line per deployment to {@code out}.
     *
     * @return true when nothing is left: no open order, and with flatten no position
     */
    boolean stop(List<String> ids, boolean all, boolean flatten, PrintWriter out) {
        LiveStore store = LiveSupport.store(root, true);
        StopControl stops = LiveSupport.stops(root);
        List<LiveStore.Deployment> targets = new ArrayList<>();
        if (all) {
            store.deployments().stream().filter(d -> !d.stopped()).forEach(targets::add);
        } else {
            ids.forEach(id -> targets.add(LiveSupport.deployment(store, id)));
        }
        long now = System.currentTimeMillis();
        // Signal first: from here on every runner refuses new orders.
        for (LiveStore.Deployment d : targets) {
            stops.request(d.id(), flatten, now);
            store.stopRequested(d.id(), now, flatten);
        }
        boolean clean = true;
        for (LiveStore.Deployment d : targets) {
            clean &= stopOne(store, d, flatten, out);
        }
        if (targets.isEmpty()) {
            out.println("no deployment to stop");
        }
        out.flush();
        return clean;
    }

    private boolean stopOne(LiveStore store, LiveStore.Deployment d, boolean flatten, PrintWriter out) {
        TradingPlan plan = TradingPlan.ofDeployment(d);
        if (d.stage() == LiveStore.Stage.PAPER) {
            if (!awaitHalt(store, d.id())) {
                Network n = LiveSupport.network(root, d);
                String r = new PaperRunner(store, d, plan, new RestMarketFeed(SharedBudgetTransport.create(LiveSupport.apiUrl(root, n))),
                        LiveSupport.stops(root), System::currentTimeMillis, ms -> { }, out).stopOffline(flatten);
                out.println(d.id() + ": " + r + " (no runner was running)");
            } else {
                out.println(d.id() + ": runner halted: " + store.deployment(d.id()).orElseThrow().stopReason());
            }
            return true;
        }
        Network n = LiveSupport.network(root, d);
        SharedBudgetTransport transport = SharedBudgetTransport.create(LiveSupport.apiUrl(root, n));
        HyperliquidExchangeClient client = LiveSupport.client(root, transport, n, LiveSupport.key(root, keyAddress), d.accountAddress());
        Set<String> coins = new LinkedHashSet<>();
        plan.coins().forEach(c -> coins.add(c.name()));
        StopExecutor.Report first = StopExecutor.stop(client, coins, d.id(), flatten, System::currentTimeMillis);
        boolean halted = awaitHalt(store, d.id());
        // A runner may have had an order in flight when the signal appeared: sweep once more.
        StopExecutor.Report last = StopExecutor.stop(client, coins, d.id(), flatten, System::currentTimeMillis);
        long now = System.currentTimeMillis();
        if (!store.deployment(d.id()).orElseThrow().stopped()) {
            store.setStatus(d.id(), "stopped", now, flatten ? "stop --flatten" : "stop");
        }
        String report = first.describe() + (last.cancelled() > 0 || !last.flattened().isEmpty() ? "; second sweep: " + last.describe() : "");
        store.stopDone(d.id(), now, report);
        store.append(d.id(), LiveStore.Entry.of(now, null, "stop", null, null, null, null, null, null, "stop command: " + report));
        out.println(d.id() + " (" + d.stage().code() + ", " + d.accountAddress() + "): " + (halted ? "runner halted; " : "no runner running; ")
                + "cancelled " + (first.cancelled() + last.cancelled()) + " open orders"
                + (first.flattened().isEmpty() ? "" : "; flattened " + String.join(", ", first.flattened()))
                + "; open orders left: " + (last.remainingOrders().isEmpty() ? "none" : String.join(", ", last.remainingOrders()))
                + "; positions left: " + (last.remainingPositions().isEmpty() ? "none" : String.join(", ", last.remainingPositions())));
        for (String e : last.errors()) {
            out.println("  error: " + e);
        }
        return last.clean() && (!flatten || last.remainingPositions().isEmpty());
    }

    /** Waits for a live runner of the deployment to notice the signal and halt; false when none was running. */
    private boolean awaitHalt(LiveStore store, String id) {
        long deadline = System.currentTimeMillis() + waitMs;
        while (true) {
            var runs = store.runs(id);
            var latest = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            boolean running = latest != null && latest.endedMs() == null
                    && System.currentTimeMillis() - latest.heartbeatMs() < Math.max(waitMs, 30_000);
            if (!running) {
                return latest != null && latest.endedMs() != null && store.deployment(id).orElseThrow().stopped();
            }
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
