package io.hypertrader.live.store;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live-trading tables of migration 4: deployments, the write-ahead journal, the order and
 * fill books derived from it, risk events, the candles each run saw, runner heartbeats and stop
 * requests. Every method is one short transaction through {@link DbAccess} (the file is never
 * held between calls). Times UTC epoch ms; money USDC; sizes positive coins with a side.
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

    public LiveStore(DbAccess db) {
        this.db = db;
    }

    public DbAccess db() {
        return db;
    }

    // ------------------------------------------------------------------ deployments

    /** A fresh id: {@code <stage>-<first 8 of hash>-<n>}. */
    public String newDeploymentId(Stage stage, String hash) {
        String prefix = stage.code() + "-" + hash.substring(0, Math.min(8, hash.length())) + "-";
        long n = db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM deployments WHERE id LIKE ?")) {
                ps.setString(1, prefix + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return prefix + (n + 1);
    }

    public void insert(Deployment d) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO deployments (id, stage, config_hash, config_name, config_path,"
                    + " config_json, account_address, status, created_ms, promoted_from, gate_report, seed, initial_equity,"
                    + " position_cap_usd, confirmed_address, confirmed_until_ms, stopped_ms, stop_reason)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setString(i++, d.id());
                ps.setString(i++, d.stage().code());
                ps.setString(i++, d.configHash());
                ps.setString(i++, d.configName());
                ps.setString(i++, d.configPath());
                ps.setString(i++, d.configJson());
                ps.setString(i++, d.accountAddress());
                ps.setString(i++, d.status());
                ps.setLong(i++, d.createdMs());
                ps.setString(i++, d.promotedFrom());
                ps.setString(i++, d.gateReport());
                ps.setLong(i++, d.seed());
                setD(ps, i++, d.initialEquity());
                setD(ps, i++, d.positionCapUsd());
                ps.setString(i++, d.confirmedAddress());
                setL(ps, i++, d.confirmedUntilMs());
                setL(ps, i++, d.stoppedMs());
                ps.setString(i, d.stopReason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Deployment> deployment(String id) {
        List<Deployment> l = query("WHERE id = ?", id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Every deployment, oldest first. */
    public List<Deployment> deployments() {
        return query("", null);
    }

    /** Deployments of a config hash at a stage, oldest first. */
    public List<Deployment> deployments(String hash, Stage stage) {
        return query("WHERE config_hash = ? AND stage = '" + stage.code() + "'", hash);
    }

    private List<Deployment> query(String where, String arg) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, stage, config_hash, config_name, config_path, config_json,"
                    + " account_address, status, created_ms, promoted_from, gate_report, seed, initial_equity, position_cap_usd,"
                    + " confirmed_address, confirmed_until_ms, stopped_ms, stop_reason FROM deployments " + where
                    + " ORDER BY created_ms, id")) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                List<Deployment> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Deployment(rs.getString(1), Stage.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                                rs.getString(10), rs.getString(11), rs.getLong(12), getD(rs, 13), getD(rs, 14),
                                rs.getString(15), getL(rs, 16), getL(rs, 17), rs.getString(18)));
                    }
                }
                return out;
            }
        });
    }

    public void setStatus(String id, String status, Long stoppedMs, String reason) {
        update("UPDATE deployments SET status = ?, stopped_ms = ?, stop_reason = ? WHERE id = ?", status, stoppedMs, reason, id);
    }

    public void setPositionCap(String id, Double capUsd) {
        update("UPDATE deployments SET position_cap_usd = ? WHERE id = ?", capUsd, id);
    }

    /** Sets a deployment's capital, USDC (column initial_equity; see {@link Deployment#capital}). */
    public void setCapital(String id, double capitalUsd) {
        update("UPDATE deployments SET initial_equity = ? WHERE id = ?", capitalUsd, id);
    }

    public void setConfirmation(String id, String address, long untilMs) {
        update("UPDATE deployments SET confirmed_address = ?, confirmed_until_ms = ? WHERE id = ?", address, untilMs, id);
    }

    private void update(String sql, Object... args) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    Object a = args[i];
                    if (a == null) {
                        ps.setNull(i + 1, Types.VARCHAR);
                    } else if (a instanceof Long l) {
                        ps.setLong(i + 1, l);
                    } else if (a instanceof Double d) {
                        ps.setDouble(i + 1, d);
                    } else {
                        ps.setString(i + 1, a.toString());
                    }
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The REST URL a deployment trades against (migration 6), if a run recorded one. */
    public Optional<String> endpoint(String id) {
        return Optional.ofNullable(db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint FROM deployments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }));
    }

    /**
     * Records {@code url} as the deployment's endpoint unless one is recorded already; returns the
     * endpoint recorded (the earlier one when there was one: the caller compares).
     */
    public String recordEndpoint(String id, String url) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE deployments SET endpoint = ? WHERE id = ? AND endpoint IS NULL")) {
                ps.setString(1, url);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT endpoint FROM deployments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    // ------------------------------------------------------------------ journal

    /** Appends a journal line; returns its sequence number. */
    public long append(String deploymentId, Entry e) {
        return db.tx(c -> append(c, deploymentId, e));
    }

    static long append(Connection c, String deploymentId, Entry e) throws SQLException {
        long seq;
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM live_journal WHERE deployment_id = ?")) {
            ps.setString(1, deploymentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_journal (deployment_id, seq, wall_ms, event_ms, kind,"
                + " order_id, cloid, coin, side, size, price, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, deploymentId);
            ps.setLong(2, seq);
            ps.setLong(3, e.wallMs());
            setL(ps, 4, e.eventMs());
            ps.setString(5, e.kind());
            setL(ps, 6, e.orderId());
            ps.setString(7, e.cloid());
            ps.setString(8, e.coin());
            ps.setString(9, e.side());
            setD(ps, 10, e.size());
            setD(ps, 11, e.price());
            ps.setString(12, e.detail());
            ps.executeUpdate();
        }
        return seq;
    }

    /** The journal of a deployment in order. */
    public List<Entry> journal(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, wall_ms, event_ms, kind, order_id, cloid, coin, side, size,"
                    + " price, detail FROM live_journal WHERE deployment_id = ? ORDER BY seq")) {
                ps.setString(1, deploymentId);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getLong(2), getL(rs, 3), rs.getString(4), getL(rs, 5), rs.getString(6),
                                rs.getString(7), rs.getString(8), getD(rs, 9), getD(rs, 10), rs.getString(11)));
                    }
                }
                return out;
            }
        });
    }

    /** The newest journal entry of {@code kind} for {@code coin}, if any (a restart's saved strategy state). */
    public Optional<Entry> latest(String deploymentId, String kind, String coin) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, wall_ms, event_ms, kind, order_id, cloid, coin, side, size,"
                    + " price, detail FROM live_journal WHERE deployment_id = ? AND kind = ? AND coin = ? ORDER BY seq DESC LIMIT 1")) {
                ps.setString(1, deploymentId);
                ps.setString(2, kind);
                ps.setString(3, coin);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Entry>empty();
                    }
                    return Optional.of(new Entry(rs.getLong(1), rs.getLong(2), getL(rs, 3), rs.getString(4), getL(rs, 5), rs.getString(6),
                            rs.getString(7), rs.getString(8), getD(rs, 9), getD(rs, 10), rs.getString(11)));
                }
            }
        });
    }

    // ------------------------------------------------------------------ orders and fills

    public void upsertOrder(String deploymentId, OrderRow o) {
        db.tx(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM live_orders WHERE deployment_id = ? AND order_id = ?")) {
                del.setString(1, deploymentId);
                del.setLong(2, o.orderId());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_orders (deployment_id, order_id, cloid, oid, coin, side,"
                    + " type, tif, size, limit_px, trigger_px, reduce_only, tag, status, filled, avg_px, decision_ms, decision_px,"
                    + " updated_ms, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 1;
                ps.setString(i++, deploymentId);
                ps.setLong(i++, o.orderId());
                ps.setString(i++, o.cloid());
                setL(ps, i++, o.oid());
                ps.setString(i++, o.coin());
                ps.setString(i++, o.side());
                ps.setString(i++, o.type());
                ps.setString(i++, o.tif());
                ps.setDouble(i++, o.size());
                setD(ps, i++, o.limitPx());
                setD(ps, i++, o.triggerPx());
                ps.setBoolean(i++, o.reduceOnly());
                ps.setString(i++, o.tag());
                ps.setString(i++, o.status());
                ps.setDouble(i++, o.filled());
                setD(ps, i++, o.avgPx());
                ps.setLong(i++, o.decisionMs());
                setD(ps, i++, o.decisionPx());
                ps.setLong(i++, o.updatedMs());
                ps.setString(i, o.reason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<OrderRow> orders(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT order_id, cloid, oid, coin, side, type, tif, size, limit_px,"
                    + " trigger_px, reduce_only, tag, status, filled, avg_px, decision_ms, decision_px, updated_ms, reason"
                    + " FROM live_orders WHERE deployment_id = ? ORDER BY decision_ms, abs(order_id), order_id")) {
                ps.setString(1, deploymentId);
                List<OrderRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new OrderRow(rs.getLong(1), rs.getString(2), getL(rs, 3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getDouble(8), getD(rs, 9), getD(rs, 10), rs.getBoolean(11),
                                rs.getString(12), rs.getString(13), rs.getDouble(14), getD(rs, 15), rs.getLong(16), getD(rs, 17),
                                rs.getLong(18), rs.getString(19)));
                    }
                }
                return out;
            }
        });
    }

    /** Inserts a fill unless its key is known; true when it was new. */
    public boolean insertFill(String deploymentId, FillRow f) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_fills (deployment_id, fill_key, order_id, coin, side,"
                    + " time_ms, price, size, fee, maker, forced) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, deploymentId);
                ps.setString(2, f.fillKey());
                setL(ps, 3, f.orderId());
                ps.setString(4, f.coin());
                ps.setString(5, f.side());
                ps.setLong(6, f.timeMs());
                ps.setDouble(7, f.price());
                ps.setDouble(8, f.size());
                ps.setDouble(9, f.fee());
                ps.setBoolean(10, f.maker());
                ps.setBoolean(11, f.forced());
                return ps.executeUpdate() > 0;
            }
        });
    }

    public List<FillRow> fills(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fill_key, order_id, coin, side, time_ms, price, size, fee, maker,"
                    + " forced FROM live_fills WHERE deployment_id = ? ORDER BY time_ms, fill_key")) {
                ps.setString(1, deploymentId);
                List<FillRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FillRow(rs.getString(1), getL(rs, 2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getBoolean(9), rs.getBoolean(10)));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ risk events, candles

    public void riskEvent(String deploymentId, RiskEvent e) {
        db.tx(c -> {
            long seq;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(seq), 0) + 1 FROM live_risk_events WHERE deployment_id = ?")) {
                ps.setString(1, deploymentId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    seq = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_risk_events VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, deploymentId);
                ps.setLong(2, seq);
                ps.setLong(3, e.timeMs());
                ps.setString(4, e.rule().name());
                ps.setString(5, e.coin());
                ps.setString(6, e.action().name());
                ps.setString(7, e.reason());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<RiskEvent> riskEvents(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT time_ms, rule, coin, action, reason FROM live_risk_events"
                    + " WHERE deployment_id = ? ORDER BY seq")) {
                ps.setString(1, deploymentId);
                List<RiskEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RiskEvent(rs.getLong(1), io.hypertrader.risk.RiskRule.valueOf(rs.getString(2)), rs.getString(3),
                                RiskEvent.Action.valueOf(rs.getString(4)), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** A live price point a runner acted on: coin, runner-clock time, price, and the best bid/offer with it (NaN: none). */
    public record Point(String coin, long timeMs, double price, double bid, double ask) {
    }

    /** Appends the price points a runner acted on (the recorded live stream). */
    public void recordPoints(String deploymentId, List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_points VALUES (?,?,?,?,?,?)")) {
                for (Point p : points) {
                    ps.setString(1, deploymentId);
                    ps.setString(2, p.coin());
                    ps.setLong(3, p.timeMs());
                    ps.setDouble(4, p.price());
                    if (Double.isNaN(p.bid()) || Double.isNaN(p.ask())) {
                        ps.setNull(5, java.sql.Types.DOUBLE);
                        ps.setNull(6, java.sql.Types.DOUBLE);
                    } else {
                        ps.setDouble(5, p.bid());
                        ps.setDouble(6, p.ask());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The recorded live stream of a deployment, in time order (ties in recording order). */
    public List<Point> points(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coin, time_ms, price, bid, ask FROM live_points"
                    + " WHERE deployment_id = ? ORDER BY time_ms, rowid")) {
                ps.setString(1, deploymentId);
                List<Point> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double bid = rs.getDouble(4);
                        boolean none = rs.wasNull();
                        double ask = rs.getDouble(5);
                        out.add(new Point(rs.getString(1), rs.getLong(2), rs.getDouble(3), none || rs.wasNull() ? Double.NaN : bid,
                                none || rs.wasNull() ? Double.NaN : ask));
                    }
                }
                return out;
            }
        });
    }

    /** Records a closed candle the run saw (ignored when already recorded). True when new. */
    public boolean recordCandle(String deploymentId, Coin coin, Interval interval, Candle k, boolean warmup, long recordedMs) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_candles VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, deploymentId);
                ps.setString(2, coin.name());
                ps.setString(3, interval.code());
                ps.setLong(4, k.openTime());
                ps.setDouble(5, k.open());
                ps.setDouble(6, k.high());
                ps.setDouble(7, k.low());
                ps.setDouble(8, k.close());
                ps.setDouble(9, k.volume());
                ps.setLong(10, recordedMs);
                ps.setBoolean(11, warmup);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** A recorded candle with when the runner recorded (and so acted on) it, and whether it was warm-up. */
    public record CandleRecord(Coin coin, Candle candle, long recordedMs, boolean warmup) {
    }

    /** Every candle recorded for a deployment, in the order the runner recorded them. */
    public List<CandleRecord> candleRecords(String deploymentId, Interval interval) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coin, open_ms, open, high, low, close, volume, recorded_ms, warmup"
                    + " FROM live_candles WHERE deployment_id = ? AND interval_code = ? ORDER BY recorded_ms, coin, open_ms")) {
                ps.setString(1, deploymentId);
                ps.setString(2, interval.code());
                List<CandleRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long t = rs.getLong(2);
                        out.add(new CandleRecord(Coin.of(rs.getString(1)), new Candle(t, t + interval.millis() - 1, rs.getDouble(3),
                                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), -1), rs.getLong(8), rs.getBoolean(9)));
                    }
                }
                return out;
            }
        });
    }

    /** The candles recorded for a deployment, per coin in time order (warm-up included). */
    public Map<Coin, List<Candle>> candles(String deploymentId, Interval interval) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coin, open_ms, open, high, low, close, volume FROM live_candles"
                    + " WHERE deployment_id = ? AND interval_code = ? ORDER BY coin, open_ms")) {
                ps.setString(1, deploymentId);
                ps.setString(2, interval.code());
                Map<Coin, List<Candle>> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Coin coin = Coin.of(rs.getString(1));
                        long t = rs.getLong(2);
                        out.computeIfAbsent(coin, k -> new ArrayList<>()).add(new Candle(t, t + interval.millis() - 1,
                                rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), -1));
                    }
                }
                return out;
            }
        });
    }

    /** The close of the last candle recorded for each coin of a deployment (the mark status values positions at). */
    public Map<String, Double> lastCloses(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coin, arg_max(close, open_ms) FROM live_candles"
                    + " WHERE deployment_id = ? GROUP BY coin ORDER BY coin")) {
                ps.setString(1, deploymentId);
                Map<String, Double> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getDouble(2));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ runs and stops

    /** Registers a runner session; returns its number. */
    public int runStarted(String deploymentId, long pid, long nowMs) {
        return db.tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(run_no), 0) + 1 FROM live_runs WHERE deployment_id = ?")) {
                ps.setString(1, deploymentId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getInt(1);
                }
            }
            // a session that never ended (killed) ends where its last heartbeat was
            try (PreparedStatement ps = c.prepareStatement("UPDATE live_runs SET ended_ms = heartbeat_ms, end_reason = 'lost (no clean end)'"
                    + " WHERE deployment_id = ? AND ended_ms IS NULL")) {
                ps.setString(1, deploymentId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_runs VALUES (?,?,?,?,?,NULL,NULL)")) {
                ps.setString(1, deploymentId);
                ps.setInt(2, n);
                ps.setLong(3, pid);
                ps.setLong(4, nowMs);
                ps.setLong(5, nowMs);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE deployments SET status = 'running' WHERE id = ?")) {
                ps.setString(1, deploymentId);
                ps.executeUpdate();
            }
            return n;
        });
    }

    public void heartbeat(String deploymentId, int runNo, long nowMs) {
        update("UPDATE live_runs SET heartbeat_ms = ? WHERE deployment_id = ? AND run_no = ?", nowMs, deploymentId, (long) runNo);
    }

    public void runEnded(String deploymentId, int runNo, long nowMs, String reason) {
        update("UPDATE live_runs SET heartbeat_ms = ?, ended_ms = ?, end_reason = ? WHERE deployment_id = ? AND run_no = ?",
                nowMs, nowMs, reason, deploymentId, (long) runNo);
    }

    public List<RunRow> runs(String deploymentId) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_no, pid, started_ms, heartbeat_ms, ended_ms, end_reason"
                    + " FROM live_runs WHERE deployment_id = ? ORDER BY run_no")) {
                ps.setString(1, deploymentId);
                List<RunRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RunRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), getL(rs, 5), rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    public void stopRequested(String deploymentId, long nowMs, boolean flatten) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO live_stops VALUES (?,?,?,NULL,NULL)")) {
                ps.setString(1, deploymentId);
                ps.setLong(2, nowMs);
                ps.setBoolean(3, flatten);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void stopDone(String deploymentId, long nowMs, String report) {
        update("UPDATE live_stops SET done_ms = ?, report = ? WHERE deployment_id = ? AND done_ms IS NULL", nowMs, report, deploymentId);
    }

    // ------------------------------------------------------------------ helpers

    private static void setD(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            ps.setNull(i, Types.DOUBLE);
        } else if (v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setL(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static Double getD(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Long getL(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }
}
