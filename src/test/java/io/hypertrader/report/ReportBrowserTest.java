package io.hypertrader.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens a written report in headless Chromium (Debian package {@code chromium}) and checks that the
 * page renders with every chart: the page's own script marks each image loaded or broken, and the
 * DOM dump must show all loaded. Skipped, with the reason, only when no Chromium is installed.
 */
class ReportBrowserTest {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");

    @TempDir
    Path tmp;

    @Test
    void reportRendersInHeadlessChromiumWithAllImages() throws Exception {
        Path browser = findBrowser();
        assumeTrue(browser != null, "no chromium on PATH (install it: apt-get install -y chromium); "
                + "skipping the headless browser check of the report");
        ReportData data = SyntheticRun.build(SyntheticRun.btcHourly(Integer.MAX_VALUE), 42, "synthetic");
        Path index = ReportWriter.DEFAULT.write(data, tmp.resolve("report"));
        int images = countMatches(Files.readString(index), "<img ");
        assertThat(images).isEqualTo(12);

        // a laptop-sized first screen: the page's script lists the sections that start on it
        String dom = run(browser, "--window-size=1280,900", "--virtual-time-budget=10000", "--dump-dom",
                index.toUri().toString());
        assertThat(dom).contains("data-images=\"" + images + "/" + images + "\"");
        assertThat(countMatches(dom, "data-loaded=\"yes\"")).isEqualTo(images);
        assertThat(dom).doesNotContain("data-loaded=\"no\"");
        String first = attribute(dom, "data-first-screen");
        assertThat(first.split(" ")).as("sections on the first screen").contains("synthetic", "path-interval");
        assertThat(attribute(dom, "data-overflow")).as("nothing wider than the window").isEqualTo("no");
        // the new sections are there and rendered (the browser's DOM, not just the file)
        assertThat(dom).contains("SYNTHETIC DATA", "The intrabar path decides this result", "--detail INTERVAL",
                "Monthly returns", "Yearly returns", "Return distribution: value at risk", "Worst 5 drawdowns",
                "Per coin", "Exit reasons", "Trades: one per cycle", "MAE", "MFE", "rows 1–50 of",
                "Sharpe ratio (annualised)", "Sharpe ratio of log returns", "Appendix: formulas and conventions");
        for (String png : List.of("equity-log.png", "rolling-sharpe.png", "rolling-volatility.png",
                "returns-distribution.png")) {
            assertThat(dom).containsPattern("<img src=\"" + Pattern.quote(png) + "\"[^>]*data-loaded=\"yes\"");
        }

        // And the pixels: a full-page screenshot shows the charts (many colours), not an empty page.
        Path shot = tmp.resolve("page.png");
        run(browser, "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + shot, index.toUri().toString());
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img).as("screenshot written").isNotNull();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertThat(colours.size()).isGreaterThan(200);
    }

    /** A sweep page with many parameters: its top table scrolls in its own box, the page does not overflow. */
    @Test
    void wideStudyTablesStayInsideThePage() throws Exception {
        Path browser = findBrowser();
        assumeTrue(browser != null, "no chromium on PATH (install it: apt-get install -y chromium); "
                + "skipping the headless browser check of the study report");
        List<StudyReport.Column> cols = new ArrayList<>(List.of(new StudyReport.Column("#", true)));
        for (String p : List.of("strategy.levels.hedge", "strategy.levels.scale", "strategy.levels.deep",
                "strategy.sizing.leverage", "strategy.sizing.cashReserve", "strategy.longStop.trailPct",
                "strategy.hedgeExit.shortStopPct", "strategy.arm.minGainPct")) {
            cols.add(new StudyReport.Column(p, true));
        }
        for (String c : List.of("mean Sharpe", "mean Sharpe (log)", "deflated Sharpe", "PSR", "mean return",
                "mean max DD", "worst max DD", "round trips", "pooled capture")) {
            cols.add(new StudyReport.Column(c, true));
        }
        List<List<StudyReport.Cell>> rows = new ArrayList<>();
        for (int r = 0; r < 20; r++) {
            List<StudyReport.Cell> row = new ArrayList<>();
            for (int c = 0; c < cols.size(); c++) {
                row.add(StudyReport.Cell.of(-12345.678 * (r + 1) / (c + 1), io.hypertrader.analytics.Metrics.Unit.PERCENT));
            }
            rows.add(row);
        }
        StudyReport rep = new StudyReport("wide", "Sweep wide", new java.util.LinkedHashMap<>(java.util.Map.of("seeds", "3")),
                List.of(), List.of(new StudyReport.Table("Top configurations", "", cols, rows)), List.of());
        Path index = StudyReportWriter.DEFAULT.write(rep, tmp.resolve("wide"));
        String dom = run(browser, "--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom",
                index.toUri().toString());
        assertThat(attribute(dom, "data-overflow")).isEqualTo("no");
        assertThat(dom).contains("class=\"scroll\"", "title=\"strategy.hedgeExit.shortStopPct\"", ">hedgeExit.shortStopPct<");
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("the page's script set %s", name).isTrue();
        return m.group(1);
    }

    private String run(Path browser, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("browser.out"), err = tmp.resolve("browser.err");
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + String.join(" ", cmd));
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Path findBrowser() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : BROWSERS) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    private static int countMatches(String text, String literal) {
        Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
