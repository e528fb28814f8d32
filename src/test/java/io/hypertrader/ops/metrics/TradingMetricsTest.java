package io.hypertrader.ops.metrics;

import io.hypertrader.risk.RiskEvent;
import io.hypertrader.risk.RiskRule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TradingMetricsTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** One of everything, as a runner would record it. */
    static TradingMetrics exercised(PrometheusMeterRegistry registry, AtomicLong clock, String deployment) {
        TradingMetrics m = new TradingMetrics(registry, deployment, "testnet", clock::get);
        for (int i = 0; i < 4; i++) {
            m.orderSent();
        }
        m.orderAccepted();
        m.orderAccepted();
        m.orderRejected("RISK");
        m.orderRejected("min_notional");
        m.fill(1_250.5, true);
        m.fill(-749.5, false);
        m.apiLatency("info", 80_000_000L);
        m.apiLatency("exchange", 300_000_000L);
        m.apiLatency("exchange", 700_000_000L);
        m.socketConnected("market");
        clock.addAndGet(30_000);
        m.socketDisconnected("market");
        clock.addAndGet(5_000);
        m.socketConnected("market");
        clock.addAndGet(10_000);
        m.equity(10_432.25);
        m.exposure(2_000);
        m.riskEvent(new RiskEvent(0, RiskRule.DAILY_LOSS, "*", RiskEvent.Action.HALTED, "x"));
        m.riskEvent(new RiskEvent(0, RiskRule.LEVERAGE, "BTC", RiskEvent.Action.REFUSED, "x"));
        m.riskEvent(new RiskEvent(0, RiskRule.LEVERAGE, "ETH", RiskEvent.Action.REFUSED, "x"));
        return m;
    }

    private static String line(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix
                + " in:\n" + scrape));
    }

    @Test
    void everyRecordingShowsInThePrometheusScrapeWithDeploymentAndStageTags() {
        exercised(registry, clock, "testnet-abcdef01-1");
        String s = registry.scrape();
        String d = "deployment=\"testnet-abcdef01-1\"";
        String st = "stage=\"testnet\"";
        String t = d + "," + st;
        // Prometheus labels come sorted by name.
        assertThat(line(s, "hypertrader_orders_sent_total{")).isEqualTo("hypertrader_orders_sent_total{" + t + "} 4.0");
        assertThat(line(s, "hypertrader_orders_accepted_total{")).endsWith(" 2.0");
        assertThat(s).contains("hypertrader_orders_rejected_total{" + d + ",reason=\"RISK\"," + st + "} 1.0",
                "hypertrader_orders_rejected_total{" + d + ",reason=\"MIN_NOTIONAL\"," + st + "} 1.0",
                "hypertrader_fills_total{" + d + ",liquidity=\"maker\"," + st + "} 1.0",
                "hypertrader_fills_total{" + d + ",liquidity=\"taker\"," + st + "} 1.0",
                "hypertrader_fill_notional_usd_total{" + t + "} 2000.0",
                "hypertrader_equity_usd{" + t + "} 10432.25",
                "hypertrader_exposure_usd{" + t + "} 2000.0",
                "hypertrader_risk_events_total{action=\"REFUSED\"," + d + ",rule=\"LEVERAGE\"," + st + "} 2.0",
                "hypertrader_risk_events_total{action=\"HALTED\"," + d + ",rule=\"DAILY_LOSS\"," + st + "} 1.0",
                "hypertrader_websocket_connected{" + d + ",socket=\"market\"," + st + "} 1.0",
                "hypertrader_websocket_connected_seconds_total{" + d + ",socket=\"market\"," + st + "} 40.0",
                "hypertrader_websocket_reconnects_total{" + d + ",socket=\"market\"," + st + "} 1.0");
        // The histogram: 300 ms falls in le=0.5, 700 ms in le=1.0.
        assertThat(s).contains("hypertrader_api_latency_seconds_bucket{" + d + ",endpoint=\"exchange\"," + st + ",le=\"0.5\"} 1",
                "hypertrader_api_latency_seconds_bucket{" + d + ",endpoint=\"exchange\"," + st + ",le=\"1.0\"} 2",
                "hypertrader_api_latency_seconds_count{" + d + ",endpoint=\"exchange\"," + st + "} 2");
    }

    @Test
    void connectedSecondsGrowWhileConnectedAndStopWhileDown() {
        TradingMetrics m = new TradingMetrics(registry, "paper-1", "paper", clock::get);
        m.socketConnected("user");
        clock.addAndGet(12_000);
        assertThat(registry.scrape()).contains("socket=\"user\",stage=\"paper\"} 12.0");
        m.socketDisconnected("user");
        clock.addAndGet(60_000);
        String tags = "{deployment=\"paper-1\",socket=\"user\",stage=\"paper\"}";
        assertThat(registry.scrape()).contains("hypertrader_websocket_connected_seconds_total" + tags + " 12.0",
                "hypertrader_websocket_connected" + tags + " 0.0", "hypertrader_websocket_reconnects_total" + tags + " 0.0");
    }

    @Test
    void closingADeploymentsMetricsRemovesOnlyItsSeries() {
        TradingMetrics a = exercised(registry, clock, "paper-a-1");
        exercised(registry, clock, "paper-b-1");
        a.close();
        String s = registry.scrape();
        assertThat(s).doesNotContain("paper-a-1").contains("deployment=\"paper-b-1\"");
    }

    @Test
    void theEndpointServesTheScrapeOnLoopbackAndNothingElse() throws Exception {
        exercised(registry, clock, "testnet-abcdef01-1");
        HttpClient http = HttpClient.newHttpClient();
        try (MetricsEndpoint ep = MetricsEndpoint.start(registry, 0)) {
            assertThat(ep.port()).isPositive();
            assertThat(ep.url()).isEqualTo(URI.create("http://127.0.0.1:" + ep.port() + "/metrics"));
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(ep.url()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(ok.body()).contains("hypertrader_orders_sent_total{deployment=\"testnet-abcdef01-1\",stage=\"testnet\"} 4.0");

            HttpResponse<String> other = http.send(HttpRequest.newBuilder(ep.url().resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(ep.url()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        try (MetricsEndpoint first = MetricsEndpoint.start(registry, 0)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricsEndpoint.start(registry, first.port()))
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + first.port());
        }
    }
}
