package io.hypertrader.cli;

import io.hypertrader.core.Network;
import io.hypertrader.core.UserError;
import io.hypertrader.live.HyperliquidExchangeClient;
import io.hypertrader.live.LiveStore;
import io.hypertrader.live.PaperRunner;
import io.hypertrader.live.RestMarketFeed;
import io.hypertrader.live.SharedBudgetTransport;
import io.hypertrader.live.StopControl;
import io.hypertrader.live.StopExecutor;
import io.hypertrader.live.TradingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code hypertrader stop}: signals the runner (control file, seen within one poll), cancels every
 * open order of the deployment's coins on the exchange and, with --flatten, closes the positions
 * with reduce-only orders; waits for the runner to halt, sweeps once more, marks it stopped.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stop a deployment (or --all) from any process.",
                "The runner halts, every open order is cancelled, and with --flatten positions are closed with reduce-only"
                        + " orders. Exit 1 when orders or positions remain."})
final class StopCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "Deployment id.")
    String deploymentId;

    @Option(names = "--all", description = "Every deployment that is not stopped.")
    boolean all;

    @Option(names = "--flatten", description = "Also close positions with reduce-only market orders.")
    boolean flatten;

    @Option(names = "--key", paramLabel = "ADDRESS", description = "Which stored key signs (default: the only one).")
    String keyAddress;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "15000", description = "How long to wait for a runner to halt.")
    long waitMs;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (all == (deploymentId != null)) {
            throw UserError.usage("give either a DEPLOYMENT or --all");
        }
        LiveStore store = LiveSupport.store(root, true);
        StopControl stops = LiveSupport.stops(root);
        List<LiveStore.Deployment> targets = new ArrayList<>();
        if (all) {
            store.deployments().stream().filter(d -> !d.stopped()).forEach(targets::add);
        } else {
            targets.add(LiveSupport.deployment(store, deploymentId));
        }
        long now = System.currentTimeMillis();
        // Signal first: from here on every runner refuses new orders.
        for (LiveStore.Deployment d : targets) {
            stops.request(d.id(), flatten, now);
            store.stopRequested(d.id(), now, flatten);
        }
        boolean dirty = false;
        for (LiveStore.Deployment d : targets) {
            dirty |= !stopOne(root, store, d);
        }
        if (targets.isEmpty()) {
            root.out().println("no deployment to stop");
        }
        root.out().flush();
        if (dirty) {
            throw new UserError(UserError.Kind.FAILURE, "stop left open orders or positions (see above); run stop again or act on the exchange");
        }
    }

    private boolean stopOne(HyperTraderCli root, LiveStore store, LiveStore.Deployment d) {
        var out = root.out();
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
