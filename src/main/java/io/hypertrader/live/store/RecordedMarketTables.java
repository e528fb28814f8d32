package io.hypertrader.live.store;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.live.store.LiveStore.CandleRecord;
import io.hypertrader.live.store.LiveStore.Point;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each run saw of the market, behind {@link LiveStore}: the price points it acted on
 * ({@code live_points}) and the candles it recorded ({@code live_candles}), which parity replays.
 * One transaction per call.
 */
final class RecordedMarketTables {

    private final DbAccess db;

    RecordedMarketTables(DbAccess db) {
        this.db = db;
    }

    void recordPoints(String deploymentId, List<Point> points) {
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

    List<Point> points(String deploymentId) {
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

    boolean recordCandle(String deploymentId, Coin coin, Interval interval, Candle k, boolean warmup, long recordedMs) {
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

    List<CandleRecord> candleRecords(String deploymentId, Interval interval) {
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

    Map<Coin, List<Candle>> candles(String deploymentId, Interval interval) {
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

    Map<String, Double> lastCloses(String deploymentId) {
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
}
