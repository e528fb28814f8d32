package io.hypertrader.store;

import io.hypertrader.backtest.BacktestResult;

import io.hypertrader.backtest.sweep.TrialMetrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Sweeps in DuckDB (migration 3): one row in {@code sweeps} per sweep, Monte Carlo or walk-forward
 * run, one row in {@code sweep_results} per backtest. A sweep is written once, after its
 * backtests finished, in one transaction through the Appender (no database work per backtest).
 * Undefined figures (NaN) are stored as NULL.
 */
public final class SweepStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LIST = new TypeReference<>() {
    };

    private final Database db;

    public SweepStore(Database db) {
        this.db = db;
    }

    /**
     * One sweep.
     *
     * @param kind           sweep, montecarlo or walkforward
     * @param params         the --param flags as given
     * @param configurations N of the deflated Sharpe ratio
     * @param trials         backtests run
     * @param sharpeVariance V across configurations (NaN when N = 1)
     * @param manifest       display-ordered key/values (config text, data, threads, throughput ...)
     */
    public record SweepRow(String sweepId, String kind, long createdAtMs, String configPath, String configHash,
                           List<String> params, int seeds, long baseSeed, int threads, int configurations, int trials,
                           double sharpeVariance, long dataFromMs, long dataToMs, int bars, String codeVersion,
                           long elapsedMs, SequencedMap<String, String> manifest) {
        public SweepRow {
            params = List.copyOf(params);
            manifest = new LinkedHashMap<>(manifest);
        }
    }

    /**
     * One backtest of a sweep.
     *
     * @param windowIndex walk-forward window (-1 otherwise)
     * @param phase       grid, montecarlo, train or test; search for a sweep's search ({@link Search})
     */
    public record ResultRow(int trial, int configIndex, SequencedMap<String, String> params, long seed, String pathMode,
                            int windowIndex, String phase, long fromMs, long toMs, TrialMetrics metrics,
                            double deflatedSharpe) {
        public ResultRow {
            params = new LinkedHashMap<>(params);
        }
    }

    /** Writes a sweep and its results in one transaction. */
    public void save(SweepRow s, List<ResultRow> rows) {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO sweeps VALUES"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int k = 1;
                    ps.setString(k++, s.sweepId());
                    ps.setString(k++, s.kind());
                    ps.setLong(k++, s.createdAtMs());
                    ps.setString(k++, s.configPath());
                    ps.setString(k++, s.configHash());
                    ps.setString(k++, json(s.params()));
                    ps.setInt(k++, s.seeds());
                    ps.setLong(k++, s.baseSeed());
                    ps.setInt(k++, s.threads());
                    ps.setInt(k++, s.configurations());
                    ps.setInt(k++, s.trials());
                    if (Double.isNaN(s.sharpeVariance())) {
                        ps.setNull(k++, java.sql.Types.DOUBLE);
                    } else {
                        ps.setDouble(k++, s.sharpeVariance());
                    }
                    ps.setLong(k++, s.dataFromMs());
                    ps.setLong(k++, s.dataToMs());
                    ps.setInt(k++, s.bars());
                    ps.setString(k++, s.codeVersion());
                    ps.setLong(k++, s.elapsedMs());
                    ps.setString(k, json(s.manifest()));
                    ps.executeUpdate();
                }
                try (DuckDBAppender ap = db.connection().createAppender("sweep_results")) {
                    for (ResultRow r : rows) {
                        append(ap, s.sweepId(), r);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot store sweep " + s.sweepId() + ": " + e.getMessage(), e);
        }
    }

    private static void append(DuckDBAppender ap, String id, ResultRow r) throws SQLException {
        TrialMetrics m = r.metrics();
        ap.beginRow();
        ap.append(id);
        ap.append(r.trial());
        ap.append(r.configIndex());
        ap.append(json(r.params()));
        ap.append(r.seed());
        if (r.pathMode() == null) {
            ap.appendNull();
        } else {
            ap.append(r.pathMode());
        }
        if (r.windowIndex() < 0) {
            ap.appendNull();
        } else {
            ap.append(r.windowIndex());
        }
        ap.append(r.phase());
        time(ap, r.fromMs(), Long.MIN_VALUE);
        time(ap, r.toMs(), Long.MAX_VALUE);
        for (double x : new double[]{m.initialEquity(), m.finalEquity(), m.totalReturn(), m.cagr(), m.volatility(),
                m.sharpe(), m.sharpePerBar(), m.sortino(), m.calmar(), m.maxDrawdown(), m.psr(), r.deflatedSharpe(),
                m.skewness(), m.kurtosis()}) {
            num(ap, x);
        }
        ap.append(m.returns());
        ap.append(m.trades());
        num(ap, m.winRate());
        num(ap, m.profitFactor());
        ap.append(m.cycles());
        for (double x : new double[]{m.captureMedian(), m.capturePooled(), m.captureIdeal(), m.fees(), m.funding(),
                m.slippage(), m.timeInMarket(), m.buyHoldReturn()}) {
            num(ap, x);
        }
        ap.append(m.fills());
        ap.append(m.rejected());
        ap.append(m.liquidations());
        ap.append(m.eventLogSha256());
        num(ap, m.sharpeLog());
        ap.endRow();
    }

    private static void time(DuckDBAppender ap, long t, long none) throws SQLException {
        if (t == none) {
            ap.appendNull();
        } else {
            ap.append(t);
        }
    }

    private static void num(DuckDBAppender ap, double x) throws SQLException {
        if (Double.isNaN(x)) {
            ap.appendNull();
        } else {
            ap.append(x);
        }
    }

    /** The sweep with this id, if stored. */
    public Optional<SweepRow> sweep(String id) {
        try (PreparedStatement ps = db.connection().prepareStatement("SELECT * FROM sweeps WHERE sweep_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(sweepRow(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read sweep " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every stored sweep, newest first. */
    public List<SweepRow> list() {
        List<SweepRow> out = new ArrayList<>();
        try (Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM sweeps ORDER BY created_at_ms DESC, sweep_id")) {
            while (rs.next()) {
                out.add(sweepRow(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot list sweeps: " + e.getMessage(), e);
        }
    }

    /**
     * One stored study as {@code hypertrader studies} lists it.
     *
     * @param best one line with the study's headline figure: a sweep's best configuration by mean Sharpe
     *             ratio (with its log-return Sharpe and mean return), a Monte Carlo's median final equity per
     *             path mode (lowest to highest), a walk-forward's stitched out-of-sample return
     */
    public record StudySummary(String id, String kind, long createdAtMs, String configHash, int configurations,
                               int seeds, int trials, int bars, long dataFromMs, long dataToMs, long elapsedMs,
                               String best) {
    }

    /**
     * The newest {@code limit} studies, newest first; only those of {@code kind} and of config hashes
     * starting with {@code configHash} when they are not null.
     */
    public List<StudySummary> summaries(int limit, String kind, String configHash) {
        String sql = "SELECT sweep_id, kind, created_at_ms, config_hash, configurations, seeds, trials, bars, data_from_ms,"
                + " data_to_ms, elapsed_ms FROM sweeps WHERE (? IS NULL OR kind = ?) AND (? IS NULL OR config_hash LIKE ?)"
                + " ORDER BY created_at_ms DESC, sweep_id DESC LIMIT " + Math.max(0, limit);
        List<StudySummary> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, kind);
            ps.setString(2, kind);
            ps.setString(3, configHash);
            ps.setString(4, configHash == null ? null : configHash + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1), k = rs.getString(2);
                    out.add(new StudySummary(id, k, rs.getLong(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
                            rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), best(id, k)));
                }
            }
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot list studies: " + e.getMessage(), e);
        }
        return out;
    }

    /** The headline figure of one study (see {@link StudySummary#best}). */
    private String best(String id, String kind) throws SQLException {
        return switch (kind) {
            case "sweep" -> bestSweep(id);
            case "montecarlo" -> monteCarloMedians(id);
            case "walkforward" -> walkForwardReturn(id);
            default -> "";
        };
    }

    private String bestSweep(String id) throws SQLException {
        // ranked as the sweep ranks: highest mean Sharpe ratio over seeds, ties by grid order
        String sql = "SELECT config_index, avg(sharpe), avg(sharpe_log), avg(total_return), any_value(params)"
                + " FROM sweep_results WHERE sweep_id = ? GROUP BY config_index"
                + " ORDER BY avg(sharpe) DESC NULLS LAST, config_index LIMIT 1";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                SequencedMap<String, String> params = parse(rs.getString(5), MAP);
                List<String> kv = new ArrayList<>();
                params.forEach((k, v) -> kv.add(k + "=" + v));
                return String.format(java.util.Locale.ROOT, "best mean Sharpe %s (log returns %s, return %s) at %s",
                        signed(at(rs, 2)), signed(at(rs, 3)), percent(at(rs, 4)),
                        kv.isEmpty() ? "the config as it is" : String.join(" ", kv));
            }
        }
    }

    private String monteCarloMedians(String id) throws SQLException {
        String sql = "SELECT path_mode, median(final_equity) AS m FROM sweep_results WHERE sweep_id = ?"
                + " GROUP BY path_mode ORDER BY m, path_mode";
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(String.format(java.util.Locale.ROOT, "%s %,.2f", rs.getString(1), rs.getDouble(2)));
                }
            }
        }
        return parts.isEmpty() ? "" : "median final equity: " + String.join(", ", parts);
    }

    private String walkForwardReturn(String id) throws SQLException {
        String sql = "SELECT total_return FROM sweep_results WHERE sweep_id = ? AND phase = 'test' ORDER BY window_index";
        double growth = 1;
        int windows = 0;
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    growth *= 1 + rs.getDouble(1);
                    windows++;
                }
            }
        }
        return windows == 0 ? "" : String.format(java.util.Locale.ROOT, "out-of-sample return %s over %d test windows",
                percent(growth - 1), windows);
    }

    private static double at(ResultSet rs, int col) throws SQLException {
        double x = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : x;
    }

    private static String signed(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(java.util.Locale.ROOT, "%+.3f", x);
    }

    private static String percent(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(java.util.Locale.ROOT, "%+.2f%%", 100 * x);
    }

    /** The results of a sweep in trial order. */
    public List<ResultRow> results(String id) {
        List<ResultRow> out = new ArrayList<>();
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT * FROM sweep_results WHERE sweep_id = ? ORDER BY trial")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TrialMetrics m = new TrialMetrics(d(rs, "initial_equity"), d(rs, "final_equity"), d(rs, "total_return"),
                            d(rs, "cagr"), d(rs, "volatility"), d(rs, "sharpe"), d(rs, "sharpe_per_bar"), d(rs, "sortino"),
                            d(rs, "calmar"), d(rs, "max_drawdown"), d(rs, "psr"), d(rs, "skewness"), d(rs, "kurtosis"),
                            rs.getInt("returns"), rs.getInt("trades"), d(rs, "win_rate"), d(rs, "profit_factor"),
                            rs.getInt("cycles"), d(rs, "capture_median"), d(rs, "capture_pooled"), d(rs, "capture_ideal"),
                            d(rs, "fees"), d(rs, "funding"), d(rs, "slippage"), d(rs, "time_in_market"),
                            d(rs, "buy_hold_return"), rs.getInt("fills"), rs.getInt("rejected"), rs.getInt("liquidations"),
                            rs.getString("event_log_sha256"), d(rs, "sharpe_log"));
                    long from = rs.getLong("from_ms");
                    from = rs.wasNull() ? Long.MIN_VALUE : from;
                    long to = rs.getLong("to_ms");
                    to = rs.wasNull() ? Long.MAX_VALUE : to;
                    int window = rs.getInt("window_index");
                    window = rs.wasNull() ? -1 : window;
                    out.add(new ResultRow(rs.getInt("trial"), rs.getInt("config_index"), parse(rs.getString("params"), MAP),
                            rs.getLong("seed"), rs.getString("path_mode"), window, rs.getString("phase"), from, to, m,
                            d(rs, "deflated_sharpe")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot read the results of sweep " + id + ": " + e.getMessage(), e);
        }
    }

    private static SweepRow sweepRow(ResultSet rs) throws SQLException {
        return new SweepRow(rs.getString("sweep_id"), rs.getString("kind"), rs.getLong("created_at_ms"),
                rs.getString("config_path"), rs.getString("config_hash"), parse(rs.getString("params_spec"), LIST),
                rs.getInt("seeds"), rs.getLong("base_seed"), rs.getInt("threads"), rs.getInt("configurations"),
                rs.getInt("trials"), d(rs, "sharpe_variance"), rs.getLong("data_from_ms"), rs.getLong("data_to_ms"),
                rs.getInt("bars"), rs.getString("code_version"), rs.getLong("elapsed_ms"),
                rs.getString("manifest") == null ? new LinkedHashMap<>() : parse(rs.getString("manifest"), MAP));
    }

    private static double d(ResultSet rs, String col) throws SQLException {
        double x = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : x;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String s, TypeReference<T> type) {
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("malformed JSON in the sweeps tables: " + e.getMessage(), e);
        }
    }
}
