package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import org.duckdb.DuckDBAppender;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The candle table of a {@link Database}: idempotent bulk upserts, reads into
 * {@link CandleSeries}, gap detection on the interval grid and per-series summaries.
 *
 * <p>Writes go through the DuckDB Appender into a temporary staging table and then an
 * {@code UPDATE} of the bars already stored and an {@code INSERT} of the new ones, all in one transaction per call:
 * a batch is either wholly stored or not at all, and writing the same bars again updates them in
 * place instead of duplicating them. A series (coin, interval) holds rows of one source only;
 * writing another source into it is refused, so exchange data never silently mixes with an
 * imported file. Times are UTC epoch ms; reads select bars by open time.
 *
 * <p><b>One file (about 440 lines).</b> The SQL of one table group (the candle series and their
 * staging), so a change of the schema is made in one place.
 */
public final class CandleStore {
    private static final String STAGE = "candles_stage";

    private final Database db;
    private final InstantSource clock;
    private boolean stageReady;

    /** Result of one upsert: rows written and how many of them were new (not already stored). */
    public record UpsertResult(int rows, int inserted) {
    }

    public CandleStore(Database db, InstantSource clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Validates and writes a batch in one transaction.
     *
     * @throws UserError USAGE naming the first bad candle (nothing is written), or when the
     *                   series already holds rows of another source
     */
    public UpsertResult upsert(Coin coin, Interval interval, List<Candle> candles, String source) {
        return upsert(coin, interval, candles, source, null, null);
    }

    /**
     * {@link #upsert(Coin, Interval, List, String)} that also notes {@code writer} (fetch, import,
     * record; null for none) in {@link SeriesSources} and runs {@code alsoInTransaction} (null for
     * nothing) last, both in the same transaction as the candles: a caller's bookkeeping (the
     * recorder's cursor) commits with the rows or not at all. With no candles, {@code alsoInTransaction}
     * still runs, in a transaction of its own.
     */
    public UpsertResult upsert(Coin coin, Interval interval, List<Candle> candles, String source, String writer,
                               Database.SqlWork<?> alsoInTransaction) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw UserError.usage("candle source must not be blank");
        }
        CandleValidation.Problem p = CandleValidation.firstProblem(interval, candles);
        if (p != null) {
            throw UserError.usage(coin + " " + interval + " candle " + (p.index() + 1) + " refused, nothing written: " + p);
        }
        if (candles.isEmpty()) {
            if (alsoInTransaction != null) {
                try {
                    db.inTransaction(alsoInTransaction);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot write " + coin + " " + interval + " bookkeeping: " + e.getMessage(), e);
                }
            }
            return new UpsertResult(0, 0);
        }
        requireSameSource(coin, interval, source);
        long fetchedAt = clock.millis();
        try {
            return db.inTransaction(c -> {
                UpsertResult written = write(c, coin, interval, candles, source, fetchedAt);
                if (writer != null) {
                    SeriesSources.record(c, SeriesSources.CANDLES, coin, interval.code(), writer, candles.getFirst().openTime(),
                            candles.getLast().openTime(), written.inserted(), fetchedAt);
                }
                if (alsoInTransaction != null) {
                    alsoInTransaction.run(c);
                }
                return written;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + coin + " " + interval + " candles: " + e.getMessage(), e);
        }
    }

    /** The rows of one validated batch, inside the caller's transaction. */
    private UpsertResult write(Connection c, Coin coin, Interval interval, List<Candle> candles, String source, long fetchedAt)
            throws SQLException {
        if (!overlapsStored(c, coin, interval, candles)) {
            // Nothing of the batch is stored yet (a first import, or a fetch page past the
            // stored end): append straight into the table; the batch is validated free of
            // duplicates, so the primary key cannot refuse it.
            try (DuckDBAppender ap = db.connection().createAppender("main", "candles")) {
                appendRows(ap, coin, interval, candles, source, fetchedAt);
            }
            return new UpsertResult(candles.size(), candles.size());
        }
        ensureStage(c);
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM temp.main." + STAGE);
        }
        try (DuckDBAppender ap = db.connection().createAppender("temp", "main", STAGE)) {
            appendRows(ap, coin, interval, candles, source, fetchedAt);
        }
        int inserted;
        try (Statement st = c.createStatement()) {
            // Update the bars already stored, then insert the rest: one pass each, and the
            // insert's row count is exactly the number of new bars.
            st.executeUpdate("UPDATE candles c SET close_time_ms = s.close_time_ms, open = s.open, high = s.high,"
                    + " low = s.low, close = s.close, volume = s.volume, trades = s.trades, source = s.source,"
                    + " fetched_at_ms = s.fetched_at_ms FROM temp.main." + STAGE + " s"
                    + " WHERE c.coin = s.coin AND c.interval = s.interval AND c.open_time_ms = s.open_time_ms");
            inserted = st.executeUpdate("INSERT INTO candles SELECT * FROM temp.main." + STAGE
                    + " s ANTI JOIN candles c USING (coin, interval, open_time_ms)");
            st.execute("DELETE FROM temp.main." + STAGE);
        }
        return new UpsertResult(candles.size(), inserted);
    }

    /** True when any stored bar of the series lies within the batch's time span (sorted ascending). */
    private static boolean overlapsStored(Connection c, Coin coin, Interval interval, List<Candle> candles) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM candles WHERE coin = ? AND interval = ?"
                + " AND open_time_ms BETWEEN ? AND ?)")) {
            ps.setString(1, coin.name());
            ps.setString(2, interval.code());
            ps.setLong(3, candles.get(0).openTime());
            ps.setLong(4, candles.get(candles.size() - 1).openTime());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void appendRows(DuckDBAppender ap, Coin coin, Interval interval, List<Candle> candles, String source,
                                   long fetchedAt) throws SQLException {
        for (Candle k : candles) {
            ap.beginRow();
            ap.append(coin.name());
            ap.append(interval.code());
            ap.append(k.openTime());
            ap.append(k.closeTime());
            ap.append(k.open());
            ap.append(k.high());
            ap.append(k.low());
            ap.append(k.close());
            ap.append(k.volume());
            if (k.trades() < 0) {
                ap.appendNull();
            } else {
                ap.append(k.trades());
            }
            ap.append(source);
            ap.append(fetchedAt);
            ap.endRow();
        }
    }

    private void ensureStage(Connection c) throws SQLException {
        if (stageReady) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " AS SELECT * FROM candles LIMIT 0");
        }
        stageReady = true;
    }

    private void requireSameSource(Coin coin, Interval interval, String source) {
        Optional<String> existing = source(coin, interval);
        if (existing.isPresent() && !existing.get().equals(source)) {
            throw UserError.usage(coin + " " + interval + " already holds candles from source '" + existing.get()
                    + "'; refusing to mix in source '" + source + "'. Use the same source (for import: --source "
                    + existing.get() + "), another coin name, or remove the series first: hypertrader data delete --coin "
                    + coin + " --interval " + interval);
        }
    }

    /** The source of a stored series, if any rows exist. */
    public Optional<String> source(Coin coin, Interval interval) {
        return query("SELECT source FROM candles WHERE coin = ? AND interval = ? LIMIT 1", coin, interval, rs -> {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        });
    }

    /** Candles with open time in [fromMs, toMs), ascending. Trades is -1 where unknown. */
    public List<Candle> candles(Coin coin, Interval interval, long fromMs, long toMs) {
        return query("SELECT open_time_ms, close_time_ms, open, high, low, close, volume, trades FROM candles"
                + " WHERE coin = ? AND interval = ? AND open_time_ms >= ? AND open_time_ms < ? ORDER BY open_time_ms",
                coin, interval, fromMs, toMs, CandleStore::readCandles);
    }

    /** The last {@code n} candles of a series, ascending. */
    public List<Candle> tail(Coin coin, Interval interval, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("tail count must be >= 0, got " + n);
        }
        List<Candle> desc = query("SELECT open_time_ms, close_time_ms, open, high, low, close, volume, trades FROM candles"
                + " WHERE coin = ? AND interval = ? ORDER BY open_time_ms DESC LIMIT " + n, coin, interval, CandleStore::readCandles);
        List<Candle> asc = new ArrayList<>(desc);
        java.util.Collections.reverse(asc);
        return asc;
    }

    private static List<Candle> readCandles(ResultSet rs) throws SQLException {
        List<Candle> out = new ArrayList<>();
        while (rs.next()) {
            long trades = rs.getLong(8);
            if (rs.wasNull()) {
                trades = -1;
            }
            out.add(new Candle(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                    rs.getDouble(6), rs.getDouble(7), trades));
        }
        return out;
    }

    /**
     * The stored bars with open time in [fromMs, toMs) as a columnar series.
     *
     * @throws UserError DATA_MISSING (naming the fetch/import command) when there are none
     */
    public CandleSeries series(Coin coin, Interval interval, long fromMs, long toMs) {
        CandleSeries s = query("SELECT open_time_ms, open, high, low, close, volume FROM candles"
                + " WHERE coin = ? AND interval = ? AND open_time_ms >= ? AND open_time_ms < ? ORDER BY open_time_ms",
                coin, interval, fromMs, toMs, rs -> {
                    int cap = 1024;
                    long[] t = new long[cap];
                    double[] o = new double[cap], h = new double[cap], l = new double[cap], c = new double[cap], v = new double[cap];
                    int n = 0;
                    while (rs.next()) {
                        if (n == t.length) {
                            int nc = t.length * 2;
                            t = Arrays.copyOf(t, nc);
                            o = Arrays.copyOf(o, nc);
                            h = Arrays.copyOf(h, nc);
                            l = Arrays.copyOf(l, nc);
                            c = Arrays.copyOf(c, nc);
                            v = Arrays.copyOf(v, nc);
                        }
                        t[n] = rs.getLong(1);
                        o[n] = rs.getDouble(2);
                        h[n] = rs.getDouble(3);
                        l[n] = rs.getDouble(4);
                        c[n] = rs.getDouble(5);
                        v[n] = rs.getDouble(6);
                        n++;
                    }
                    return new CandleSeries(coin, interval, Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n),
                            Arrays.copyOf(l, n), Arrays.copyOf(c, n), Arrays.copyOf(v, n));
                });
        if (s.size() == 0) {
            throw UserError.dataMissing("no " + coin + " " + interval + " candles" + rangeText(fromMs, toMs)
                    + " in the database; get them with: " + fixCommand(coin, interval));
        }
        return s;
    }

    /** Every stored bar of a series (see {@link #series(Coin, Interval, long, long)}). */
    public CandleSeries series(Coin coin, Interval interval) {
        return series(coin, interval, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static String rangeText(long from, long to) {
        if (from == Long.MIN_VALUE && to == Long.MAX_VALUE) {
            return "";
        }
        return " with open time in [" + java.time.Instant.ofEpochMilli(from) + ", " + java.time.Instant.ofEpochMilli(to) + ")";
    }

    /** The command that puts this series into the database, for DATA_MISSING messages. */
    public static String fixCommand(Coin coin, Interval interval) {
        return "hypertrader fetch --coin " + coin + " --interval " + interval
                + " (or: hypertrader data import FILE --coin " + coin + " --interval " + interval + ")";
    }

    /** All stored open times of a series, ascending. */
    public long[] openTimes(Coin coin, Interval interval) {
        return query("SELECT open_time_ms FROM candles WHERE coin = ? AND interval = ? ORDER BY open_time_ms",
                coin, interval, rs -> {
                    long[] t = new long[1024];
                    int n = 0;
                    while (rs.next()) {
                        if (n == t.length) {
                            t = Arrays.copyOf(t, n * 2);
                        }
                        t[n++] = rs.getLong(1);
                    }
                    return Arrays.copyOf(t, n);
                });
    }

    /** Runs of missing bars between the first and last stored bar of a series. */
    public List<Gap> gaps(Coin coin, Interval interval) {
        return gapsIn(interval, openTimes(coin, interval));
    }

    static List<Gap> gapsIn(Interval interval, long[] opens) {
        List<Gap> out = new ArrayList<>();
        for (int i = 1; i < opens.length; i++) {
            long expected = IntervalGrid.next(interval, opens[i - 1]);
            if (opens[i] > expected) {
                out.add(Gap.of(interval, expected, IntervalGrid.minus(interval, opens[i], 1)));
            }
        }
        return out;
    }

    /**
     * The bars with open in [fromOpen, toOpen] (both on the grid) that are not stored, as runs:
     * what a resuming fetch still has to get.
     */
    public List<Gap> missing(Coin coin, Interval interval, long fromOpen, long toOpen) {
        List<Gap> out = new ArrayList<>();
        if (toOpen < fromOpen) {
            return out;
        }
        long[] opens = query("SELECT open_time_ms FROM candles WHERE coin = ? AND interval = ?"
                        + " AND open_time_ms >= ? AND open_time_ms <= ? ORDER BY open_time_ms",
                coin, interval, fromOpen, toOpen, rs -> {
                    List<Long> l = new ArrayList<>();
                    while (rs.next()) {
                        l.add(rs.getLong(1));
                    }
                    return l.stream().mapToLong(Long::longValue).toArray();
                });
        long expected = fromOpen;
        for (long t : opens) {
            if (t > expected) {
                out.add(Gap.of(interval, expected, IntervalGrid.minus(interval, t, 1)));
            }
            expected = IntervalGrid.next(interval, t);
        }
        if (expected <= toOpen) {
            out.add(Gap.of(interval, expected, toOpen));
        }
        return out;
    }

    /** Summary of one series, empty when nothing is stored. */
    public Optional<SeriesSummary> summary(Coin coin, Interval interval) {
        return list().stream().filter(s -> s.coin().equals(coin) && s.interval() == interval).findFirst();
    }

    /** One summary per stored (coin, interval), ordered by coin then interval length. */
    public List<SeriesSummary> list() {
        record Row(String coin, String interval, long rows, long first, long last, String source) {
        }
        List<Row> rows = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT coin, interval, count(*), min(open_time_ms), max(open_time_ms),"
                     + " string_agg(DISTINCT source, ',' ORDER BY source) FROM candles GROUP BY coin, interval ORDER BY coin")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getString(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list candles: " + e.getMessage(), e);
        }
        List<SeriesSummary> out = new ArrayList<>();
        for (Row r : rows) {
            Coin coin = new Coin(r.coin());
            Interval interval = Interval.parse(r.interval());
            out.add(new SeriesSummary(coin, interval, r.rows(), r.first(), r.last(), gaps(coin, interval), r.source()));
        }
        out.sort(java.util.Comparator.comparing(SeriesSummary::coin).thenComparing(s -> s.interval().ordinal()));
        return out;
    }

    /**
     * Deletes a whole series, with its writers in {@link SeriesSources} and the recorder's cursor
     * (so a recorder started afterwards fills it afresh); returns the number of rows removed.
     */
    public int delete(Coin coin, Interval interval) {
        try {
            return db.inTransaction(c -> {
                SeriesSources.delete(c, SeriesSources.CANDLES, coin, interval.code());
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM recorder_cursor WHERE coin = ? AND interval = ?")) {
                    ps.setString(1, coin.name());
                    ps.setString(2, interval.code());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM candles WHERE coin = ? AND interval = ?")) {
                    ps.setString(1, coin.name());
                    ps.setString(2, interval.code());
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete " + coin + " " + interval + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface RowsReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Coin coin, Interval interval, RowsReader<T> reader) {
        return query(sql, coin, interval, null, null, reader);
    }

    private <T> T query(String sql, Coin coin, Interval interval, Long a, Long b, RowsReader<T> reader) {
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, coin.name());
            ps.setString(2, interval.code());
            if (a != null) {
                ps.setLong(3, a);
                ps.setLong(4, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + coin + " " + interval + " candles: " + e.getMessage(), e);
        }
    }
}
