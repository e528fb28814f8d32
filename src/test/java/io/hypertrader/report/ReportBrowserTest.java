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
        ReportData data = SyntheticRun.build(SyntheticRun.btcHourly(Integer.MAX_VALUE), 42);
        Path index = ReportWriter.DEFAULT.write(data, tmp.resolve("report"));
        int images = countMatches(Files.readString(index), "<img ");
        assertThat(images).isEqualTo(8);

        String dom = run(browser, "--virtual-time-budget=10000", "--dump-dom", index.toUri().toString());
        assertThat(dom).contains("<body data-images=\"" + images + "/" + images + "\"");
        assertThat(countMatches(dom, "data-loaded=\"yes\"")).isEqualTo(images);
        assertThat(dom).doesNotContain("data-loaded=\"no\"");
        assertThat(dom).contains("Sharpe ratio (annualised)", "Appendix: formulas and conventions");

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
