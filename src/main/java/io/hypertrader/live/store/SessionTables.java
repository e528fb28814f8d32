package io.hypertrader.live.store;

import io.hypertrader.live.store.LiveStore.RunRow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static io.hypertrader.live.store.SqlValues.getL;

/**
 * Runner sessions and stop requests behind {@link LiveStore}: {@code live_runs} (start,
 * heartbeat, end) and {@code live_stops}. One transaction per call.
 */
final class SessionTables {

    private final DbAccess db;

    SessionTables(DbAccess db) {
        this.db = db;
    }

    int runStarted(String deploymentId, long pid, long nowMs) {
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

    void heartbeat(String deploymentId, int runNo, long nowMs) {
        SqlValues.update(db, "UPDATE live_runs SET heartbeat_ms = ? WHERE deployment_id = ? AND run_no = ?", nowMs, deploymentId, (long) runNo);
    }

    void runEnded(String deploymentId, int runNo, long nowMs, String reason) {
        SqlValues.update(db, "UPDATE live_runs SET heartbeat_ms = ?, ended_ms = ?, end_reason = ? WHERE deployment_id = ? AND run_no = ?",
                nowMs, nowMs, reason, deploymentId, (long) runNo);
    }

    List<RunRow> runs(String deploymentId) {
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

    void stopRequested(String deploymentId, long nowMs, boolean flatten) {
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

    void stopDone(String deploymentId, long nowMs, String report) {
        SqlValues.update(db, "UPDATE live_stops SET done_ms = ?, report = ? WHERE deployment_id = ? AND done_ms IS NULL", nowMs, report, deploymentId);
    }
}
