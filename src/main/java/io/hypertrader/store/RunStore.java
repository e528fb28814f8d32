package io.hypertrader.store;

import io.hypertrader.backtest.BacktestResult;

import io.hypertrader.analytics.PathInterval;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.portfolio.LiquidationRecord;
import io.hypertrader.risk.RiskEvent;
import io.hypertrader.strategy.CycleRecord;
import io.hypertrader.strategy.TransitionRecord;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores backtest runs in DuckDB (schema: migration 2, {@code V2__backtest_runs.sql}; risk events:
 * migration 5, {@code V5__run_risk_events.sql}) and reads their manifests back for {@code verify}.
 * Orders the risk manager refused are stored like the venue's rejections (run_orders with status
 * REJECTED and run_rejections, negative ids, code RISK), each once; what the risk manager did is
 * in run_risk_events. Bulk rows go through DuckDB's Appender; one run is
 * written in one transaction, so a crash never leaves half a run.
 *
 * <p><b>One file (about 410 lines).</b> The SQL of the run tables; one run is one transaction.
 */
public final class RunStore {

    /**
     * Everything needed to re-run a backtest exactly, plus where it came from.
     *
     * @param instruments "COIN=szDecimals/maxLeverage" entries joined by ';'
     */
    public record Manifest(String runId, long createdAtMs, String name, String configJson, String configHash,
                           String simJson, String simProfile, String pathMode, long seed, List<Coin> coins,
                           Interval interval, String instruments, long fromMs, long toMs, int rowCount,
                           String fundingSource, String codeVersion, String eventLogSha256, Interval detail) {

        /** A manifest of a run without detail candles. */
        public Manifest(String runId, long createdAtMs, String name, String configJson, String configHash,
                        String simJson, String simProfile, String pathMode, long seed, List<Coin> coins,
                        Interval interval, String instruments, long fromMs, long toMs, int rowCount,
                        String fundingSource, String codeVersion, String eventLogSha256) {
            this(runId, createdAtMs, name, configJson, configHash, simJson, simProfile, pathMode, seed, coins, interval,
                    instruments, fromMs, toMs, rowCount, fundingSource, codeVersion, eventLogSha256, null);
        }

        /** The same manifest under another run id. */
        public Manifest withRunId(String id) {
            return new Manifest(id, createdAtMs, name, configJson, configHash, simJson, simProfile, pathMode, seed, coins,
                    interval, instruments, fromMs, toMs, rowCount, fundingSource, codeVersion, eventLogSha256, detail);
        }

        public static String instruments(List<Instrument> list) {
            List<String> parts = new ArrayList<>();
            for (Instrument i : list) {
                parts.add(i.coin() + "=" + i.szDecimals() + "/" + i.maxLeverage());
            }
            return String.join(";", parts);
        }

        public List<Instrument> instrumentList() {
            List<Instrument> out = new ArrayList<>();
            for (String p : instruments.split(";")) {
                String[] kv = p.split("=");
                String[] g = kv[1].split("/");
                out.add(new Instrument(Coin.of(kv[0]), Integer.parseInt(g[0]), Integer.parseInt(g[1])));
            }
            return out;
        }
    }

    private final Database db;

    public RunStore(Database db) {
        this.db = db;
    }

    /** Writes the run (manifest, summary and every record) in one transaction. */
    public void save(Manifest m, BacktestResult r) {
        try {
            db.inTransaction(c -> {
                insertRun(m, r);
                appendAll(m.runId(), r);
                return null;
            });
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot store run " + m.runId() + ": " + e.getMessage(), e);
        }
    }

    /** True when a run with this id is stored. */
    public boolean exists(String runId) {
        return manifest(runId).isPresent();
    }

    /** The stored manifest of a run. */
    public Optional<Manifest> manifest(String runId) {
        String sql = "SELECT run_id, created_at_ms, name, config_json, config_hash, sim_json, sim_profile, path_mode, seed,"
                + " coins, interval, instruments_json, from_ms, to_ms, row_count, funding_source, code_version,"
                + " event_log_sha256, detail_interval FROM runs WHERE run_id = ?";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Coin> coins = new ArrayList<>();
                for (String c : rs.getString(10).split(",")) {
                    coins.add(Coin.of(c));
                }
                return Optional.of(new Manifest(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), coins,
                        Interval.parse(rs.getString(11)), rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getInt(15),
                        rs.getString(16), rs.getString(17), rs.getString(18),
                        rs.getString(19) == null ? null : Interval.parse(rs.getString(19))));
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** One stored run as a list shows it: identity, data range and the headline figures. */
    public record RunRow(String runId, long createdAtMs, String name, String configHash, String simProfile, long seed,
                         String coins, String interval, int rowCount, double totalReturn, double maxDrawdown,
                         int fillCount) {
    }

    /** The newest {@code limit} runs, newest first; only those of {@code configHash} when it is not null. */
    public List<RunRow> list(int limit, String configHash) {
        String sql = "SELECT run_id, created_at_ms, name, config_hash, sim_profile, seed, coins, interval, row_count,"
                + " total_return, max_drawdown, fill_count FROM runs"
                + (configHash == null ? "" : " WHERE config_hash LIKE ?")
                + " ORDER BY created_at_ms DESC, run_id DESC LIMIT " + Math.max(0, limit);
        List<RunRow> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            if (configHash != null) {
                ps.setString(1, configHash + "%"); // a hash prefix, as the summary prints it
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getLong(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getDouble(10),
                            rs.getDouble(11), rs.getInt(12)));
                }
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot list runs: " + e.getMessage(), e);
        }
        return out;
    }

    /** Run ids, newest first. */
    public List<String> runIds() {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT run_id FROM runs ORDER BY created_at_ms DESC, run_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot list runs: " + e.getMessage(), e);
        }
        return out;
    }

    private void insertRun(Manifest m, BacktestResult r) throws SQLException {
        BacktestResult.Summary s = r.summary();
        // the 35 columns of migration 2, then migration 15's detail_interval
        String sql = "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, m.runId());
            ps.setLong(i++, m.createdAtMs());
            ps.setString(i++, m.name());
            ps.setString(i++, m.configJson());
            ps.setString(i++, m.configHash());
            ps.setString(i++, m.simJson());
            ps.setString(i++, m.simProfile());
            ps.setString(i++, m.pathMode());
            ps.setLong(i++, m.seed());
            ps.setString(i++, String.join(",", m.coins().stream().map(Coin::name).toList()));
            ps.setString(i++, m.interval().code());
            ps.setString(i++, m.instruments());
            ps.setLong(i++, m.fromMs());
            ps.setLong(i++, m.toMs());
            ps.setInt(i++, m.rowCount());
            ps.setString(i++, m.fundingSource());
            ps.setString(i++, m.codeVersion());
            ps.setString(i++, m.eventLogSha256());
            ps.setLong(i++, r.eventCount());
            ps.setDouble(i++, s.initialEquity());
            ps.setDouble(i++, s.finalEquity());
            ps.setDouble(i++, s.totalReturn());
            ps.setDouble(i++, s.maxDrawdown());
            ps.setInt(i++, s.orderCount());
            ps.setInt(i++, s.fillCount());
            ps.setInt(i++, s.rejectedCount());
            ps.setInt(i++, s.cancelledCount());
            ps.setDouble(i++, s.fees());
            ps.setDouble(i++, s.funding());
            ps.setDouble(i++, s.slippage());
            ps.setDouble(i++, s.pricePnl());
            ps.setDouble(i++, s.ledgerResidual());
            ps.setDouble(i++, s.tradedNotional());
            ps.setInt(i++, s.cycles());
            ps.setInt(i++, s.liquidations());
            ps.setString(i, m.detail() == null ? null : m.detail().code());
            ps.executeUpdate();
        }
    }

    private void appendAll(String runId, BacktestResult r) throws SQLException {
        List<TrackedOrder> all = new ArrayList<>(r.orders());
        all.addAll(r.refusedOrders());
        try (DuckDBAppender a = db.connection().createAppender("run_orders")) {
            for (TrackedOrder o : all) {
                OrderRequest q = o.request();
                a.beginRow().append(runId).append(o.id()).append(q.coin().name()).append(q.side().name())
                        .append(q.type().name()).append(q.tif().name()).append(q.reduceOnly()).append(q.tag()).append(q.size());
                dbl(a, q.limitPrice());
                dbl(a, q.triggerPrice());
                a.append(o.decisionTime());
                dbl(a, o.decisionPrice());
                lng(a, o.arrivalTime());
                dbl(a, o.arrivalPrice());
                a.append(o.status().name()).append(o.reason());
                if (o.rejectCode() == null) {
                    a.appendNull();
                } else {
                    a.append(o.rejectCode().name());
                }
                a.append(o.filledSize());
                dbl(a, o.avgFillPrice());
                a.append(o.fees()).append(o.slippageCost());
                lng(a, o.endTime());
                a.endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_fills")) {
            int seq = 0;
            for (Fill f : r.fills()) {
                a.beginRow().append(runId).append(seq++).append(f.orderId()).append(f.coin().name()).append(f.side().name())
                        .append(f.timeMs()).append(f.price()).append(f.size()).append(f.fee()).append(f.maker())
                        .append(f.arrivalPrice()).append(f.slippageCost()).append(f.liquidation()).endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_equity")) {
            for (int k = 0; k < r.times().length; k++) {
                a.beginRow().append(runId).append(k).append(r.times()[k]).append(r.equity()[k]).append(r.cash()[k])
                        .append(r.marginUsed()[k]).append(r.savings()[k]).endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_positions")) {
            for (int k = 0; k < r.times().length; k++) {
                for (int c = 0; c < r.coins().size(); c++) {
                    a.beginRow().append(runId).append(k).append(r.times()[k]).append(r.coins().get(c).name())
                            .append(r.position()[c][k]).append(r.longLeg()[c][k]).append(r.shortLeg()[c][k]);
                    dbl(a, r.mark()[c][k]);
                    a.endRow();
                }
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_cycles")) {
            for (CycleRecord c : r.cycles()) {
                a.beginRow().append(runId).append(c.coin().name()).append(c.index()).append(c.thesis())
                        .append(c.startTime()).append(c.endTime()).append(c.q());
                dbl(a, c.e());
                dbl(a, c.h());
                dbl(a, c.levelHedge());
                dbl(a, c.levelScale());
                dbl(a, c.levelDeep());
                a.append(c.pnl());
                dbl(a, c.capture());
                a.append(c.maxState()).append(c.endReason()).append(c.complete()).endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_transitions")) {
            int seq = 0;
            for (TransitionRecord t : r.transitions()) {
                a.beginRow().append(runId).append(seq++).append(t.coin().name()).append(t.timeMs()).append(t.price())
                        .append(t.from()).append(t.to()).append(t.targetNet()).append(t.reason()).endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_rejections")) {
            for (TrackedOrder o : all) {
                if (o.status() == OrderStatus.REJECTED) {
                    a.beginRow().append(runId).append(o.id()).append(o.endTime()).append(o.request().coin().name())
                            .append(o.rejectCode().name()).append(o.reason()).endRow();
                }
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_risk_events")) {
            int seq = 0;
            for (RiskEvent e : r.riskEvents()) {
                a.beginRow().append(runId).append(seq++).append(e.timeMs()).append(e.rule().name()).append(e.coin())
                        .append(e.action().name()).append(e.reason()).endRow();
            }
        }
        try (DuckDBAppender a = db.connection().createAppender("run_liquidations")) {
            int seq = 0;
            for (LiquidationRecord l : r.liquidations()) {
                a.beginRow().append(runId).append(seq++).append(l.timeMs()).append(l.coin().name()).append(l.size())
                        .append(l.markPrice()).append(l.price()).append(l.fee()).append(l.equity()).append(l.maintenance())
                        .endRow();
            }
        }
    }

    /** Stores the run's path interval (one row per path mode; the run itself must be stored). */
    public void savePathInterval(String runId, PathInterval pi) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_path_interval VALUES (?,?,?,?,?,?,?)")) {
                    for (PathInterval.Outcome o : pi.outcomes()) {
                        ps.setString(1, runId);
                        ps.setString(2, o.mode());
                        ps.setBoolean(3, o.mode().equals(pi.mainMode()));
                        ps.setDouble(4, o.finalEquity());
                        ps.setDouble(5, o.totalReturn());
                        ps.setDouble(6, o.maxDrawdown());
                        ps.setString(7, o.eventLogSha256());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot store the path interval of run " + runId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The stored path interval of a run; empty for runs stored before migration 12. */
    public Optional<PathInterval> pathInterval(String runId) {
        String sql = "SELECT path_mode, main, final_equity, total_return, max_drawdown, event_log_sha256"
                + " FROM run_path_interval WHERE run_id = ?";
        List<PathInterval.Outcome> rows = new ArrayList<>();
        String main = null;
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PathInterval.Outcome(rs.getString(1), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                            rs.getString(6)));
                    if (rs.getBoolean(2)) {
                        main = rs.getString(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read the path interval of run " + runId + ": "
                    + e.getMessage(), e);
        }
        if (rows.isEmpty() || main == null) {
            return Optional.empty();
        }
        // the simulator's order of modes, whatever order the rows came in
        List<String> order = java.util.Arrays.stream(io.hypertrader.sim.PathMode.values()).map(io.hypertrader.sim.PathMode::label).toList();
        rows.sort(java.util.Comparator.comparingInt(o -> order.indexOf(o.mode())));
        return Optional.of(new PathInterval(main, rows));
    }

    /** The risk events of a stored run, in event order. */
    public List<RiskEvent> riskEvents(String runId) {
        List<RiskEvent> out = new ArrayList<>();
        String sql = "SELECT time_ms, rule, coin, action, reason FROM run_risk_events WHERE run_id = ? ORDER BY seq";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RiskEvent(rs.getLong(1), io.hypertrader.risk.RiskRule.valueOf(rs.getString(2)), rs.getString(3),
                            RiskEvent.Action.valueOf(rs.getString(4)), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read the risk events of run " + runId + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void dbl(DuckDBAppender a, double v) throws SQLException {
        if (Double.isNaN(v)) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }

    private static void lng(DuckDBAppender a, long v) throws SQLException {
        if (v < 0) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }
}
