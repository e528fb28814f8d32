package io.hypertrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hypertrader.analytics.Formula;
import io.hypertrader.core.CandleSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {
    private static ReportData data;
    /** One report written once for the read-only checks (3000 real hourly bars, the fixture). */
    private static Path index;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildRun() throws IOException {
        CandleSeries btc = SyntheticRun.btcHourly(Integer.MAX_VALUE);
        data = SyntheticRun.build(btc, 42);
        index = ReportWriter.DEFAULT.write(data, shared.resolve("run-42"));
    }

    @Test
    void writesEveryFileAndTheChartsAreRealImages() throws IOException {
        Path dir = index.getParent();
        assertThat(index).isRegularFile();
        for (String f : List.of("metrics.json", "trades.csv", "equity.csv", "cycles.csv", "candles.png",
                "candles-detail.png", "equity.png", "equity-log.png", "drawdown.png", "rolling-sharpe.png",
                "rolling-volatility.png", "returns-distribution.png", "exposure.png", "slippage.png", "latency.png",
                "capture.png")) {
            assertThat(dir.resolve(f)).as(f).isRegularFile();
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path png : s.filter(p -> p.toString().endsWith(".png")).toList()) {
                BufferedImage img = ImageIO.read(png.toFile());
                assertThat(img.getWidth()).as(png.toString()).isEqualTo(ChartStyle.WIDTH);
                assertThat(img.getHeight()).isEqualTo(ChartStyle.HEIGHT);
                assertThat(distinctColours(img)).as("%s is not blank", png).isGreaterThan(20);
            }
        }
    }

    @Test
    void htmlShowsMetricsManifestRejectionsAndFormulasAndReferencesOnlyFilesThatExist() throws IOException {
        String html = Files.readString(index);
        assertThat(html).contains("Sharpe ratio (annualised)", "Max drawdown", "Probabilistic Sharpe",
                "Deflated Sharpe", "Mean cycle capture", "Buy and hold return");
        assertThat(html).contains("config hash", "sha256:0123456789abcdef", "<pre>strategy:\n  name: fib-hedge");
        assertThat(html).contains("volume cap: 10% of the bar's volume reached", "min notional: order value");
        assertThat(html).contains("partially filled", "rejected");
        for (Formula f : Formula.values()) {
            assertThat(html).contains(esc(f.text()));
        }
        for (String w : data.metrics().warnings()) {
            assertThat(html).contains(esc(w));
        }
        // Self-contained: no http(s) resource, every referenced file beside the page.
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:");
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(html);
        int refs = 0;
        while (m.find()) {
            assertThat(index.getParent().resolve(m.group(1))).as(m.group(1)).isRegularFile();
            refs++;
        }
        assertThat(refs).isGreaterThanOrEqualTo(12);
    }

    @Test
    void metricsJsonCarriesTheFiguresWithNullForUndefined() throws IOException {
        Path dir = index.getParent();
        JsonNode root = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertThat(root.get("run_id").asText()).isEqualTo("synthetic-42");
        assertThat(root.at("/manifest/seed").asText()).isEqualTo("42");
        assertThat(root.at("/metrics/returns/sharpe").asDouble()).isEqualTo(data.metrics().returns().sharpe());
        assertThat(root.at("/metrics/drawdown/maxDrawdown").asDouble()).isEqualTo(data.metrics().drawdown().maxDrawdown());
        assertThat(root.at("/metrics/significance/sharpeInterval/lower").asDouble())
                .isEqualTo(data.metrics().significance().sharpeInterval().lower());
        assertThat(root.at("/metrics/capture/cycles").size()).isEqualTo(data.cycles().size());
        // The still-open last cycle's fields exist; an undefined number is null, never "NaN".
        assertThat(Files.readString(dir.resolve("metrics.json"))).doesNotContain("NaN", "Infinity");
    }

    @Test
    void csvFilesHaveOneRowPerItemInPlainDecimals() throws IOException {
        Path dir = index.getParent();
        List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
        assertThat(trades).hasSize(data.fills().size() + 1);
        assertThat(trades.get(0)).startsWith("time_ms,time_utc,order_id,side,price,quantity");
        List<String> equity = Files.readAllLines(dir.resolve("equity.csv"));
        assertThat(equity).hasSize(data.curves().time().length + 1);
        String first = equity.get(1);
        assertThat(first).startsWith(data.curves().time()[0] + ",2017-11-13T01:00:00Z,10000,10000,0,0,");
        assertThat(String.join("\n", equity)).doesNotContain("E-", "E+", "NaN");
        assertThat(Files.readAllLines(dir.resolve("cycles.csv"))).hasSize(data.cycles().size() + 1);
    }

    @Test
    void sameDataSameBytes() throws IOException {
        Path a = index.getParent();
        Path b = ReportWriter.DEFAULT.write(SyntheticRun.build(data.candles(), 42), tmp.resolve("b")).getParent();
        for (String f : List.of("index.html", "metrics.json", "trades.csv", "equity.csv", "cycles.csv",
                "equity.png", "equity-log.png", "candles.png", "capture.png", "rolling-sharpe.png",
                "returns-distribution.png")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
    }

    @Test
    void theNewSectionsAreThereInPageOrderAndTheLongTablesArePaged() throws IOException {
        String html = Files.readString(index);
        List<String> ids = List.of("path-interval", "warnings", "headline", "charts", "monthly-returns", "yearly-returns",
                "tail-risk", "worst-drawdowns", "per-coin", "exit-reasons", "trades", "metrics", "orders", "manifest",
                "formulas");
        int at = -1;
        for (String id : ids) {
            int i = html.indexOf("id=\"" + id + "\"");
            assertThat(i).as(id).isGreaterThan(at);
            at = i;
        }
        // 227 cycles in pages of 50: five collapsible pages, the first open
        assertThat(html).contains("<details open><summary>rows 1–50 of " + data.analysis().trades().rowCount());
        assertThat(html).contains("Equity scale:", "equity-log.png", "Worst 5 drawdowns", "VaR 95 %", "CVaR 95 %", "MAE", "MFE");
        // market data: no synthetic banner
        assertThat(html).doesNotContain("SYNTHETIC DATA");
        // the fixture's path interval disagrees (1.6x): the first screen says so and names --detail
        assertThat(html).contains("class=\"pathbox disagree\"", "The intrabar path decides this result", "--detail INTERVAL");
    }

    @Test
    void syntheticCandlesGetTheBannerAndUserTextIsEscaped() throws IOException {
        ReportData syn = SyntheticRun.build(data.candles(), 42, "synthetic");
        java.util.LinkedHashMap<String, String> manifest = new java.util.LinkedHashMap<>(syn.manifestView());
        manifest.put("config name", "<script>alert('x')</script> & \"quotes\"");
        ReportData evil = new ReportData(syn.runId(), "title <img src=x onerror=alert(1)>", manifest, syn.candles(),
                syn.curves(), syn.fills(), syn.orders(), syn.cycles(), syn.metrics(), syn.analysis(), syn.pathInterval(),
                syn.dataSources());
        String html = Files.readString(ReportWriter.DEFAULT.write(evil, tmp.resolve("evil")));
        assertThat(html).contains("<section class=\"banner\" id=\"synthetic\"><strong>SYNTHETIC DATA</strong>",
                "The candles of BTC are synthetic");
        assertThat(html.indexOf("id=\"synthetic\"")).isLessThan(html.indexOf("id=\"path-interval\""));
        assertThat(html).doesNotContain("<script>alert", "<img src=x");
        assertThat(html).contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\"",
                "title &lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void rewritingReplacesTheFolderWholeAndLeavesNoTemporaryFolders() throws IOException {
        Path dir = tmp.resolve("reports").resolve("run-42");
        ReportWriter.DEFAULT.write(data, dir);
        Files.writeString(dir.resolve("stale.txt"), "from an older report");
        ReportWriter.DEFAULT.write(data, dir);
        assertThat(dir.resolve("stale.txt")).doesNotExist();
        assertThat(dir.resolve("index.html")).isRegularFile();
        try (Stream<Path> s = Files.list(dir.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("run-42");
        }
    }

    /** HTML text escaping as jte writes it (for comparing with the page). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }
}
