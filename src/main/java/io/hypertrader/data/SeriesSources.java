package io.hypertrader.data;

import io.hypertrader.core.Coin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code series_sources} table: which command wrote into each stored series (fetch, import,
 * record), over which span and how many new rows it brought. The stores update it in the same
 * transaction as the rows themselves, so it never claims rows that were not committed. A series
 * holds one {@code source} (where the values came from) but may be grown by several writers, e.g.
 * {@code fetch} once for the exchange's 5000-bar window and {@code record} from then on.
 */
public final class SeriesSources {
    /** Dataset names. */
    public static final String CANDLES = "candles";
    public static final String FUNDING = "funding";
    public static final String ASSET_CTX = "asset_ctx";

    /** Writer names. */
    public static final String FETCH = "fetch";
    public static final String IMPORT = "import";
    public static final String RECORD = "record";

    /**
     * One writer of one series.
     *
     * @param interval    the candle interval code, "" for funding and asset contexts
     * @param firstMs     the earliest bar open / settlement / slot it wrote
     * @param lastMs      the latest one
     * @param rowsNew     rows it added (rewrites of stored rows not counted)
     * @param lastWriteMs when it last wrote
     */
    public record Entry(String dataset, Coin coin, String interval, String writer, long firstMs, long lastMs, long rowsNew,
                        long lastWriteMs) {
    }

    private SeriesSources() {
    }

    /** Adds one write to the ledger, inside the caller's transaction. */
    static void record(Connection c, String dataset, Coin coin, String interval, String writer, long firstMs, long lastMs,
                       long rowsNew, long nowMs) throws SQLException {
        Objects.requireNonNull(writer, "writer");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO series_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (dataset, coin, interval, writer) DO UPDATE SET first_ms = least(series_sources.first_ms, excluded.first_ms),"
                + " last_ms = greatest(series_sources.last_ms, excluded.last_ms), rows_new = series_sources.rows_new + excluded.rows_new,"
                + " last_write_ms = excluded.last_write_ms")) {
            ps.setString(1, dataset);
            ps.setString(2, coin.name());
            ps.setString(3, interval);
            ps.setString(4, writer);
            ps.setLong(5, firstMs);
            ps.setLong(6, lastMs);
            ps.setLong(7, rowsNew);
            ps.setLong(8, nowMs);
            ps.executeUpdate();
        }
    }

    /** Forgets the writers of one series (when the series is deleted). */
    static void delete(Connection c, String dataset, Coin coin, String interval) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM series_sources WHERE dataset = ? AND coin = ? AND interval = ?")) {
            ps.setString(1, dataset);
            ps.setString(2, coin.name());
            ps.setString(3, interval);
            ps.executeUpdate();
        }
    }

    /** Every entry, ordered by dataset, coin, interval, then first write. */
    public static List<Entry> list(Database db) {
        List<Entry> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT dataset, coin, interval, writer, first_ms, last_ms, rows_new, last_write_ms"
                     + " FROM series_sources ORDER BY dataset, coin, interval, first_ms, writer")) {
            while (rs.next()) {
                out.add(new Entry(rs.getString(1), new Coin(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read series_sources: " + e.getMessage(), e);
        }
        return out;
    }

    /** The writers of one series, earliest first, joined with '+' ("fetch+record"), or "-" when none is known. */
    public static String writers(List<Entry> entries, String dataset, Coin coin, String interval) {
        String s = entries.stream().filter(e -> e.dataset().equals(dataset) && e.coin().equals(coin) && e.interval().equals(interval))
                .map(Entry::writer).distinct().reduce((a, b) -> a + "+" + b).orElse("-");
        return s;
    }
}
