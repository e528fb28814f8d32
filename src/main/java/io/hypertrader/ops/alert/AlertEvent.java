package io.hypertrader.ops.alert;

import io.hypertrader.risk.RiskEvent;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something an operator must hear about. Every kind has a stable code ({@link #kind()}: journals,
 * the {@code events:} filter of a channel and webhook bodies carry it), a severity, the deployment
 * it concerns ({@link #ALL_DEPLOYMENTS} for the emergency stop of everything), a title and ordered
 * fields for the text, and a dedupe key: the same key within the dispatcher's window is sent once.
 *
 * <p>Stage is the deployment's stage code ({@code paper}, {@code testnet}, {@code mainnet}) so the
 * alert says at a glance whether real money is involved.
 */
public sealed interface AlertEvent {

    /** The deployment id of events that concern every deployment. */
    String ALL_DEPLOYMENTS = "*";

    /** Every kind code, in the order {@code alerts test} sends them. */
    List<String> KINDS = List.of("risk_halt", "risk_stop", "emergency_stop", "runner_crash", "lease_takeover",
            "socket_down", "order_failure_rate", "api_latency", "reconciliation", "daily_summary");

    String kind();

    Severity severity();

    String deploymentId();

    /** paper, testnet or mainnet; "" for events of every deployment. */
    String stage();

    /** When it happened, UTC epoch ms. */
    long timeMs();

    /** One line: what happened and where. */
    String title();

    /** The details, in display order (values already formatted). */
    Map<String, String> fields();

    /** Events with equal keys inside the dedupe window are one alert. */
    default String dedupeKey() {
        return kind() + "|" + deploymentId();
    }

    // ------------------------------------------------------------------ the kinds

    /** The risk manager's daily loss limit started blocking risk-increasing orders. */
    record RiskHalt(String deploymentId, String stage, long timeMs, String rule, String coin, String reason) implements AlertEvent {
        public String kind() {
            return "risk_halt";
        }

        public Severity severity() {
            return Severity.CRITICAL;
        }

        public String title() {
            return "risk halt on " + deploymentId + " (" + stage + "): " + rule;
        }

        public Map<String, String> fields() {
            return ordered("rule", rule, "coin", coin, "reason", reason);
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + rule + "|" + coin;
        }
    }

    /** The risk manager closed a position (its stop was hit). */
    record RiskStop(String deploymentId, String stage, long timeMs, String rule, String coin, String reason) implements AlertEvent {
        public String kind() {
            return "risk_stop";
        }

        public Severity severity() {
            return Severity.WARNING;
        }

        public String title() {
            return "position stopped on " + deploymentId + " (" + stage + "): " + coin + " " + rule;
        }

        public Map<String, String> fields() {
            return ordered("rule", rule, "coin", coin, "reason", reason);
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + rule + "|" + coin;
        }
    }

    /**
     * A stop of one deployment, or of all ({@link #ALL_DEPLOYMENTS}), from the CLI or the dashboard.
     *
     * @param requestedBy who asked (e.g. "cli", "dashboard")
     * @param report      what the stop left (orders cancelled, positions left), or "" while in progress
     */
    record EmergencyStop(String deploymentId, String stage, long timeMs, boolean flatten, String requestedBy, String report)
            implements AlertEvent {
        public String kind() {
            return "emergency_stop";
        }

        public Severity severity() {
            return Severity.CRITICAL;
        }

        public String title() {
            return "emergency stop" + (flatten ? " and flatten" : "") + " of "
                    + (ALL_DEPLOYMENTS.equals(deploymentId) ? "every deployment" : deploymentId + " (" + stage + ")");
        }

        public Map<String, String> fields() {
            return ordered("flatten", String.valueOf(flatten), "requested by", requestedBy, "report", report);
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + timeMs;
        }
    }

    /** A runner ended with an exception (the dead-man switch, if armed, stays armed on purpose). */
    record RunnerCrash(String deploymentId, String stage, long timeMs, String error) implements AlertEvent {
        public String kind() {
            return "runner_crash";
        }

        public Severity severity() {
            return Severity.CRITICAL;
        }

        public String title() {
            return "runner crashed: " + deploymentId + " (" + stage + ")";
        }

        public Map<String, String> fields() {
            return ordered("error", error);
        }
    }

    /** Another runner took the deployment's lease over from a holder that stopped renewing it. */
    record LeaseTakeover(String deploymentId, String stage, long timeMs, String previousHolder, String newHolder, long silentMs)
            implements AlertEvent {
        public String kind() {
            return "lease_takeover";
        }

        public Severity severity() {
            return Severity.WARNING;
        }

        public String title() {
            return "lease of " + deploymentId + " (" + stage + ") taken over by " + newHolder;
        }

        public Map<String, String> fields() {
            return ordered("previous holder", previousHolder, "new holder", newHolder, "previous holder silent for", seconds(silentMs));
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + newHolder;
        }
    }

    /** A WebSocket has been down longer than the threshold (the runner is on its REST fallback). */
    record SocketDown(String deploymentId, String stage, long timeMs, String socket, long downMs, long thresholdMs)
            implements AlertEvent {
        public String kind() {
            return "socket_down";
        }

        public Severity severity() {
            return Severity.WARNING;
        }

        public String title() {
            return socket + " socket of " + deploymentId + " (" + stage + ") down for " + seconds(downMs);
        }

        public Map<String, String> fields() {
            return ordered("socket", socket, "down for", seconds(downMs), "threshold", seconds(thresholdMs));
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + socket;
        }
    }

    /** More than the threshold share of orders failed (rejected or errored) over the window. */
    record OrderFailureRate(String deploymentId, String stage, long timeMs, int failed, int total, double threshold, long windowMs)
            implements AlertEvent {
        public String kind() {
            return "order_failure_rate";
        }

        public Severity severity() {
            return Severity.CRITICAL;
        }

        public String title() {
            return String.format(Locale.ROOT, "%.1f%% of orders failing on %s (%s)", 100.0 * failed / Math.max(1, total),
                    deploymentId, stage);
        }

        public Map<String, String> fields() {
            return ordered("failed", failed + " of " + total, "threshold", String.format(Locale.ROOT, "%.1f%%", 100 * threshold),
                    "window", seconds(windowMs));
        }
    }

    /** An API endpoint's latency percentile over the window is above the threshold. */
    record ApiLatency(String deploymentId, String stage, long timeMs, String endpoint, double percentile, long latencyMs,
                      long thresholdMs, int samples, long windowMs) implements AlertEvent {
        public String kind() {
            return "api_latency";
        }

        public Severity severity() {
            return Severity.WARNING;
        }

        public String title() {
            return String.format(Locale.ROOT, "API latency p%s of /%s at %d ms on %s (%s)", pct(percentile), endpoint, latencyMs,
                    deploymentId, stage);
        }

        public Map<String, String> fields() {
            return ordered("endpoint", "/" + endpoint, "p" + pct(percentile), latencyMs + " ms", "threshold", thresholdMs + " ms",
                    "samples", String.valueOf(samples), "window", seconds(windowMs));
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + endpoint;
        }
    }

    /** Start-up reconciliation found the exchange and the journal disagreeing (the exchange wins). */
    record ReconciliationDifference(String deploymentId, String stage, long timeMs, String coin, String detail) implements AlertEvent {
        public String kind() {
            return "reconciliation";
        }

        public Severity severity() {
            return Severity.CRITICAL;
        }

        public String title() {
            return "reconciliation difference on " + deploymentId + " (" + stage + ")" + (coin == null ? "" : ": " + coin);
        }

        public Map<String, String> fields() {
            return ordered("coin", coin, "difference", detail);
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + coin + "|" + detail;
        }
    }

    /**
     * One UTC day of a deployment.
     *
     * @param equity       account equity at the day's last snapshot, or null when none was journaled
     * @param equityChange equity change over the day (last snapshot of the day minus the last one
     *                     before it; deposits and withdrawals included), or null when unknown
     */
    record DailySummary(String deploymentId, String stage, long timeMs, LocalDate day, Double equity, Double equityChange,
                        int orders, int rejected, int fills, double fees, int riskEvents) implements AlertEvent {
        public String kind() {
            return "daily_summary";
        }

        public Severity severity() {
            return Severity.INFO;
        }

        public String title() {
            return "daily summary " + day + " of " + deploymentId + " (" + stage + ")";
        }

        public Map<String, String> fields() {
            return ordered("equity", equity == null ? "unknown" : money(equity), "equity change",
                    equityChange == null ? "unknown" : money(equityChange), "orders", orders + " (" + rejected + " rejected)",
                    "fills", fills + " (fees " + money(fees) + ")", "risk events", String.valueOf(riskEvents));
        }

        public String dedupeKey() {
            return kind() + "|" + deploymentId + "|" + day;
        }
    }

    // ------------------------------------------------------------------ factories

    /**
     * The alert for a risk event: daily-loss halts and position stops; refused orders are not
     * alerted one by one (their rate is, through {@link AlertMonitor}).
     */
    static Optional<AlertEvent> ofRisk(String deploymentId, String stage, RiskEvent e) {
        return switch (e.action()) {
            case HALTED -> Optional.of(new RiskHalt(deploymentId, stage, e.timeMs(), e.rule().name(), e.coin(), e.reason()));
            case CLOSE -> Optional.of(new RiskStop(deploymentId, stage, e.timeMs(), e.rule().name(), e.coin(), e.reason()));
            case REFUSED -> Optional.empty();
        };
    }

    /** One event of every kind, plainly marked as a test, for {@code hypertrader alerts test}. */
    static List<AlertEvent> samples(long nowMs) {
        String d = "alerts-test";
        String s = "paper";
        return List.of(
                new RiskHalt(d, s, nowMs, "DAILY_LOSS", "*", "TEST: day loss 512.40 USDC >= limit 500.00 USDC (5% of 10000.00)"),
                new RiskStop(d, s, nowMs, "POSITION_STOP", "BTC", "TEST: BTC lost 52% of its margin (stop 50%)"),
                new EmergencyStop(ALL_DEPLOYMENTS, "", nowMs, true, "alerts test", "TEST: no order was touched"),
                new RunnerCrash(d, s, nowMs, "TEST: java.lang.IllegalStateException: simulated"),
                new LeaseTakeover(d, s, nowMs, "host-a/pid 101", "host-b/pid 202", 95_000),
                new SocketDown(d, s, nowMs, "market data", 120_000, 60_000),
                new OrderFailureRate(d, s, nowMs, 3, 40, 0.05, 900_000),
                new ApiLatency(d, s, nowMs, "exchange", 95, 812, 500, 60, 300_000),
                new ReconciliationDifference(d, s, nowMs, "ETH", "TEST: exchange position 0.50 long, journal 0.40 long"),
                new DailySummary(d, s, nowMs, java.time.Instant.ofEpochMilli(nowMs).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                        10_123.45, 123.45, 12, 1, 9, 3.21, 2));
    }

    // ------------------------------------------------------------------ formatting helpers

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], Objects.requireNonNullElse(kv[i + 1], "-"));
        }
        return m;
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f USDC", v);
    }

    private static String pct(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
