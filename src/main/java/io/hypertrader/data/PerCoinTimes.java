package io.hypertrader.data;

import io.hypertrader.core.Coin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The questions that the tables keyed by coin and {@code time_ms} ({@code funding},
 * {@code asset_ctx}) answer alike: a coin's latest stored time (where a resumed fetch starts) and
 * one summary per coin ({@code data list}).
 *
 * @param table the table's name, a constant of the calling store (never user input)
 * @param noun  what its rows are, for error messages ("funding", "asset contexts")
 */
record PerCoinTimes(Database db, String table, String noun) {

    /** Builds a store's own summary record from one grouped row. */
    @FunctionalInterface
    interface SummaryOf<S> {
        S of(Coin coin, long rows, long firstMs, long lastMs, String sources);
    }

    /** The latest stored time of a coin. */
    OptionalLong lastTime(Coin coin) {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT max(time_ms) FROM " + table + " WHERE coin = ?")) {
            ps.setString(1, coin.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long t = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(t);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + coin + " " + noun + ": " + e.getMessage(), e);
        }
    }

    /** One summary per coin with stored rows, by coin; the sources comma-joined in order. */
    <S> List<S> list(SummaryOf<S> summary) {
        List<S> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT coin, count(*), min(time_ms), max(time_ms), string_agg(DISTINCT source, ',' ORDER BY source)"
                     + " FROM " + table + " GROUP BY coin ORDER BY coin")) {
            while (rs.next()) {
                out.add(summary.of(new Coin(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list " + noun + ": " + e.getMessage(), e);
        }
        return out;
    }
}
