package io.hypertrader.data;

import io.hypertrader.core.Coin;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code asset_ctx} table: one asset-context sample per (coin, slot). The first sample written
 * for a slot stays (a later one for the same slot, e.g. from a recorder restarted within it, is
 * ignored), so re-writing is idempotent and a slot's value is the state nearest its start.
 */
public final class AssetContextStore {
    private final Database db;
    private final PerCoinTimes times;

    public AssetContextStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
        this.times = new PerCoinTimes(db, "asset_ctx", "asset contexts");
    }

    /**
     * Writes samples whose slot is not stored yet, in one transaction, noting {@code writer} (null
     * for none) in {@link SeriesSources}; returns how many were new.
     *
     * @param nowMs the write time for the ledger
     */
    public int insert(List<AssetContext> samples, String source, String writer, long nowMs) {
        Objects.requireNonNull(source, "source");
        Set<String> keys = new HashSet<>();
        for (AssetContext a : samples) {
            if (!keys.add(a.coin().name() + "@" + a.timeMs())) {
                throw new IllegalArgumentException("two " + a.coin() + " asset contexts for slot " + a.timeMs() + ", nothing written");
            }
        }
        if (samples.isEmpty()) {
            return 0;
        }
        try {
            return db.inTransaction(c -> {
                int inserted = 0;
                java.util.Map<Coin, long[]> spans = new java.util.TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_ctx VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (coin, time_ms) DO NOTHING")) {
                    for (AssetContext a : samples) {
                        ps.setString(1, a.coin().name());
                        ps.setLong(2, a.timeMs());
                        ps.setLong(3, a.sampledAtMs());
                        ps.setDouble(4, a.markPx());
                        ps.setDouble(5, a.oraclePx());
                        setOrNull(ps, 6, a.midPx());
                        setOrNull(ps, 7, a.openInterest());
                        setOrNull(ps, 8, a.premium());
                        setOrNull(ps, 9, a.fundingRate());
                        setOrNull(ps, 10, a.dayNtlVlm());
                        setOrNull(ps, 11, a.dayBaseVlm());
                        setOrNull(ps, 12, a.prevDayPx());
                        setOrNull(ps, 13, a.impactBidPx());
                        setOrNull(ps, 14, a.impactAskPx());
                        ps.setString(15, a.via());
                        ps.setString(16, source);
                        int n = ps.executeUpdate();
                        inserted += n;
                        if (n > 0) {
                            spans.merge(a.coin(), new long[]{a.timeMs(), a.timeMs(), 1},
                                    (x, y) -> new long[]{Math.min(x[0], y[0]), Math.max(x[1], y[1]), x[2] + y[2]});
                        }
                    }
                }
                if (writer != null) {
                    for (var e : spans.entrySet()) {
                        SeriesSources.record(c, SeriesSources.ASSET_CTX, e.getKey(), "", writer, e.getValue()[0], e.getValue()[1],
                                e.getValue()[2], nowMs);
                    }
                }
                return inserted;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write asset contexts: " + e.getMessage(), e);
        }
    }

    private static void setOrNull(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v)) {
            ps.setNull(i, java.sql.Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Samples of {@code coin} with slot in [fromMs, toMs), ascending. */
    public List<AssetContext> read(Coin coin, long fromMs, long toMs) {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT time_ms, sampled_at_ms, mark_px, oracle_px, mid_px,"
                + " open_interest, premium, funding_rate, day_ntl_vlm, day_base_vlm, prev_day_px, impact_bid_px, impact_ask_px, via"
                + " FROM asset_ctx WHERE coin = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms")) {
            ps.setString(1, coin.name());
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            List<AssetContext> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AssetContext(coin, rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), orNaN(rs, 5),
                            orNaN(rs, 6), orNaN(rs, 7), orNaN(rs, 8), orNaN(rs, 9), orNaN(rs, 10), orNaN(rs, 11), orNaN(rs, 12),
                            orNaN(rs, 13), rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + coin + " asset contexts: " + e.getMessage(), e);
        }
    }

    private static double orNaN(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** The latest stored slot of a coin. */
    public OptionalLong lastTime(Coin coin) {
        return times.lastTime(coin);
    }

    /** One coin's stored samples: count, first and last slot, source. */
    public record Summary(Coin coin, long rows, long firstMs, long lastMs, String source) {
    }

    /** One summary per coin with stored samples, by coin. */
    public List<Summary> list() {
        return times.list(Summary::new);
    }
}
