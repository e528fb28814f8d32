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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * metrics.json: run id, manifest and every {@link io.hypertrader.analytics.Metrics} figure, fields in
 * declaration order, undefined (NaN or infinite) numbers as null, "\n" line ends.
 */
final class MetricsJson {
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
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(pp).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metrics.json could not be written: " + e.getMessage(), e);
        }
    }
}
