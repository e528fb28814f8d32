package io.hypertrader.live.store;

import io.hypertrader.live.store.LiveStore.Entry;
import io.hypertrader.live.store.LiveStore.FillRow;
import io.hypertrader.live.store.LiveStore.OrderRow;
import io.hypertrader.risk.RiskEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.hypertrader.live.store.SqlValues.setD;
import static io.hypertrader.live.store.SqlValues.setL;
import static io.hypertrader.live.store.SqlValues.getD;
import static io.hypertrader.live.store.SqlValues.getL;

/**
 * The write-ahead journal ({@code live_journal}) and the books derived from it behind
 * {@link LiveStore}: orders ({@code live_orders}), fills ({@code live_fills}) and risk events
 * ({@code live_risk_events}). One transaction per call; {@link #append(Connection, String, LiveStore.Entry)}
 * also runs inside a caller's transaction ({@link DbJournal}).
 */
final class JournalTables {

    private final DbAccess db;

    JournalTables(DbAccess db) {
        this.db = db;
    }

    long append(String deploymentId, Entry e) {
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

    List<Entry> journal(String deploymentId) {
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

    Optional<Entry> latest(String deploymentId, String kind, String coin) {
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

    void upsertOrder(String deploymentId, OrderRow o) {
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

    List<OrderRow> orders(String deploymentId) {
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

    boolean insertFill(String deploymentId, FillRow f) {
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

    List<FillRow> fills(String deploymentId) {
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

    void riskEvent(String deploymentId, RiskEvent e) {
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

    List<RiskEvent> riskEvents(String deploymentId) {
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
}
