package io.hypertrader.record;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.AssetContext;
import io.hypertrader.data.AssetContextStore;
import io.hypertrader.data.CandleStore;
import io.hypertrader.data.Database;
import io.hypertrader.data.FundingRate;
import io.hypertrader.data.FundingStore;
import io.hypertrader.data.SeriesSources;
import io.hypertrader.live.store.DbAccess;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every database access of the recorder, through {@link DbAccess}: the file is opened for one unit
 * of work (a step's stream writes, one REST page) and closed again, so {@code backtest},
 * {@code data list} and the live commands can use it while the recorder runs. Each write is one
 * transaction that also carries its bookkeeping (the writer in {@code series_sources}, the
 * recorder's cursor), so a kill at any moment leaves rows and cursor consistent.
 *
 * <p>A thread interrupt (a shutdown cutting a REST retry short) never aborts a write half-way:
 * the flag is put aside while the database is used and restored after.
 */
final class RecorderStore {

    /** What the database holds for one series when the recorder starts. */
    record SeriesStart(Optional<Long> lastStored, Optional<Long> verifiedUpTo) {
    }

    /**
     * What the database holds when the recorder starts. {@code firstCandle} is each coin's oldest
     * stored bar: funding with nothing stored yet starts there, so a restart after the candles
     * were written but before the first settlements were does not lose the settlements behind
     * the candle resume point.
     */
    record Start(Map<String, SeriesStart> series, Map<Coin, Long> lastFunding, Map<Coin, Long> lastContext,
                 Map<Coin, Long> firstCandle) {
    }

    private final DbAccess db;
    private final String source;
    private final LongSupplier clock;
    private final InstantSource instants;

    RecorderStore(DbAccess db, String source, LongSupplier clock) {
        this.db = Objects.requireNonNull(db);
        this.source = Objects.requireNonNull(source);
        this.clock = Objects.requireNonNull(clock);
        this.instants = () -> Instant.ofEpochMilli(clock.getAsLong());
    }

    String source() {
        return source;
    }

    /** Runs {@code work} with the file open once for all the writes inside it. */
    <T> T session(Supplier<T> work) {
        return uninterrupted(() -> db.batch(work));
    }

    void session(Runnable work) {
        session(() -> {
            work.run();
            return null;
        });
    }

    private <T> T use(Function<Database, T> work) {
        return uninterrupted(() -> db.use(work));
    }

    private static <T> T uninterrupted(Supplier<T> work) {
        boolean interrupted = Thread.interrupted();
        try {
            return work.get();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Checks that every series may take this recorder's rows and that no other recorder of the
     * same name runs, reads where every series stands, and writes this recorder's status row.
     *
     * @throws UserError USAGE when a series holds another source; REFUSED when the name is taken
     */
    Start start(RecordSettings s, RecorderStatus me, long nowMs) {
        return use(database -> {
            CandleStore candles = new CandleStore(database, instants);
            for (Coin coin : s.coins()) {
                for (Interval iv : s.intervals()) {
                    Optional<String> existing = candles.source(coin, iv);
                    if (existing.isPresent() && !existing.get().equals(source)) {
                        throw UserError.usage(coin + " " + iv + " already holds candles from source '" + existing.get()
                                + "'; the recorder writes " + source + " and never mixes sources. Record into another database (--db),"
                                + " or remove the series first: hypertrader data delete --coin " + coin + " --interval " + iv);
                    }
                }
            }
            try {
                return database.inTransaction(c -> {
                    Optional<RecorderStatus> other = RecorderStatus.find(c, me.name());
                    if (other.isPresent() && other.get().pid() != me.pid()
                            && other.get().state(nowMs, me.host()) == RecorderStatus.State.RUNNING) {
                        RecorderStatus o = other.get();
                        throw new UserError(UserError.Kind.REFUSED, "a recorder named '" + o.name() + "' is already running (pid "
                                + o.pid() + " on " + o.host() + ", heartbeat " + Instant.ofEpochMilli(o.heartbeatMs()) + ", recording "
                                + o.series() + "); stop it first, or give this one another --name");
                    }
                    Map<String, SeriesStart> series = new HashMap<>();
                    for (Coin coin : s.coins()) {
                        for (Interval iv : s.intervals()) {
                            series.put(coin + " " + iv, new SeriesStart(maxLong(c, "SELECT max(open_time_ms) FROM candles WHERE coin = ?"
                                    + " AND interval = ?", coin, iv.code()), maxLong(c, "SELECT max(verified_up_to_ms) FROM recorder_cursor"
                                    + " WHERE coin = ? AND interval = ?", coin, iv.code())));
                        }
                    }
                    Map<Coin, Long> funding = new HashMap<>();
                    Map<Coin, Long> contexts = new HashMap<>();
                    Map<Coin, Long> firstCandle = new HashMap<>();
                    for (Coin coin : s.coins()) {
                        maxLong(c, "SELECT min(open_time_ms) FROM candles WHERE coin = ?", coin, null).ifPresent(t -> firstCandle.put(coin, t));
                        maxLong(c, "SELECT max(time_ms) FROM funding WHERE coin = ?", coin, null).ifPresent(t -> funding.put(coin, t));
                        maxLong(c, "SELECT max(time_ms) FROM asset_ctx WHERE coin = ?", coin, null).ifPresent(t -> contexts.put(coin, t));
                    }
                    me.save(c);
                    return new Start(series, funding, contexts, firstCandle);
                });
            } catch (SQLException e) {
                throw new UserError(UserError.Kind.FAILURE, "database " + database.path() + ": " + e.getMessage(), e);
            }
        });
    }

    private static Optional<Long> maxLong(Connection c, String sql, Coin coin, String interval) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, coin.name());
            if (interval != null) {
                ps.setString(2, interval);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long v = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(v);
            }
        }
    }

    /**
     * Bars the stream saw close, with its last values: provisional until a REST read confirms
     * them. The cursor row is created (at {@code verifiedUpTo}, the bars confirmed before these)
     * in the same transaction if the series has none, so a restart knows to re-read them.
     */
    CandleStore.UpsertResult writeProvisional(Coin coin, Interval iv, List<Candle> bars, long verifiedUpTo) {
        return use(database -> new CandleStore(database, instants).upsert(coin, iv, bars, source, SeriesSources.RECORD,
                c -> cursor(c, coin, iv, verifiedUpTo, false)));
    }

    /** Bars read from REST (final values; may be none) and the cursor moved to {@code verifiedUpTo}, in one transaction. */
    CandleStore.UpsertResult writeVerified(Coin coin, Interval iv, List<Candle> bars, long verifiedUpTo) {
        return use(database -> new CandleStore(database, instants).upsert(coin, iv, bars, source, SeriesSources.RECORD,
                c -> cursor(c, coin, iv, verifiedUpTo, true)));
    }

    private int cursor(Connection c, Coin coin, Interval iv, long verifiedUpTo, boolean advance) throws SQLException {
        String onConflict = advance
                ? " ON CONFLICT (coin, interval) DO UPDATE SET verified_up_to_ms = greatest(recorder_cursor.verified_up_to_ms,"
                + " excluded.verified_up_to_ms), updated_at_ms = excluded.updated_at_ms"
                : " ON CONFLICT (coin, interval) DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recorder_cursor VALUES (?, ?, ?, ?)" + onConflict)) {
            ps.setString(1, coin.name());
            ps.setString(2, iv.code());
            ps.setLong(3, verifiedUpTo);
            ps.setLong(4, clock.getAsLong());
            return ps.executeUpdate();
        }
    }

    /** Funding settlements; returns how many were new. */
    int writeFunding(Coin coin, List<FundingRate> rates) {
        return use(database -> new FundingStore(database, instants).upsert(coin, rates, source, SeriesSources.RECORD));
    }

    /** Asset-context samples (the first per slot stays); returns how many were new. */
    int writeContexts(List<AssetContext> samples) {
        return use(database -> new AssetContextStore(database).insert(samples, source, SeriesSources.RECORD, clock.getAsLong()));
    }

    /** Replaces this recorder's status row (heartbeat, last write, stop). */
    void status(RecorderStatus status) {
        use(database -> {
            try {
                return database.inTransaction(c -> {
                    status.save(c);
                    return null;
                });
            } catch (SQLException e) {
                throw new UserError(UserError.Kind.FAILURE, "database " + database.path() + ": " + e.getMessage(), e);
            }
        });
    }
}
