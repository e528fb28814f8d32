package io.hypertrader.serve;

import io.hypertrader.store.RunStore;
import io.hypertrader.store.SweepStore;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.deployment.DeploymentBook;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.risk.RiskEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads what the dashboard shows from the database, the way {@code status}, {@code runs} and
 * {@code studies} read it: the file is opened for one page (one {@link DbAccess#batch}) and closed,
 * waiting a moment when a runner holds it, so a page never keeps a runner from writing.
 */
public final class DashboardData {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** How many journal lines and fills one deployment's page shows (the newest). */
    static final int JOURNAL_TAIL = 30;
    static final int FILLS_SHOWN = 100;

    private final Path db;
    private final Path reports;
    private final LongSupplier clock;

    /**
     * @param reports the reports folder ({@code hypertrader backtest --reports}), whose pages the dashboard links
     * @param clock   wall clock, UTC epoch ms (heartbeat ages)
     */
    public DashboardData(Path db, Path reports, LongSupplier clock) {
        this.db = db;
        this.reports = reports;
        this.clock = clock;
    }

    public Path reports() {
        return reports;
    }

    /** Whether there is a database to read at all (a fresh checkout has none). */
    public boolean databaseExists() {
        return Files.exists(db);
    }

    private LiveStore store() {
        return new LiveStore(DbAccess.file(db)); // DbAccess is one per thread of work: one per page
    }

    /** Every deployment, as the deployments table shows it. */
    public List<Views.DeploymentRow> deployments() {
        if (!databaseExists()) {
            return List.of();
        }
        LiveStore store = store();
        return store.db().batch(() -> {
            long now = clock.getAsLong();
            List<Views.DeploymentRow> out = new ArrayList<>();
            for (LiveStore.Deployment d : store.deployments()) {
                out.add(row(store, d, now, new Facts(store, d)));
            }
            return out;
        });
    }

    /** One deployment's page, or empty when there is no such deployment. */
    public Optional<Views.DeploymentPage> deployment(String id) {
        if (!databaseExists()) {
            return Optional.empty();
        }
        LiveStore store = store();
        return store.db().batch(() -> store.deployment(id).map(d -> page(store, d)));
    }

    /** Every deployment's figures for the metrics endpoint: id, stage, equity (NaN before the first snapshot), exposure. */
    public record Figures(String id, String stage, boolean stopped, double equity, double exposure) {
    }

    public List<Figures> figures() {
        if (!databaseExists()) {
            return List.of();
        }
        LiveStore store = store();
        return store.db().batch(() -> store.deployments().stream().map(d -> {
            Facts f = new Facts(store, d);
            return new Figures(d.id(), d.stage().code(), d.stopped(), f.lastEquity == null ? Double.NaN : f.lastEquity, f.exposure());
        }).toList());
    }

    /** The newest backtest runs with a link to each one's report when it was written. */
    public List<Views.RunView> runs(int limit) {
        if (!databaseExists()) {
            return List.of();
        }
        return DbAccess.file(db).use(d -> new RunStore(d).list(limit, null)).stream().map(r -> new Views.RunView(r.runId(),
                time(r.createdAtMs()), r.name(), shortHash(r.configHash()), r.coins(), r.interval(), pct(r.totalReturn()),
                pct(r.maxDrawdown()), r.fillCount(), reportHref(r.runId()))).toList();
    }

    /** The newest studies (sweeps, Monte Carlo, walk-forward) with a link to each one's report when it was written. */
    public List<Views.StudyView> studies(int limit) {
        if (!databaseExists()) {
            return List.of();
        }
        return DbAccess.file(db).use(d -> new SweepStore(d).summaries(limit, null, null)).stream().map(s -> new Views.StudyView(
                s.id(), s.kind(), time(s.createdAtMs()), shortHash(s.configHash()), s.configurations(), s.trials(), s.best(),
                reportHref(s.kind() + "-" + s.id()))).toList();
    }

    /** {@code /reports/FOLDER/index.html} when that report exists in the reports folder, else null. */
    private String reportHref(String folder) {
        return Files.isRegularFile(reports.resolve(folder).resolve("index.html")) ? "/reports/" + folder + "/index.html" : null;
    }

    /** What one deployment's journal and fills add up to. */
    private static final class Facts {
        final List<LiveStore.Entry> journal;
        final List<LiveStore.FillRow> fills;
        final Map<String, Double> positions = new LinkedHashMap<>();
        final Map<String, Double> lastPrice = new HashMap<>();
        final Map<String, Double> closes;
        final List<LiveStore.Entry> snapshots = new ArrayList<>();
        Double firstEquity;
        Double lastEquity;
        /** Whether the snapshots carry the deployment's own equity (a live runner's), not only the account's. */
        boolean ownEquity;

        Facts(LiveStore store, LiveStore.Deployment d) {
            journal = store.journal(d.id());
            fills = store.fills(d.id());
            closes = store.lastCloses(d.id());
            for (LiveStore.FillRow f : fills) {
                positions.merge(f.coin(), ("BUY".equals(f.side()) ? 1 : -1) * f.size(), Double::sum);
                lastPrice.put(f.coin(), f.price());
            }
            for (LiveStore.Entry e : journal) {
                if ("snapshot".equals(e.kind()) && e.price() != null) {
                    snapshots.add(e);
                    double eq = equity(e);
                    if (firstEquity == null) {
                        firstEquity = eq;
                    }
                    lastEquity = eq;
                    ownEquity |= e.detail() != null && e.detail().contains(DEPLOYMENT_EQUITY);
                }
            }
        }

        /**
         * Gross position notional, as {@code status} values it: the deployment's positions at the last
         * recorded closes (at the coin's last fill price when no candle was recorded).
         */
        double exposure() {
            return DeploymentBook.of(fills).exposure(c -> closes.getOrDefault(c, lastPrice.getOrDefault(c, 0.0)));
        }
    }

    private static final String DEPLOYMENT_EQUITY = "deployment-equity=";

    /**
     * The equity a snapshot records for the deployment: a live runner's {@code deployment-equity=}
     * (its capital plus its own fills' P&L) when the line has it, else the snapshot's equity (paper's
     * own book; the exchange account's for older live snapshots).
     */
    static double equity(LiveStore.Entry snapshot) {
        String d = snapshot.detail();
        int at = d == null ? -1 : d.indexOf(DEPLOYMENT_EQUITY);
        if (at >= 0) {
            int from = at + DEPLOYMENT_EQUITY.length();
            int to = d.indexOf(' ', from);
            try {
                return Double.parseDouble(d.substring(from, to < 0 ? d.length() : to));
            } catch (NumberFormatException e) {
                return snapshot.price();
            }
        }
        return snapshot.price();
    }

    /** The capital a deployment sizes from: {@code promote --capital}, else the config's account.initialEquity. */
    static Double capital(LiveStore.Deployment d) {
        if (d.initialEquity() != null && d.initialEquity() > 0) {
            return d.initialEquity();
        }
        try {
            return d.capital(TradingPlan.ofDeployment(d).initialEquity());
        } catch (RuntimeException e) {
            return null; // a config the store cannot read back: shown as "-", as status says "config unreadable"
        }
    }

    private Views.DeploymentRow row(LiveStore store, LiveStore.Deployment d, long now, Facts f) {
        var runs = store.runs(d.id());
        var last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        String heartbeat = last == null ? "never run" : last.endedMs() != null ? "ended " + time(last.endedMs())
                : age(now - last.heartbeatMs()) + " ago";
        String lease = DeploymentLease.current(store, d.id()).map(l -> l.holder().describe() + ", heartbeat "
                + age(l.silentMs(now)) + " ago").orElse("free");
        Double capital = capital(d);
        // P&L: the deployment's own equity against its capital (paper's book; a live runner's deployment
        // equity); snapshots of the exchange account alone against the first of them
        Double base = d.stage() == LiveStore.Stage.PAPER || f.ownEquity ? capital : f.firstEquity;
        Double pnl = f.lastEquity == null || base == null ? null : f.lastEquity - base;
        List<RiskEvent> risk = store.riskEvents(d.id());
        String riskState;
        boolean alarm = false;
        if (risk.isEmpty()) {
            riskState = "ok";
        } else {
            RiskEvent r = risk.get(risk.size() - 1);
            alarm = risk.stream().anyMatch(e -> e.action() == RiskEvent.Action.HALTED);
            riskState = (alarm ? "halted; " : "") + risk.size() + (risk.size() == 1 ? " event, " : " events, last ")
                    + r.rule() + " " + r.action();
        }
        return new Views.DeploymentRow(d.id(), d.stage().code(), d.status(), d.configName(),
                d.accountAddress() == null ? "" : d.accountAddress(), lease, usd(capital), usd(f.exposure()),
                pnl == null ? "-" : signedUsd(pnl), pnl != null && pnl < 0, riskState, alarm, heartbeat, d.stopped());
    }

    private Views.DeploymentPage page(LiveStore store, LiveStore.Deployment d) {
        long now = clock.getAsLong();
        Facts f = new Facts(store, d);
        Views.DeploymentRow row = row(store, d, now, f);
        String explorer = explorer(d);
        List<Views.PositionView> positions = new ArrayList<>();
        f.positions.forEach((c, v) -> {
            if (Math.abs(v) > 1e-12) {
                positions.add(new Views.PositionView(c, num(v)));
            }
        });
        List<LiveStore.OrderRow> orders = store.orders(d.id());
        Map<Long, LiveStore.OrderRow> byId = new HashMap<>();
        List<Views.OrderView> open = new ArrayList<>();
        for (LiveStore.OrderRow o : orders) {
            byId.put(o.orderId(), o);
            if (o.status().equals("OPEN") || o.status().equals("PENDING")) {
                open.add(new Views.OrderView(String.valueOf(o.orderId()), o.oid() == null ? "" : String.valueOf(o.oid()), o.coin(),
                        o.side(), o.type(), num(o.size()), o.limitPx() == null ? "" : num(o.limitPx()), o.status(),
                        o.tag() == null ? "" : o.tag()));
            }
        }
        List<Views.FillView> fills = new ArrayList<>();
        for (int i = f.fills.size() - 1; i >= 0 && fills.size() < FILLS_SHOWN; i--) {
            LiveStore.FillRow x = f.fills.get(i);
            LiveStore.OrderRow o = x.orderId() == null ? null : byId.get(x.orderId());
            String slip = "";
            if (o != null && o.decisionPx() != null && o.decisionPx() > 0) {
                double bps = ("BUY".equals(x.side()) ? 1 : -1) * (x.price() - o.decisionPx()) / o.decisionPx() * 10_000;
                slip = String.format(Locale.ROOT, "%+.1f", bps);
            }
            String exchangeId = o == null || o.oid() == null ? "" : String.valueOf(o.oid());
            fills.add(new Views.FillView(time(x.timeMs()), x.coin(), x.side(), num(x.price()), num(x.size()),
                    String.format(Locale.ROOT, "%.4f", x.fee()), slip, x.orderId() == null ? "" : String.valueOf(x.orderId()),
                    exchangeId, explorer != null && !exchangeId.isEmpty() ? explorer : null, x.forced()));
        }
        List<Views.JournalView> journal = new ArrayList<>();
        for (int i = Math.max(0, f.journal.size() - JOURNAL_TAIL); i < f.journal.size(); i++) {
            LiveStore.Entry e = f.journal.get(i);
            journal.add(new Views.JournalView(e.seq(), time(e.wallMs()), e.kind(), e.coin() == null ? "" : e.coin(),
                    e.detail() == null ? "" : e.detail()));
        }
        java.util.Collections.reverse(journal); // newest first, like the fills
        List<Views.RiskView> risk = store.riskEvents(d.id()).stream().map(e -> new Views.RiskView(time(e.timeMs()),
                e.rule().name(), e.coin() == null ? "" : e.coin(), e.action().name(), e.reason())).toList();
        return new Views.DeploymentPage(row, network(d), explorer, d.configHash(), time(d.createdMs()),
                d.stopReason() == null ? "" : d.stopReason(), d.positionCapUsd() == null ? "" : usd(d.positionCapUsd()),
                d.confirmedUntilMs() == null ? "" : time(d.confirmedUntilMs()), d.stage() == LiveStore.Stage.MAINNET,
                positions, open, fills, f.fills.size(), journal, f.journal.size(), risk, chart(f.snapshots));
    }

    static String network(LiveStore.Deployment d) {
        return switch (d.stage()) {
            case PAPER -> "paper (simulated on public market data)";
            case TESTNET -> "Hyperliquid testnet";
            case MAINNET -> "Hyperliquid mainnet";
        };
    }

    /** The account's page on the explorer of the deployment's network; null for paper (no account). */
    static String explorer(LiveStore.Deployment d) {
        if (d.accountAddress() == null) {
            return null;
        }
        return switch (d.stage()) {
            case PAPER -> null;
            case TESTNET -> "https://app.hyperliquid-testnet.xyz/explorer/address/" + d.accountAddress();
            case MAINNET -> "https://app.hyperliquid.xyz/explorer/address/" + d.accountAddress();
        };
    }

    static Views.EquityChart chart(List<LiveStore.Entry> snapshots) {
        int n = snapshots.size();
        if (n < 2) {
            String one = n == 1 ? usd(equity(snapshots.get(0))) : "-";
            return new Views.EquityChart("", one, one, one, one, n);
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (LiveStore.Entry e : snapshots) {
            min = Math.min(min, equity(e));
            max = Math.max(max, equity(e));
        }
        double span = max - min > 0 ? max - min : 1;
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = (double) i / (n - 1) * Views.EquityChart.WIDTH;
            double y = Views.EquityChart.HEIGHT - 4 - (equity(snapshots.get(i)) - min) / span * (Views.EquityChart.HEIGHT - 8);
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new Views.EquityChart(pts.toString().trim(), usd(min), usd(max), usd(equity(snapshots.get(0))),
                usd(equity(snapshots.get(n - 1))), n);
    }

    static String time(long ms) {
        return TIME.format(Instant.ofEpochMilli(ms));
    }

    static String age(long ms) {
        long s = Math.max(0, ms) / 1000;
        return s < 120 ? s + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
    }

    static String usd(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%,.2f USDC", v);
    }

    static String signedUsd(double v) {
        return String.format(Locale.ROOT, "%+,.2f USDC", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%+.2f%%", v * 100);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    static String shortHash(String h) {
        return h == null ? "" : h.substring(0, Math.min(12, h.length()));
    }
}
