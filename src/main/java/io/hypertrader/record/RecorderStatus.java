package io.hypertrader.record;

import io.hypertrader.data.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recorder's row in {@code recorder_status}: who runs it (host, pid), since when, its last
 * heartbeat and last write, and when it stopped cleanly (null while running and after a kill).
 * Times are the recorder's clock, UTC epoch ms.
 */
public record RecorderStatus(String name, String host, long pid, long startedAtMs, long heartbeatMs, long heartbeatEveryMs,
                             Long lastWriteMs, Long stoppedAtMs, String series, String note) {

    /** What a reader can tell about a recorder at {@code nowMs}. */
    public enum State {
        /** A recent heartbeat (and, on this host, a live process). */
        RUNNING,
        /** Stopped cleanly (SIGTERM, Ctrl-C, --duration, --once). */
        STOPPED,
        /** Not stopped, but silent: killed, crashed, or its machine asleep; it catches up when started again. */
        SILENT
    }

    /** Heartbeats missed before a recorder counts as silent. */
    static final int MISSED_HEARTBEATS = 3;

    public State state(long nowMs, String thisHost) {
        if (stoppedAtMs != null) {
            return State.STOPPED;
        }
        boolean fresh = nowMs - heartbeatMs <= MISSED_HEARTBEATS * heartbeatEveryMs + 10_000;
        if (!fresh) {
            return State.SILENT;
        }
        if (host.equals(thisHost)) {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive ? State.RUNNING : State.SILENT;
        }
        return State.RUNNING;
    }

    /** This host's name (or "localhost" when it cannot be told). */
    public static String thisHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    // ------------------------------------------------------------------ the table

    /** Every recorder row, most recent heartbeat first. */
    public static List<RecorderStatus> list(Database db) {
        List<RecorderStatus> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT name, host, pid, started_at_ms, heartbeat_ms, heartbeat_every_ms, last_write_ms,"
                     + " stopped_at_ms, series, note FROM recorder_status ORDER BY heartbeat_ms DESC, name")) {
            while (rs.next()) {
                out.add(read(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read recorder_status: " + e.getMessage(), e);
        }
        return out;
    }

    static Optional<RecorderStatus> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, host, pid, started_at_ms, heartbeat_ms, heartbeat_every_ms,"
                + " last_write_ms, stopped_at_ms, series, note FROM recorder_status WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static RecorderStatus read(ResultSet rs) throws SQLException {
        long lw = rs.getLong(7);
        Long lastWrite = rs.wasNull() ? null : lw;
        long sa = rs.getLong(8);
        Long stopped = rs.wasNull() ? null : sa;
        return new RecorderStatus(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                lastWrite, stopped, rs.getString(9), rs.getString(10));
    }

    /** Inserts or replaces this row. */
    void save(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO recorder_status VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, host);
            ps.setLong(3, pid);
            ps.setLong(4, startedAtMs);
            ps.setLong(5, heartbeatMs);
            ps.setLong(6, heartbeatEveryMs);
            if (lastWriteMs == null) {
                ps.setNull(7, Types.BIGINT);
            } else {
                ps.setLong(7, lastWriteMs);
            }
            if (stoppedAtMs == null) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, stoppedAtMs);
            }
            ps.setString(9, series);
            if (note == null) {
                ps.setNull(10, Types.VARCHAR);
            } else {
                ps.setString(10, note);
            }
            ps.executeUpdate();
        }
    }

    RecorderStatus beat(long nowMs, Long lastWrite, String newNote) {
        return new RecorderStatus(name, host, pid, startedAtMs, nowMs, heartbeatEveryMs, lastWrite, stoppedAtMs, series, newNote);
    }

    RecorderStatus stopped(long nowMs, Long lastWrite, String newNote) {
        return new RecorderStatus(name, host, pid, startedAtMs, nowMs, heartbeatEveryMs, lastWrite, nowMs, series, newNote);
    }
}
