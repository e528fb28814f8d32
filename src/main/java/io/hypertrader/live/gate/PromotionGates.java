package io.hypertrader.live.gate;

import io.hypertrader.config.ConfigLoader;
import io.hypertrader.core.Network;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.store.DbAccess;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.sim.SimConfig;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The promotion gates of issues 6 and 10, each a pure decision over facts read from the store,
 * with a message that names the gate, the evidence counted, the evidence not counted and why, and
 * the numbers either way.
 *
 * <ul>
 *   <li>paper: the latest backtest of this exact config hash ({@code runs.config_hash}) whose
 *       simulator is the {@code realistic} profile or stricter ({@link SimConfig#laxerThan}; the
 *       stored simulator parameters decide, not the profile's name) has a max drawdown at most
 *       {@code paperMaxDrawdown} and at least {@code paperMinTrades} fills; newer runs of the hash
 *       under a more lenient simulator are named as not counted;</li>
 *   <li>testnet: a paper deployment of the hash ran at least {@code testnetMinPaperHours} (sum of
 *       its runner sessions) with at least {@code testnetMinPaperTrades} fills;</li>
 *   <li>mainnet: testnet deployments of the hash that traded against Hyperliquid's testnet
 *       ({@link Network#TESTNET}'s URL, or a URL the user accepted with
 *       {@code --accept-evidence-from}) sent at least {@code mainnetMinTestnetOrders} orders to the
 *       exchange, of which at least {@code mainnetMinSuccessRate} were accepted (an order counts
 *       as sent when the exchange answered it: accepted = it got an exchange order id; refused =
 *       rejected by the exchange; risk refusals never left the process).</li>
 * </ul>
 */
public final class PromotionGates {

    /** The simulator a backtest must match or exceed in strictness to count as evidence. */
    public static final SimConfig EVIDENCE_PROFILE = SimConfig.REALISTIC;
    private static final int LISTED = 3;

    private PromotionGates() {
    }

    /** A gate's verdict. */
    public record Verdict(boolean passed, String gate, String message) {
    }

    /**
     * One stored backtest of a hash (migration 2's runs table): its numbers, its simulator's
     * profile name and path mode, and where its simulator is laxer than {@link #EVIDENCE_PROFILE}.
     */
    public record BacktestFacts(String runId, double maxDrawdown, int fills, long createdMs, String profile, String pathMode,
                                List<String> laxer) {
        public BacktestFacts {
            laxer = List.copyOf(laxer);
        }

        /** Realistic or stricter. */
        public boolean counts() {
            return laxer.isEmpty();
        }

        String label() {
            return runId + " (profile " + profile + ", path " + pathMode + ")";
        }
    }

    /** What a paper deployment did. */
    public record PaperFacts(String deploymentId, double hours, int fills) {
    }

    /** What counted testnet deployments sent, in total. */
    public record TestnetFacts(int sent, int accepted) {
        public double successRate() {
            return sent == 0 ? 0 : (double) accepted / sent;
        }
    }

    /**
     * One testnet deployment of a hash as evidence for mainnet: the endpoint it traded against,
     * its orders, whether it counts and why.
     */
    public record TestnetEvidence(String deploymentId, String endpoint, int sent, int accepted, boolean counted, String why) {
    }

    public static Verdict paper(TradingPlan.Promotion p, String hash, List<BacktestFacts> newestFirst) {
        String gate = "paper: backtest";
        if (newestFirst.isEmpty()) {
            return new Verdict(false, gate, "no backtest of config hash " + hash.substring(0, 12)
                    + " is stored; run: hypertrader backtest --config FILE (its default profile is realistic)");
        }
        BacktestFacts b = null;
        List<BacktestFacts> skipped = new ArrayList<>();
        for (BacktestFacts f : newestFirst) {
            if (f.counts()) {
                b = f;
                break;
            }
            skipped.add(f);
        }
        String notCounted = skipped.isEmpty() ? "" : "; not counted (simulator laxer than " + EVIDENCE_PROFILE.profile() + "): "
                + listed(skipped.stream().map(f -> f.label() + ": " + reasons(f.laxer())).toList());
        if (b == null) {
            return new Verdict(false, gate, "no backtest of config hash " + hash.substring(0, 12) + " under the "
                    + EVIDENCE_PROFILE.profile() + " simulator profile or a stricter one" + notCounted
                    + "; run: hypertrader backtest --config FILE (its default profile is realistic)");
        }
        List<String> fails = new ArrayList<>();
        if (!(b.maxDrawdown() <= p.paperMaxDrawdown())) {
            fails.add(String.format(Locale.ROOT, "max drawdown %.2f%% > %.2f%%", 100 * b.maxDrawdown(), 100 * p.paperMaxDrawdown()));
        }
        if (b.fills() < p.paperMinTrades()) {
            fails.add("fills " + b.fills() + " < " + p.paperMinTrades());
        }
        String facts = String.format(Locale.ROOT, "backtest %s: max drawdown %.2f%% (limit %.2f%%), fills %d (minimum %d)",
                b.label(), 100 * b.maxDrawdown(), 100 * p.paperMaxDrawdown(), b.fills(), p.paperMinTrades()) + notCounted;
        return fails.isEmpty() ? new Verdict(true, gate, facts)
                : new Verdict(false, gate, String.join(", ", fails) + " (" + facts + ")");
    }

    public static Verdict testnet(TradingPlan.Promotion p, String hash, List<PaperFacts> paper) {
        if (paper.isEmpty()) {
            return new Verdict(false, "testnet: paper run", "no paper deployment of config hash " + hash.substring(0, 12)
                    + "; start with: hypertrader promote --config FILE --to paper, then hypertrader run DEPLOYMENT");
        }
        PaperFacts best = paper.get(0);
        for (PaperFacts f : paper) {
            if (f.hours() >= p.testnetMinPaperHours() && f.fills() >= p.testnetMinPaperTrades()) {
                return new Verdict(true, "testnet: paper run", String.format(Locale.ROOT,
                        "paper deployment %s ran %.2f h (minimum %.2f) with %d fills (minimum %d)", f.deploymentId(), f.hours(),
                        p.testnetMinPaperHours(), f.fills(), p.testnetMinPaperTrades()));
            }
            if (f.hours() > best.hours()) {
                best = f;
            }
        }
        return new Verdict(false, "testnet: paper run", String.format(Locale.ROOT,
                "no paper deployment ran long enough with enough fills: the longest, %s, ran %.2f h (minimum %.2f) with %d fills (minimum %d)",
                best.deploymentId(), best.hours(), p.testnetMinPaperHours(), best.fills(), p.testnetMinPaperTrades()));
    }

    public static Verdict mainnet(TradingPlan.Promotion p, List<TestnetEvidence> evidence) {
        TestnetFacts t = totals(evidence);
        String facts = String.format(Locale.ROOT, "testnet orders sent %d (minimum %d), accepted %d = %.1f%% (minimum %.1f%%)",
                t.sent(), p.mainnetMinTestnetOrders(), t.accepted(), 100 * t.successRate(), 100 * p.mainnetMinSuccessRate());
        List<String> counted = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (TestnetEvidence e : evidence) {
            String where = e.deploymentId() + (e.endpoint() == null ? "" : " at " + e.endpoint());
            if (e.counted()) {
                counted.add(where + " (" + e.sent() + " sent, " + e.accepted() + " accepted; " + e.why() + ")");
            } else {
                not.add(where + " (" + e.sent() + " sent): " + e.why());
            }
        }
        String report = facts + "; counted: " + (counted.isEmpty() ? "none" : String.join(", ", counted))
                + (not.isEmpty() ? "" : "; not counted: " + String.join(", ", not));
        boolean ok = t.sent() >= p.mainnetMinTestnetOrders() && t.successRate() >= p.mainnetMinSuccessRate();
        return new Verdict(ok, "mainnet: testnet orders", report);
    }

    /** Orders sent and accepted by the counted deployments. */
    public static TestnetFacts totals(List<TestnetEvidence> evidence) {
        int sent = 0;
        int accepted = 0;
        for (TestnetEvidence e : evidence) {
            if (e.counted()) {
                sent += e.sent();
                accepted += e.accepted();
            }
        }
        return new TestnetFacts(sent, accepted);
    }

    // ------------------------------------------------------------------ facts from the store

    /** Every backtest run of the hash (migration 2), newest first, judged against {@link #EVIDENCE_PROFILE}. */
    public static List<BacktestFacts> backtests(DbAccess db, String hash) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, max_drawdown, fill_count, created_at_ms, sim_profile,"
                    + " path_mode, sim_json FROM runs WHERE config_hash = ? ORDER BY created_at_ms DESC, run_id DESC")) {
                ps.setString(1, hash);
                List<BacktestFacts> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String runId = rs.getString(1);
                        out.add(new BacktestFacts(runId, rs.getDouble(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                                rs.getString(6), laxer(runId, rs.getString(7))));
                    }
                }
                return out;
            }
        });
    }

    /** Where a stored simulator config is laxer than the evidence profile; an unreadable one never counts. */
    static List<String> laxer(String runId, String simJson) {
        try {
            return ConfigLoader.parseSim(simJson, "run " + runId + " simulator", Map.of()).laxerThan(EVIDENCE_PROFILE);
        } catch (RuntimeException e) {
            return List.of("stored simulator config unreadable (" + e.getMessage() + ")");
        }
    }

    /** Each paper deployment of the hash with its hours run and its fills (flatten fills excluded). */
    public static List<PaperFacts> paperFacts(LiveStore store, String hash) {
        List<PaperFacts> out = new ArrayList<>();
        for (LiveStore.Deployment d : store.deployments(hash, LiveStore.Stage.PAPER)) {
            long ms = store.runs(d.id()).stream().mapToLong(LiveStore.RunRow::duration).sum();
            int fills = (int) store.fills(d.id()).stream().filter(f -> !f.fillKey().startsWith("flatten")).count();
            out.add(new PaperFacts(d.id(), ms / 3_600_000.0, fills));
        }
        return out;
    }

    /**
     * Each testnet deployment of the hash with the orders it got to the exchange, counted only
     * when it traded against Hyperliquid's testnet or an endpoint in {@code acceptedUrls}.
     */
    public static List<TestnetEvidence> testnetEvidence(LiveStore store, String hash, Collection<String> acceptedUrls) {
        String testnet = Network.canonicalUrl(Network.TESTNET.restUrl());
        Set<String> accepted = acceptedUrls.stream().map(Network::canonicalUrl).collect(Collectors.toSet());
        List<TestnetEvidence> out = new ArrayList<>();
        for (LiveStore.Deployment d : store.deployments(hash, LiveStore.Stage.TESTNET)) {
            int sent = 0;
            int acc = 0;
            for (LiveStore.OrderRow o : store.orders(d.id())) {
                if (o.oid() != null) {
                    sent++;
                    acc++;
                } else if (o.status().equals("REJECTED") && refusedByExchange(o.reason())) {
                    sent++;
                }
            }
            String endpoint = store.endpoint(d.id()).orElse(null);
            String canonical = endpoint == null ? null : Network.canonicalUrl(endpoint);
            boolean counted;
            String why;
            if (endpoint == null) {
                counted = false;
                why = "no endpoint recorded (never run, or run before endpoints were recorded)";
            } else if (canonical.equals(testnet)) {
                counted = true;
                why = "Hyperliquid's testnet";
            } else if (accepted.contains(canonical)) {
                counted = true;
                why = "accepted with --accept-evidence-from";
            } else {
                counted = false;
                why = "not Hyperliquid's testnet (" + Network.TESTNET.restUrl() + "); counted only when that URL is given"
                        + " with --accept-evidence-from";
            }
            out.add(new TestnetEvidence(d.id(), endpoint, sent, acc, counted, why));
        }
        return out;
    }

    /** A rejection the exchange itself answered (not one decided before sending, or a request that never arrived). */
    static boolean refusedByExchange(String reason) {
        return reason != null && !reason.startsWith("RISK") && !reason.startsWith("UNKNOWN_COIN")
                && !reason.contains("off the exchange grid") && !reason.contains("not sent:")
                && !reason.contains("never received");
    }

    private static String reasons(List<String> laxer) {
        int shown = Math.min(4, laxer.size());
        return String.join(", ", laxer.subList(0, shown)) + (laxer.size() > shown ? " (+" + (laxer.size() - shown) + " more)" : "");
    }

    private static String listed(List<String> items) {
        int shown = Math.min(LISTED, items.size());
        return String.join("; ", items.subList(0, shown)) + (items.size() > shown ? "; and " + (items.size() - shown) + " more" : "");
    }
}
