package io.hypertrader.ops.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in Grafana dashboard against what a runner's registry really scrapes: every metric
 * a query names exists, every label it filters or groups by exists on that metric, every
 * TradingMetrics family has a panel, and every panel reads the importable datasource.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("config/grafana/hypertrader.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:hypertrader|jvm|process|system)_[a-z0-9_]+)\\b");
    private static final Pattern SELECTOR = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
    private static final Pattern BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    private static JsonNode dashboard;
    /** metric name -> label names seen on it in the scrape. */
    private static final Map<String, Set<String>> scraped = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        PrometheusMeterRegistry registry = MetricsEndpoint.newRegistry();
        TradingMetricsTest.exercised(registry, new AtomicLong(1_000_000), "testnet-abcdef01-1");
        for (String line : registry.scrape().lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
            // instance and job are not in the text: Prometheus attaches them to every series it scrapes.
            Set<String> labels = scraped.computeIfAbsent(name, k -> new TreeSet<>(Set.of("instance", "job")));
            if (brace >= 0 && brace < space) {
                Matcher m = MATCHER.matcher(line.substring(brace + 1, line.lastIndexOf('}')));
                while (m.find()) {
                    labels.add(m.group(1));
                }
            }
        }
    }

    private static List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add); // collapsed rows keep theirs inside
        }
        return out;
    }

    private static List<String> queries() {
        List<String> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            p.path("targets").forEach(t -> out.add(t.path("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(v -> out.add(v.path("definition").asText()));
        return out;
    }

    @Test
    void everyMetricAQueryNamesIsInTheScrape() {
        Set<String> named = new LinkedHashSet<>();
        for (String q : queries()) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(15);
        assertThat(named).allSatisfy(n -> assertThat(scraped).as("metric %s of the dashboard", n).containsKey(n));
    }

    @Test
    void everyLabelAQueryFiltersOrGroupsByExistsOnItsMetrics() {
        for (String q : queries()) {
            Set<String> metricsOfQuery = new LinkedHashSet<>();
            Matcher sel = SELECTOR.matcher(q);
            while (sel.find()) {
                String metric = sel.group(1);
                metricsOfQuery.add(metric);
                Matcher m = MATCHER.matcher(sel.group(2));
                while (m.find()) {
                    assertThat(scraped.get(metric)).as("labels of %s in: %s", metric, q).contains(m.group(1));
                }
            }
            Matcher by = BY.matcher(q);
            while (by.find()) {
                for (String label : by.group(1).split(",")) {
                    String l = label.trim();
                    assertThat(metricsOfQuery).as("a metric of '%s' has label %s", q, l)
                            .anySatisfy(metric -> assertThat(scraped.get(metric)).contains(l));
                }
            }
        }
    }

    @Test
    void everyTradingMetricHasAPanel() {
        String all = String.join("\n", queries());
        Set<String> families = new TreeSet<>();
        for (String name : scraped.keySet()) {
            if (name.startsWith("hypertrader_")) {
                families.add(name.replaceAll("_(bucket|count|sum|max)$", ""));
            }
        }
        assertThat(families).containsExactlyInAnyOrder("hypertrader_api_latency_seconds", "hypertrader_equity_usd",
                "hypertrader_exposure_usd", "hypertrader_fill_notional_usd_total", "hypertrader_fills_total",
                "hypertrader_orders_accepted_total", "hypertrader_orders_rejected_total", "hypertrader_orders_sent_total",
                "hypertrader_risk_events_total", "hypertrader_websocket_connected", "hypertrader_websocket_connected_seconds_total",
                "hypertrader_websocket_reconnects_total");
        assertThat(families).allSatisfy(f -> assertThat(all).as("a panel reads %s", f).contains(f));
    }

    @Test
    void itImportsIntoAnyGrafanaWithAPrometheusDatasource() {
        assertThat(dashboard.path("uid").asText()).isEqualTo("hypertrader-ops");
        assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
        for (JsonNode p : panels()) {
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(p.path("targets")).as(p.path("title").asText()).isNotEmpty();
        }
        Set<String> vars = new TreeSet<>();
        dashboard.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
        assertThat(vars).containsExactly("deployment", "stage");
        assertThat(queries()).filteredOn(q -> q.contains("hypertrader_") && !q.startsWith("label_values"))
                .allSatisfy(q -> assertThat(q).contains("deployment=~\"$deployment\"", "stage=~\"$stage\""));
        // Panels do not overlap on the grid.
        Set<String> cells = new java.util.HashSet<>();
        for (JsonNode p : panels()) {
            JsonNode g = p.path("gridPos");
            for (int x = g.path("x").asInt(); x < g.path("x").asInt() + g.path("w").asInt(); x++) {
                for (int y = g.path("y").asInt(); y < g.path("y").asInt() + g.path("h").asInt(); y++) {
                    assertThat(cells.add(x + "," + y)).as("cell %d,%d of %s", x, y, p.path("title").asText()).isTrue();
                }
            }
        }
    }
}
