package io.hypertrader.cli;

import io.hypertrader.live.store.LiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's headless {@code chromium} driven through its
 * {@code chromedriver} (Selenium, pointed at both, so nothing is downloaded). The pages render with
 * the stage badges right and the hostile config name as text (no alert opens), figures move without
 * a reload, and the emergency stop asks first (dismissed: nothing happens), then, accepted, leaves
 * the local exchange flat. Skipped only outside CI when chromium or chromedriver is missing; in CI
 * (CI=true) a missing browser fails.
 */
class ServeBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;
    ServeRig rig;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail("CI needs chromium and chromium-driver (.ci/run installs them)");
        }
        assumeTrue(present, "no chromium/chromedriver (apt-get install -y chromium chromium-driver); skipping the dashboard's browser test");
        rig = new ServeRig(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + dir.resolve("profile"));
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void pagesRenderBadgesAreRightAndTheEmergencyStopConfirmsThenFlattens() throws Exception {
        browser.get(rig.url);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deployments")));
        assertThat(browser.getCurrentUrl()).as("the token left the address bar").doesNotContain("token=");
        assertThat(browser.findElement(By.cssSelector("header.top")).getText()).contains("EMERGENCY STOP ALL");

        // each deployment's badge names its stage and wears its colour
        Map<String, String> stages = Map.of(rig.paper, "paper", rig.testnet, "testnet", rig.mainnet, "mainnet");
        for (var e : stages.entrySet()) {
            WebElement badge = browser.findElement(By.cssSelector("tr[data-deployment='" + e.getKey() + "'] .badge"));
            assertThat(badge.getAttribute("data-stage")).isEqualTo(e.getValue());
            assertThat(badge.getText()).isEqualToIgnoringCase(e.getValue());
            assertThat(badge.getAttribute("class")).contains("stage-" + e.getValue());
        }
        String paperColour = badgeColour(rig.paper), testnetColour = badgeColour(rig.testnet), mainnetColour = badgeColour(rig.mainnet);
        assertThat(List.of(paperColour, testnetColour, mainnetColour)).doesNotHaveDuplicates();
        assertThat(mainnetColour).as("mainnet is red").isEqualTo("rgba(192, 57, 43, 1)");

        // the hostile config name is text: visible as typed, and no script ran (no alert is open)
        WebElement config = browser.findElement(By.cssSelector("tr[data-deployment='" + rig.testnet + "'] .config"));
        assertThat(config.getText()).isEqualTo(ServeRig.HOSTILE_NAME);
        assertThat(ExpectedConditions.alertIsPresent().apply(browser)).isNull();

        // the whole page as chromium's own --screenshot takes it (docs/serve-dashboard.png is one): the red button is there
        Path shot = Path.of("target", "serve-browser", "dashboard.png");
        Files.createDirectories(shot.getParent());
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile-shot"), "--window-size=1400,520",
                "--screenshot=" + shot.toAbsolutePath(), rig.url).redirectErrorStream(true).redirectOutput(dir.resolve("shot.log").toFile())
                .start();
        assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as("chromium --screenshot finished").isTrue();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(shot.toFile());
        assertThat(img).as("screenshot written: %s", Files.readString(dir.resolve("shot.log"))).isNotNull();
        int red = 0;
        for (int y = 0; y < 80; y++) {
            for (int x = img.getWidth() / 2; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xff) == 0xc0 && ((rgb >> 8) & 0xff) == 0x39 && (rgb & 0xff) == 0x2b) {
                    red++;
                }
            }
        }
        assertThat(red).as("the emergency button's red in the top right of the page").isGreaterThan(1000);

        // figures move without a reload: a status written to the database appears in the open page
        rig.store().setStatus(rig.paper, "running", null, null);
        wait.until(d -> d.findElement(By.cssSelector("tr[data-deployment='" + rig.paper + "'] .status")).getText().equals("running"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-refreshes")).isNotNull();

        // one deployment's page: the equity chart, the fill with its exchange id, the journal, the risk event
        browser.findElement(By.linkText(rig.testnet)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("journal")));
        assertThat(browser.findElements(By.cssSelector("svg#equity polyline"))).hasSize(1);
        assertThat(browser.findElement(By.id("fills")).getText()).contains("4242", "+3.3");
        assertThat(browser.findElement(By.id("risk")).getText()).contains("reason with <b>markup</b>");
        screenshot("deployment.png");

        // the other pages render too
        for (var page : Map.of("/runs", "Backtest runs", "/studies", "Sweeps and studies", "/promote", "Promote a config").entrySet()) {
            browser.get(rig.base() + page.getKey());
            assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1"))).getText()).isEqualTo(page.getValue());
        }
        browser.get(rig.base() + "/deployments/" + rig.testnet);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("journal")));
        // the strict policy blocked nothing of the dashboard's own (a violation is logged as an error)
        List<String> errors = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()).map(Object::toString).toList();
        assertThat(errors).as("browser console warnings and errors").isEmpty();

        // the emergency stop asks; dismissed, nothing is stopped
        browser.findElement(By.id("emergency-stop")).click();
        Alert alert = wait.until(ExpectedConditions.alertIsPresent());
        assertThat(alert.getText()).contains("EMERGENCY STOP", "close all their positions");
        alert.dismiss();
        assertThat(browser.findElements(By.id("journal"))).as("still on the deployment's page").hasSize(1);
        assertThat(rig.fake.position(ServeRig.ACCOUNT, "BTC").signum()).isNotZero();
        assertThat(rig.store().deployment(rig.testnet).orElseThrow().stopped()).isFalse();

        // accepted, every deployment stops and the exchange is left flat with no open order
        browser.findElement(By.id("emergency-stop")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        WebElement outcome = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(outcome.getAttribute("data-ok")).as(browser.findElement(By.id("output")).getText()).isEqualTo("yes");
        assertThat(browser.findElement(By.id("output")).getText()).contains(rig.testnet, "positions left: none");
        assertThat(rig.fake.position(ServeRig.ACCOUNT, "BTC")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(rig.fake.orders(ServeRig.ACCOUNT).stream().filter(o -> o.isOpen())).isEmpty();
        LiveStore store = rig.store();
        assertThat(store.deployment(rig.testnet).orElseThrow().stopped()).isTrue();
        assertThat(store.deployment(rig.paper).orElseThrow().stopped()).isTrue();

        // and the list shows them stopped, without stop buttons
        browser.get(rig.base() + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("deployments")));
        assertThat(browser.findElement(By.cssSelector("tr[data-deployment='" + rig.testnet + "'] .status")).getText()).isEqualTo("stopped");
        assertThat(browser.findElements(By.cssSelector("tr[data-deployment='" + rig.testnet + "'] form"))).isEmpty();
        screenshot("deployments.png");
    }

    private String badgeColour(String id) {
        return browser.findElement(By.cssSelector("tr[data-deployment='" + id + "'] .badge")).getCssValue("color");
    }

    /** Kept in target/ for a look at what the browser saw. */
    private void screenshot(String name) throws Exception {
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Path out = Path.of("target", "serve-browser");
        Files.createDirectories(out);
        Files.copy(shot.toPath(), out.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
