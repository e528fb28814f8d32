package io.hypertrader.live.store;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live-trading tables of migration 4: deployments, the write-ahead journal, the order and
 * fill books derived from it, risk events, the candles each run saw, runner heartbeats and stop
 * requests. Every method is one short transaction through {@link DbAccess} (the file is never
 * held between calls). Times UTC epoch ms; money USDC; sizes positive coins with a side.
 *
 * <p>This class is the one door callers use: the row types and one method per question. The SQL
 * lives beside it, one class per group of tables: {@link DeploymentsTable}, {@link JournalTables}
 * (journal, orders, fills, risk events), {@link RecordedMarketTables} (points and candles) and
 * {@link SessionTables} (runner sessions, stop requests).
 */
public final class LiveStore {

    /** Deployment stages, in promotion order. */
    public enum Stage {
        PAPER, TESTNET, MAINNET;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Stage parse(String s) {
            for (Stage st : values()) {
                if (st.code().equalsIgnoreCase(s == null ? "" : s.trim())) {
                    return st;
                }
            }
            throw new IllegalArgumentException("unknown stage '" + s + "' (expected paper, testnet or mainnet)");
        }
    }

    /** One deployment: a config hash promoted to a stage. */
    public record Deployment(String id, Stage stage, String configHash, String configName, String configPath,
                             String configJson, String accountAddress, String status, long createdMs, String promotedFrom,
                             String gateReport, long seed, Double initialEquity, Double positionCapUsd,
                             String confirmedAddress, Long confirmedUntilMs, Long stoppedMs, String stopReason) {
        public boolean stopped() {
            return "stopped".equals(status);
        }

        /**
         * The deployment's capital, USDC: the money it sizes from, stored at promotion (column
         * initial_equity: {@code promote --capital}, by default the config's account.initialEquity)
         * and outside the config hash; {@code configEquity} when none is stored.
         */
        public double capital(double configEquity) {
            return initialEquity != null && initialEquity > 0 ? initialEquity : configEquity;
        }
    }

    /** One journal line. */
    public record Entry(long seq, long wallMs, Long eventMs, String kind, Long orderId, String cloid, String coin,
                        String side, Double size, Double price, String detail) {
        public static Entry of(long wallMs, Long eventMs, String kind, Long orderId, String cloid, String coin, String side,
                               Double size, Double price, String detail) {
            return new Entry(0, wallMs, eventMs, kind, orderId, cloid, coin, side, size, price, detail);
        }
    }

    /** The current state of one order. */
    public record OrderRow(long orderId, String cloid, Long oid, String coin, String side, String type, String tif, double size,
                           Double limitPx, Double triggerPx, boolean reduceOnly, String tag, String status, double filled,
                           Double avgPx, long decisionMs, Double decisionPx, long updatedMs, String reason) {
    }

    /** One fill. */
    public record FillRow(String fillKey, Long orderId, String coin, String side, long timeMs, double price, double size,
                          double fee, boolean maker, boolean forced) {
    }

    /** One runner session of a deployment. */
    public record RunRow(int runNo, long pid, long startedMs, long heartbeatMs, Long endedMs, String endReason) {
        /** Wall time covered, ms. */
        public long duration() {
            return (endedMs != null ? endedMs : heartbeatMs) - startedMs;
        }
    }

    private final DbAccess db;
    private final DeploymentsTable deployments;
    private final JournalTables journal;
    private final RecordedMarketTables market;
    private final SessionTables sessions;

    public LiveStore(DbAccess db) {
        this.db = db;
        this.deployments = new DeploymentsTable(db);
        this.journal = new JournalTables(db);
        this.market = new RecordedMarketTables(db);
        this.sessions = new SessionTables(db);
    }

    public DbAccess db() {
        return db;
    }

    // ------------------------------------------------------------------ deployments

    /** A fresh id: {@code <stage>-<first 8 of hash>-<n>}. */
    public String newDeploymentId(Stage stage, String hash) {
        return deployments.newDeploymentId(stage, hash);
    }

    public void insert(Deployment d) {
        deployments.insert(d);
    }

    public Optional<Deployment> deployment(String id) {
        return deployments.deployment(id);
    }

    /** Every deployment, oldest first. */
    public List<Deployment> deployments() {
        return deployments.deployments();
    }

    /** Deployments of a config hash at a stage, oldest first. */
    public List<Deployment> deployments(String hash, Stage stage) {
        return deployments.deployments(hash, stage);
    }

    public void setStatus(String id, String status, Long stoppedMs, String reason) {
        deployments.setStatus(id, status, stoppedMs, reason);
    }

    public void setPositionCap(String id, Double capUsd) {
        deployments.setPositionCap(id, capUsd);
    }

    /** Sets a deployment's capital, USDC (column initial_equity; see {@link Deployment#capital}). */
    public void setCapital(String id, double capitalUsd) {
        deployments.setCapital(id, capitalUsd);
    }

    public void setConfirmation(String id, String address, long untilMs) {
        deployments.setConfirmation(id, address, untilMs);
    }

    /** The REST URL a deployment trades against (migration 6), if a run recorded one. */
    public Optional<String> endpoint(String id) {
        return deployments.endpoint(id);
    }

    /**
     * Records {@code url} as the deployment's endpoint unless one is recorded already; returns the
     * endpoint recorded (the earlier one when there was one: the caller compares).
     */
    public String recordEndpoint(String id, String url) {
        return deployments.recordEndpoint(id, url);
    }

    // ------------------------------------------------------------------ journal

    /** Appends a journal line; returns its sequence number. */
    public long append(String deploymentId, Entry e) {
        return journal.append(deploymentId, e);
    }

    static long append(Connection c, String deploymentId, Entry e) throws SQLException {
        return JournalTables.append(c, deploymentId, e);
    }

    /** The journal of a deployment in order. */
    public List<Entry> journal(String deploymentId) {
        return journal.journal(deploymentId);
    }

    /** The newest journal entry of {@code kind} for {@code coin}, if any (a restart's saved strategy state). */
    public Optional<Entry> latest(String deploymentId, String kind, String coin) {
        return journal.latest(deploymentId, kind, coin);
    }

    // ------------------------------------------------------------------ orders and fills

    public void upsertOrder(String deploymentId, OrderRow o) {
        journal.upsertOrder(deploymentId, o);
    }

    public List<OrderRow> orders(String deploymentId) {
        return journal.orders(deploymentId);
    }

    /** Inserts a fill unless its key is known; true when it was new. */
    public boolean insertFill(String deploymentId, FillRow f) {
        return journal.insertFill(deploymentId, f);
    }

    public List<FillRow> fills(String deploymentId) {
        return journal.fills(deploymentId);
    }

    // ------------------------------------------------------------------ risk events, candles

    public void riskEvent(String deploymentId, RiskEvent e) {
        journal.riskEvent(deploymentId, e);
    }

    public List<RiskEvent> riskEvents(String deploymentId) {
        return journal.riskEvents(deploymentId);
    }

    /** A live price point a runner acted on: coin, runner-clock time, price, and the best bid/offer with it (NaN: none). */
    public record Point(String coin, long timeMs, double price, double bid, double ask) {
    }

    /** Appends the price points a runner acted on (the recorded live stream). */
    public void recordPoints(String deploymentId, List<Point> points) {
        market.recordPoints(deploymentId, points);
    }

    /** The recorded live stream of a deployment, in time order (ties in recording order). */
    public List<Point> points(String deploymentId) {
        return market.points(deploymentId);
    }

    /** Records a closed candle the run saw (ignored when already recorded). True when new. */
    public boolean recordCandle(String deploymentId, Coin coin, Interval interval, Candle k, boolean warmup, long recordedMs) {
        return market.recordCandle(deploymentId, coin, interval, k, warmup, recordedMs);
    }

    /** A recorded candle with when the runner recorded (and so acted on) it, and whether it was warm-up. */
    public record CandleRecord(Coin coin, Candle candle, long recordedMs, boolean warmup) {
    }

    /** Every candle recorded for a deployment, in the order the runner recorded them. */
    public List<CandleRecord> candleRecords(String deploymentId, Interval interval) {
        return market.candleRecords(deploymentId, interval);
    }

    /** The candles recorded for a deployment, per coin in time order (warm-up included). */
    public Map<Coin, List<Candle>> candles(String deploymentId, Interval interval) {
        return market.candles(deploymentId, interval);
    }

    /** The close of the last candle recorded for each coin of a deployment (the mark status values positions at). */
    public Map<String, Double> lastCloses(String deploymentId) {
        return market.lastCloses(deploymentId);
    }

    // ------------------------------------------------------------------ runs and stops

    /** Registers a runner session; returns its number. */
    public int runStarted(String deploymentId, long pid, long nowMs) {
        return sessions.runStarted(deploymentId, pid, nowMs);
    }

    public void heartbeat(String deploymentId, int runNo, long nowMs) {
        sessions.heartbeat(deploymentId, runNo, nowMs);
    }

    public void runEnded(String deploymentId, int runNo, long nowMs, String reason) {
        sessions.runEnded(deploymentId, runNo, nowMs, reason);
    }

    public List<RunRow> runs(String deploymentId) {
        return sessions.runs(deploymentId);
    }

    public void stopRequested(String deploymentId, long nowMs, boolean flatten) {
        sessions.stopRequested(deploymentId, nowMs, flatten);
    }

    public void stopDone(String deploymentId, long nowMs, String report) {
        sessions.stopDone(deploymentId, nowMs, report);
    }
}
