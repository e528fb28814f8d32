package io.hypertrader.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.RunAnalysis;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.json: run id, manifest, every {@link io.hypertrader.analytics.Metrics} figure (fields in
 * declaration order), the candles' sources, the path interval and the analysis tables (calendar
 * returns, tail risk, worst drawdowns, exit reasons, per coin); undefined (NaN or infinite) numbers
 * as null, "\n" line ends.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = mapper();

    private MetricsJson() {
    }

    private static ObjectMapper mapper() {
        SimpleModule finite = new SimpleModule("finite-doubles");
        JsonSerializer<Double> d = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        };
        finite.addSerializer(Double.class, d);
        finite.addSerializer(double.class, d);
        return new ObjectMapper().registerModule(finite);
    }

    static String write(ReportData data) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", data.runId());
        root.put("title", data.title());
        root.put("manifest", data.manifestView());
        root.put("metrics", data.metrics());
        root.put("data_sources", data.dataSources());
        root.put("path_interval", pathInterval(data.pathInterval()));
        root.put("analysis", analysis(data.analysis()));
        return json(root);
    }

    /** Pretty JSON with "\n" line ends and a final newline. */
    static String json(Object root) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics.json could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * The path interval as JSON-ready maps: {@code main} (the run's mode), {@code modes} (per mode:
     * {@code mode, final_equity, total_return, max_drawdown, event_log_sha256}), {@code min} and
     * {@code max} (of final equity, return and max drawdown), {@code ratio} (max / min final
     * equity), {@code disagrees} and {@code warning}. Null for null.
     */
    public static Map<String, Object> pathInterval(PathInterval pi) {
        if (pi == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("main", pi.mainMode());
        List<Map<String, Object>> modes = new ArrayList<>();
        for (PathInterval.Outcome o : pi.outcomes()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mode", o.mode());
            x.put("final_equity", o.finalEquity());
            x.put("total_return", o.totalReturn());
            x.put("max_drawdown", o.maxDrawdown());
            x.put("event_log_sha256", o.eventLogSha256());
            modes.add(x);
        }
        m.put("modes", modes);
        m.put("min", Map.of("final_equity", pi.minFinalEquity(), "total_return", pi.minReturn(),
                "max_drawdown", pi.minDrawdown()));
        m.put("max", Map.of("final_equity", pi.maxFinalEquity(), "total_return", pi.maxReturn(),
                "max_drawdown", pi.maxDrawdown()));
        m.put("ratio", pi.ratio());
        m.put("disagrees", pi.disagrees());
        m.put("warning", pi.warning());
        return sorted(m);
    }

    /** Map.of has no order: the min/max objects get their keys in a fixed order. */
    private static Map<String, Object> sorted(Map<String, Object> m) {
        for (String k : List.of("min", "max")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) m.get(k);
            Map<String, Object> o = new LinkedHashMap<>();
            for (String f : List.of("final_equity", "total_return", "max_drawdown")) {
                o.put(f, v.get(f));
            }
            m.put(k, o);
        }
        return m;
    }

    private static Map<String, Object> analysis(RunAnalysis a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("monthly_returns", rows(a.monthly()));
        m.put("yearly_returns", rows(a.yearly()));
        Map<String, Object> tails = new LinkedHashMap<>();
        tails.put("bar_95", a.tails().bar95());
        tails.put("bar_99", a.tails().bar99());
        tails.put("day_95", a.tails().day95());
        tails.put("day_99", a.tails().day99());
        m.put("tail_risk", tails);
        m.put("rolling_window_bars", a.rolling().window());
        m.put("worst_drawdowns", a.worstDrawdowns());
        m.put("exit_reasons", rows(a.exitReasons()));
        m.put("per_coin", rows(a.perCoin()));
        return m;
    }

    /** A Tablesaw table as a list of row objects, columns in table order. */
    static List<Map<String, Object>> rows(Table t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column<?> c : t.columns()) {
                row.put(c.name(), c.get(i));
            }
            out.add(row);
        }
        return out;
    }
}
