package io.hypertrader.backtest.sweep.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.backtest.sweep.TrialMetrics;
import io.hypertrader.backtest.sweep.TrialResult;
import io.hypertrader.backtest.sweep.TrialSpec;
import io.hypertrader.sim.PathMode;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * One finished trial as one Parquet row: the study's request key and stage (the n-th batch of
 * trials the study ran: a walk-forward runs its training trials, then its tests), the trial index,
 * its spec, every {@link TrialMetrics} figure under the column name {@code sweep_results} uses, and
 * the curve when the study keeps it. Doubles are stored as they are (NaN too): a row read back
 * gives the same {@link TrialResult}, bit for bit.
 *
 * <p>The metric columns follow the record's components (names in snake case), so a figure added
 * to {@link TrialMetrics} is carried without a change here.
 */
final class TrialRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };
    private static final RecordComponent[] METRICS = TrialMetrics.class.getRecordComponents();
    private static final Constructor<TrialMetrics> CANONICAL = canonical();

    /** Leading columns before the metrics. */
    private static final int SPEC_COLUMNS = 8;

    /** The Parquet schema of a study's rows (the sweep id is the folder: {@code sweep_id=<id>}). */
    static final StructType SCHEMA = schema();

    private TrialRows() {
    }

    private static StructType schema() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("request_key", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("stage", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("trial", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("params", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("path_mode", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("from_ms", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("to_ms", DataTypes.LongType, false));
        for (RecordComponent c : METRICS) {
            f.add(DataTypes.createStructField(snake(c.getName()), type(c.getType()), c.getType() == String.class));
        }
        f.add(DataTypes.createStructField("curve", DataTypes.BinaryType, true));
        return DataTypes.createStructType(f);
    }

    private static DataType type(Class<?> t) {
        if (t == double.class) {
            return DataTypes.DoubleType;
        }
        if (t == int.class) {
            return DataTypes.IntegerType;
        }
        if (t == long.class) {
            return DataTypes.LongType;
        }
        if (t == String.class) {
            return DataTypes.StringType;
        }
        throw new IllegalStateException("TrialMetrics has a " + t + " field: give it a Parquet type here");
    }

    /** "sharpePerBar" -> "sharpe_per_bar", "eventLogSha256" -> "event_log_sha256". */
    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    static Row row(String requestKey, int stage, TrialResult r) {
        Object[] v = new Object[SCHEMA.size()];
        TrialSpec s = r.spec();
        v[0] = requestKey;
        v[1] = stage;
        v[2] = r.index();
        v[3] = json(s);
        v[4] = s.seed();
        v[5] = s.path() == null ? null : s.path().label();
        v[6] = s.fromMs();
        v[7] = s.toMs();
        try {
            for (int i = 0; i < METRICS.length; i++) {
                v[SPEC_COLUMNS + i] = METRICS[i].getAccessor().invoke(r.metrics());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        v[v.length - 1] = r.curve() == null ? null : CurveCodec.encode(r.curve());
        return RowFactory.create(v);
    }

    /** The trial index of a row (read with {@link #SCHEMA}). */
    static int trial(Row row) {
        return row.getInt(2);
    }

    static TrialResult result(Row row) {
        String path = row.isNullAt(5) ? null : row.getString(5);
        TrialSpec spec = new TrialSpec(params(row.getString(3)), row.getLong(4), path == null ? null : PathMode.parse(path),
                row.getLong(6), row.getLong(7));
        Object[] m = new Object[METRICS.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = row.isNullAt(SPEC_COLUMNS + i) ? null : row.get(SPEC_COLUMNS + i);
        }
        TrialMetrics metrics;
        try {
            metrics = CANONICAL.newInstance(m);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        int curveAt = SCHEMA.size() - 1;
        TrialResult.Curve curve = row.isNullAt(curveAt) ? null : CurveCodec.decode((byte[]) row.get(curveAt));
        return new TrialResult(trial(row), spec, metrics, curve);
    }

    /** Parameters from their JSON (insertion order kept: the order the grid gave them). */
    static LinkedHashMap<String, String> params(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trial params are not JSON: " + e.getMessage(), e);
        }
    }

    /** The spec's parameters as JSON (insertion order kept). */
    static String json(TrialSpec s) {
        try {
            return JSON.writeValueAsString(s.params());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Constructor<TrialMetrics> canonical() {
        Class<?>[] types = new Class<?>[METRICS.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = METRICS[i].getType();
        }
        try {
            return TrialMetrics.class.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(TrialSpec s) {
        return String.format(Locale.ROOT, "params %s, seed %d, path %s, window [%d, %d)", s.params(), s.seed(),
                s.path() == null ? "-" : s.path().label(), s.fromMs(), s.toMs());
    }
}
