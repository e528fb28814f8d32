package io.hypertrader.live.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * JDBC helpers of the live tables: nullable numbers in and out (NULL for a missing value) and
 * the one-statement UPDATE the deployment and session tables share.
 */
final class SqlValues {

    private SqlValues() {
    }

    static void setD(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null || v.isNaN()) {
            ps.setNull(i, Types.DOUBLE);
        } else if (v.isInfinite()) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    static void setL(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static Double getD(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    static Long getL(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    /** One UPDATE in its own transaction; arguments bound by type (null as NULL). */
    static void update(DbAccess db, String sql, Object... args) {
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
}
