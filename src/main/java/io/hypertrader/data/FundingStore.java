package io.hypertrader.data;

import io.hypertrader.core.Coin;
import io.hypertrader.core.UserError;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The funding table: idempotent upserts keyed by (coin, settlement time) through the Appender
 * and a staging table, one transaction per call, and range reads.
 */
public final class FundingStore {
    private static final String STAGE = "funding_stage";

    private final Database db;
    private final PerCoinTimes times;
    private final InstantSource clock;
    private boolean stageReady;

    public FundingStore(Database db, InstantSource clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.times = new PerCoinTimes(db, "funding", "funding");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes a batch (duplicates within it are refused); returns how many rows were new.
     *
     * @throws UserError USAGE for a duplicate settlement time within the batch
     */
    public int upsert(Coin coin, List<FundingRate> rates, String source) {
        return upsert(coin, rates, source, null);
    }

    /**
     * {@link #upsert(Coin, List, String)} that also notes {@code writer} (fetch, record; null for
     * none) in {@link SeriesSources}, in the same transaction.
     */
    public int upsert(Coin coin, List<FundingRate> rates, String source, String writer) {
        java.util.HashSet<Long> seen = new java.util.HashSet<>();
        for (FundingRate r : rates) {
            if (!seen.add(r.timeMs())) {
                throw UserError.usage(coin + " funding: duplicate settlement time " + r.timeMs() + ", nothing written");
            }
        }
        if (rates.isEmpty()) {
            return 0;
        }
        long fetchedAt = clock.millis();
        try {
            return db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    if (!stageReady) {
                        st.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " AS SELECT * FROM funding LIMIT 0");
                        stageReady = true;
                    }
                    st.execute("DELETE FROM temp.main." + STAGE);
                }
                try (DuckDBAppender ap = db.connection().createAppender("temp", "main", STAGE)) {
                    for (FundingRate r : rates) {
                        ap.beginRow();
                        ap.append(coin.name());
                        ap.append(r.timeMs());
                        ap.append(r.rate());
                        if (Double.isNaN(r.premium())) {
                            ap.appendNull();
                        } else {
                            ap.append(r.premium());
                        }
                        ap.append(source);
                        ap.append(fetchedAt);
                        ap.endRow();
                    }
                }
                try (Statement st = c.createStatement()) {
                    int inserted;
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM temp.main." + STAGE
                            + " s ANTI JOIN funding f USING (coin, time_ms)")) {
                        rs.next();
                        inserted = rs.getInt(1);
                    }
                    st.execute("INSERT INTO funding SELECT * FROM temp.main." + STAGE
                            + " ON CONFLICT (coin, time_ms) DO UPDATE SET rate = excluded.rate, premium = excluded.premium,"
                            + " source = excluded.source, fetched_at_ms = excluded.fetched_at_ms");
                    st.execute("DELETE FROM temp.main." + STAGE);
                    if (writer != null) {
                        long first = rates.stream().mapToLong(FundingRate::timeMs).min().orElseThrow();
                        long last = rates.stream().mapToLong(FundingRate::timeMs).max().orElseThrow();
                        SeriesSources.record(c, SeriesSources.FUNDING, coin, "", writer, first, last, inserted, fetchedAt);
                    }
                    return inserted;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + coin + " funding: " + e.getMessage(), e);
        }
    }

    /** Settlements with time in [fromMs, toMs), ascending. */
    public List<FundingRate> read(Coin coin, long fromMs, long toMs) {
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT time_ms, rate, premium FROM funding WHERE coin = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms")) {
            ps.setString(1, coin.name());
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            List<FundingRate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double premium = rs.getDouble(3);
                    if (rs.wasNull()) {
                        premium = Double.NaN;
                    }
                    out.add(new FundingRate(rs.getLong(1), rs.getDouble(2), premium));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + coin + " funding: " + e.getMessage(), e);
        }
    }

    /** The latest stored settlement time of a coin. */
    public OptionalLong lastTime(Coin coin) {
        return times.lastTime(coin);
    }

    /** One coin's stored settlements: count, first and last time (UTC epoch ms), source. */
    public record Summary(Coin coin, long rows, long firstMs, long lastMs, String source) {
    }

    /** One summary per coin with stored settlements, by coin. */
    public List<Summary> list() {
        return times.list(Summary::new);
    }

    /** Number of stored settlements of a coin. */
    public long count(Coin coin) {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT count(*) FROM funding WHERE coin = ?")) {
            ps.setString(1, coin.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count " + coin + " funding: " + e.getMessage(), e);
        }
    }
}
