package io.hypertrader.cli;

import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.deployment.DeploymentBook;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.replay.PaperEngine;
import io.hypertrader.live.deployment.TradingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hypertrader status [DEPLOYMENT]}: deployments with their stage, status, runner, equity,
 * P&L, positions and open orders as journaled (read from the database only, so it works while a
 * runner runs and without network).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the deployments: stage, status, heartbeat, equity, positions, open orders and lease.",
                "Each deployment's capital (with its realized P&L), the cap a cycle is sized to at most, and its exposure"
                        + " (its positions at the last recorded closes).",
                "Equity and P&L are from the last snapshot, positions the sum of journaled fills; the lease holder is"
                        + " shown with pid, host and heartbeat age, and the endpoint; with DEPLOYMENT also its recent"
                        + " journal and risk events."})
final class StatusCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DEPLOYMENT", description = "Deployment id (default: all).")
    String deploymentId;

    @Override
    public void run() {
        HyperTraderCli root = HyperTraderCli.root(spec);
        LiveStore store = LiveSupport.store(root, true);
        PrintWriter out = root.out();
        List<LiveStore.Deployment> ds = deploymentId == null ? store.deployments() : List.of(LiveSupport.deployment(store, deploymentId));
        if (ds.isEmpty()) {
            out.println("no deployments; create one with: hypertrader promote --config FILE");
        }
        // read before the runners' latest heartbeats (the file may be waited for): ages are clamped at 0
        long now = System.currentTimeMillis();
        for (LiveStore.Deployment d : ds) {
            var runs = store.runs(d.id());
            var last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            String runner = last == null ? "never run" : last.endedMs() == null
                    ? String.format(Locale.ROOT, "running (pid %d, heartbeat %ds ago)", last.pid(), Math.max(0, now - last.heartbeatMs()) / 1000)
                    : "ended " + Instant.ofEpochMilli(last.endedMs()) + " (" + last.endReason() + ")";
            Map<String, Double> pos = new LinkedHashMap<>();
            List<LiveStore.FillRow> fills = store.fills(d.id());
            double fees = 0;
            for (LiveStore.FillRow f : fills) {
                pos.merge(f.coin(), ("BUY".equals(f.side()) ? 1 : -1) * f.size(), Double::sum);
                fees += f.fee();
            }
            long open = store.orders(d.id()).stream().filter(o -> o.status().equals("OPEN") || o.status().equals("PENDING")).count();
            List<LiveStore.Entry> journal = store.journal(d.id());
            LiveStore.Entry snap = null;
            for (LiveStore.Entry e : journal) {
                if (e.kind().equals("snapshot")) {
                    snap = e;
                }
            }
            out.println(d.id() + "  " + d.stage().code() + "  " + d.status() + "  config " + d.configName() + " "
                    + d.configHash().substring(0, 12) + (d.accountAddress() != null ? "  account " + d.accountAddress() : ""));
            out.println("  runner: " + runner + ", " + runs.size() + " sessions");
            out.println("  lease: " + DeploymentLease.current(store, d.id()).map(l -> String.format(Locale.ROOT,
                    "held by %s since %s, heartbeat %ds ago (taken over when that process is gone or silent for %ds)",
                    l.holder().describe(), Instant.ofEpochMilli(l.acquiredMs()), Math.max(0, l.silentMs(now)) / 1000, l.timeoutMs() / 1000))
                    .orElse("free (no runner holds this deployment)")
                    + store.endpoint(d.id()).map(u -> "; endpoint " + u).orElse(""));
            StringBuilder p = new StringBuilder();
            pos.forEach((c, v) -> {
                if (Math.abs(v) > 1e-12) {
                    p.append(' ').append(c).append('=').append(String.format(Locale.ROOT, "%.6g", v));
                }
            });
            out.println(String.format(Locale.ROOT, "  positions:%s  open orders: %d  fills: %d  fees: %.2f USDC",
                    p.length() == 0 ? " flat" : p.toString(), open, fills.size(), fees));
            if (snap != null) {
                out.println("  last snapshot " + Instant.ofEpochMilli(snap.wallMs()) + ": " + snap.detail()
                        + (d.initialEquity() != null && d.stage() == LiveStore.Stage.PAPER ? "" : ""));
            }
            out.println(money(store, d, fills));
            if (d.positionCapUsd() != null) {
                out.println(String.format(Locale.ROOT, "  position cap %.2f USDC; confirmed until %s", d.positionCapUsd(),
                        d.confirmedUntilMs() == null ? "-" : Instant.ofEpochMilli(d.confirmedUntilMs()).toString()));
            }
            if (deploymentId != null) {
                var risk = store.riskEvents(d.id());
                out.println("  risk events: " + risk.size());
                risk.stream().skip(Math.max(0, risk.size() - 5)).forEach(e -> out.println("    " + e.rule() + " " + e.action() + ": " + e.reason()));
                long disc = journal.stream().filter(e -> e.kind().equals("discrepancy")).count();
                out.println("  discrepancies: " + disc);
                out.println("  journal (last 10 of " + journal.size() + "):");
                journal.stream().skip(Math.max(0, journal.size() - 10)).forEach(e -> out.println("    " + e.seq() + " "
                        + Instant.ofEpochMilli(e.wallMs()) + " " + e.kind() + (e.orderId() != null ? " #" + e.orderId() : "")
                        + (e.coin() != null ? " " + e.coin() : "") + (e.detail() != null ? " " + e.detail() : "")));
            }
        }
        out.flush();
    }

    /**
     * The deployment's money: its capital, the realized P&L of its own fills, the cap a cycle is
     * sized to at most, and its exposure (its positions at the last recorded closes).
     */
    private static String money(LiveStore store, LiveStore.Deployment d, List<LiveStore.FillRow> fills) {
        TradingPlan plan;
        try {
            plan = TradingPlan.ofDeployment(d);
        } catch (RuntimeException e) {
            return "  capital: config unreadable (" + e.getMessage() + ")";
        }
        double capital = d.capital(plan.initialEquity());
        DeploymentBook book = DeploymentBook.of(fills);
        double cap = CapitalSizing.cycleCap(PaperEngine.limits(plan, d));
        Map<String, Double> closes = store.lastCloses(d.id());
        double exposure = book.exposure(c -> closes.getOrDefault(c, Double.NaN));
        double realized = book.realized();
        return String.format(Locale.ROOT, "  capital %.2f USDC%s, realized P&L %+.2f USDC: sizes from %.2f USDC (never more than"
                        + " the account holds); cycle cap %s; exposure %.2f USDC", capital,
                d.initialEquity() == null ? " (the config's account.initialEquity)" : "", realized, capital + realized,
                Double.isInfinite(cap) ? "none" : String.format(Locale.ROOT, "%.2f USDC", cap), exposure);
    }
}
