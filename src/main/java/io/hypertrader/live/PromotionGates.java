package io.hypertrader.live;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The promotion gates of issue 6, each a pure decision over facts read from the store, with a
 * message that names the gate and the numbers either way.
 *
 * <ul>
 *   <li>paper: the latest backtest run of this exact config hash ({@code runs.config_hash}) has a
 *       max drawdown at most {@code paperMaxDrawdown} and at least {@code paperMinTrades} fills;</li>
 *   <li>testnet: a paper deployment of the hash ran at least {@code testnetMinPaperHours} (sum of
 *       its runner sessions) with at least {@code testnetMinPaperTrades} fills;</li>
 *   <li>mainnet: testnet deployments of the hash sent at least {@code mainnetMinTestnetOrders}
 *       orders to the exchange, of which at least {@code mainnetMinSuccessRate} were accepted
 *       (an order counts as sent when the exchange answered it: accepted = it got an exchange
 *       order id; refused = rejected by the exchange; risk refusals never left the process).</li>
 * </ul>
 */
public final class PromotionGates {

    private PromotionGates() {
    }

    /** A gate's verdict. */
    public record Verdict(boolean passed, String gate, String message) {
    }

    /** The latest backtest of a hash, from migration 2's runs table. */
    public record BacktestFacts(String runId, double maxDrawdown, int fills, long createdMs) {
    }

    /** What a paper deployment did. */
    public record PaperFacts(String deploymentId, double hours, int fills) {
    }

    /** What testnet deployments of a hash sent. */
    public record TestnetFacts(int sent, int accepted) {
        public double successRate() {
            return sent == 0 ? 0 : (double) accepted / sent;
        }
    }

    public static Verdict paper(TradingPlan.Promotion p, String hash, Optional<BacktestFacts> latest) {
        if (latest.isEmpty()) {
            return new Verdict(false, "paper: backtest", "no backtest of config hash " + hash.substring(0, 12)
                    + " is stored; run: hypertrader backtest --config FILE");
        }
        BacktestFacts b = latest.get();
        List<String> fails = new ArrayList<>();
        if (!(b.maxDrawdown() <= p.paperMaxDrawdown())) {
            fails.add(String.format(Locale.ROOT, "max drawdown %.2f%% > %.2f%%", 100 * b.maxDrawdown(), 100 * p.paperMaxDrawdown()));
        }
        if (b.fills() < p.paperMinTrades()) {
            fails.add("fills " + b.fills() + " < " + p.paperMinTrades());
        }
        String facts = String.format(Locale.ROOT, "backtest %s: max drawdown %.2f%% (limit %.2f%%), fills %d (minimum %d)",
                b.runId(), 100 * b.maxDrawdown(), 100 * p.paperMaxDrawdown(), b.fills(), p.paperMinTrades());
        return fails.isEmpty() ? new Verdict(true, "paper: backtest", facts)
                : new Verdict(false, "paper: backtest", String.join(", ", fails) + " (" + facts + ")");
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

    public static Verdict mainnet(TradingPlan.Promotion p, TestnetFacts t) {
        String facts = String.format(Locale.ROOT, "testnet orders sent %d (minimum %d), accepted %d = %.1f%% (minimum %.1f%%)",
                t.sent(), p.mainnetMinTestnetOrders(), t.accepted(), 100 * t.successRate(), 100 * p.mainnetMinSuccessRate());
        boolean ok = t.sent() >= p.mainnetMinTestnetOrders() && t.successRate() >= p.mainnetMinSuccessRate();
        return new Verdict(ok, "mainnet: testnet orders", facts);
    }

    // ------------------------------------------------------------------ facts from the store

    /** The most recent backtest run of the hash (migration 2), if any. */
    public static Optional<BacktestFacts> latestBacktest(DbAccess db, String hash) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, max_drawdown, fill_count, created_at_ms FROM runs"
                    + " WHERE config_hash = ? ORDER BY created_at_ms DESC, run_id DESC LIMIT 1")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<BacktestFacts>empty();
                    }
                    return Optional.of(new BacktestFacts(rs.getString(1), rs.getDouble(2), rs.getInt(3), rs.getLong(4)));
                }
            }
        });
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

    /** Orders of the hash's testnet deployments that reached the exchange, and how many it accepted. */
    public static TestnetFacts testnetFacts(LiveStore store, String hash) {
        int sent = 0;
        int accepted = 0;
        for (LiveStore.Deployment d : store.deployments(hash, LiveStore.Stage.TESTNET)) {
            for (LiveStore.OrderRow o : store.orders(d.id())) {
                if (o.oid() != null) {
                    sent++;
                    accepted++;
                } else if (o.status().equals("REJECTED") && refusedByExchange(o.reason())) {
                    sent++;
                }
            }
        }
        return new TestnetFacts(sent, accepted);
    }

    /** A rejection the exchange itself answered (not one decided before sending, or a request that never arrived). */
    static boolean refusedByExchange(String reason) {
        return reason != null && !reason.startsWith("RISK") && !reason.startsWith("UNKNOWN_COIN")
                && !reason.contains("off the exchange grid") && !reason.contains("not sent:")
                && !reason.contains("never received");
    }
}
