package io.hypertrader.store;

import io.hypertrader.backtest.sweep.TrialMetrics;

import io.hypertrader.backtest.sweep.SearchCache.Entry;

import io.hypertrader.backtest.sweep.SearchCache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link SearchCache} of one search key in DuckDB (migration 18, table {@code search_trials}):
 * reads the key's stored backtests once when opened, writes each finished batch in one
 * transaction. Figures are kept as JSON (undefined ones as "NaN").
 */
public final class SearchTrialStore implements SearchCache {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final String key;
    private final long nowMs;
    private final Map<String, TrialMetrics> stored = new HashMap<>();

    /**
     * @param key   the search's key (see migration 18): what decides its backtests' results
     * @param nowMs the caller's clock, for {@code created_at_ms}
     */
    public SearchTrialStore(Database db, String key, long nowMs) {
        this.db = db;
        this.key = key;
        this.nowMs = nowMs;
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT point, seed, metrics FROM search_trials WHERE search_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(id(rs.getInt(1), rs.getLong(2)), JSON.readValue(rs.getString(3), TrialMetrics.class));
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read the stored trials of search " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /** Backtests stored under this key when the store was opened or since. */
    public int size() {
        return stored.size();
    }

    @Override
    public TrialMetrics get(int point, long seed) {
        return stored.get(id(point, seed));
    }

    @Override
    public void put(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO search_trials VALUES (?, ?, ?, ?, ?)")) {
                    for (Entry e : entries) {
                        ps.setString(1, key);
                        ps.setInt(2, e.point());
                        ps.setLong(3, e.seed());
                        ps.setString(4, JSON.writeValueAsString(e.metrics()));
                        ps.setLong(5, nowMs);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
                return null;
            });
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot store the trials of search " + key + ": " + e.getMessage(), e);
        }
        entries.forEach(e -> stored.put(id(e.point(), e.seed()), e.metrics()));
    }

    private static String id(int point, long seed) {
        return point + "/" + seed;
    }
}
