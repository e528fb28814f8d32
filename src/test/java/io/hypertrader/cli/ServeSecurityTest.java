package io.hypertrader.cli;

import okhttp3.FormBody;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hypertrader serve} over HTTP (OkHttp, no browser): the SERVING line, the session token
 * (401 without it), the cookie it becomes, the CSRF token (403 without it, and nothing stopped),
 * the Content-Security-Policy, hostile config names shown as text, no key in any page, /metrics.
 */
class ServeSecurityTest {

    @TempDir
    static Path dir;
    static ServeRig rig;
    static ServeHttp http;

    @BeforeAll
    static void start() throws Exception {
        rig = new ServeRig(dir);
        http = new ServeHttp(rig);
    }

    @AfterAll
    static void stop() throws Exception {
        rig.close();
    }

    static ServeHttp.Answer send(Request r) throws IOException {
        return http.send(r);
    }

    static ServeHttp.Answer get(String path, String cookie) throws IOException {
        return http.get(path, cookie);
    }

    static String login() throws IOException {
        return http.login();
    }

    static String csrf(String page) {
        return ServeHttp.csrf(page);
    }

    @Test
    void printsOneServingLineBoundToLoopback() {
        assertThat(rig.out().lines().filter(l -> l.startsWith("SERVING ")).toList()).containsExactly(rig.servingLine);
        assertThat(rig.port).isPositive();
    }

    @Test
    void everyRequestWithoutTheTokenIs401() throws IOException {
        for (String path : List.of("/", "/deployments/" + rig.testnet, "/runs", "/studies", "/promote", "/metrics",
                "/static/dashboard.js", "/?token=wrong", "/?token=" + rig.token.substring(1) + "0")) {
            assertThat(get(path, null).code()).as(path).isEqualTo(401);
        }
        assertThat(get("/", "hypertrader_session=" + "0".repeat(64)).code()).isEqualTo(401);
        Request post = new Request.Builder().url(rig.base() + "/emergency-stop")
                .post(new FormBody.Builder().add("confirmed", "yes").build()).build();
        assertThat(send(post).code()).isEqualTo(401);
        assertThat(rig.store().deployment(rig.testnet).orElseThrow().stopped()).isFalse();
    }

    @Test
    void theTokenBecomesACookieAndPagesCarryAStrictPolicy() throws IOException {
        String cookie = login();
        ServeHttp.Answer a = get("/", cookie);
        assertThat(a.code()).isEqualTo(200);
        String csp = a.headers().get("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(a.headers().get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(a.body()).doesNotContain("<script>a", " style=\"", "onclick", "onsubmit");
        assertThat(a.body()).contains(rig.paper, rig.testnet, rig.mainnet, "EMERGENCY STOP ALL");
        // a scraper may send the token as a bearer token instead
        ServeHttp.Answer m = send(new Request.Builder().url(rig.base() + "/metrics").header("Authorization", "Bearer " + rig.token).build());
        assertThat(m.code()).isEqualTo(200);
        assertThat(m.body()).contains("jvm_memory_used_bytes", "hypertrader_equity_usd{deployment=\"" + rig.testnet + "\"",
                "hypertrader_exposure_usd{deployment=\"" + rig.testnet + "\"");
    }

    @Test
    void aPostWithoutTheCsrfTokenIs403AndStopsNothing() throws IOException {
        String cookie = login();
        String page = get("/", cookie).body();
        String csrf = csrf(page);
        for (FormBody body : List.of(new FormBody.Builder().add("confirmed", "yes").add("flatten", "yes").build(),
                new FormBody.Builder().add("confirmed", "yes").add("flatten", "yes").add("csrf", "0".repeat(64)).build())) {
            for (String path : List.of("/deployments/" + rig.testnet + "/stop", "/emergency-stop", "/promote")) {
                ServeHttp.Answer a = send(new Request.Builder().url(rig.base() + path).header("Cookie", cookie).post(body).build());
                assertThat(a.code()).as(path).isEqualTo(403);
            }
        }
        assertThat(rig.store().deployment(rig.testnet).orElseThrow().stopped()).isFalse();
        assertThat(rig.fake.position(ServeRig.ACCOUNT, "BTC").signum()).isNotZero();
        // with the token, the same POST reaches the action: here a confirmation page, since it was not confirmed
        ServeHttp.Answer a = send(new Request.Builder().url(rig.base() + "/emergency-stop").header("Cookie", cookie)
                .post(new FormBody.Builder().add("csrf", csrf).build()).build());
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.body()).contains("EMERGENCY STOP: stop every deployment", "name=\"confirmed\" value=\"yes\"");
        assertThat(rig.store().deployment(rig.testnet).orElseThrow().stopped()).isFalse();
    }

    @Test
    void userTextIsEscapedAndNoKeyIsRendered() throws IOException {
        String cookie = login();
        String list = get("/", cookie).body();
        assertThat(list).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(ServeRig.HOSTILE_NAME);
        String one = get("/deployments/" + rig.testnet, cookie).body();
        assertThat(one).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "reason with &lt;b&gt;markup&lt;/b&gt;")
                .doesNotContain(ServeRig.HOSTILE_NAME, "<b>markup</b>");
        // the fill with its slippage against the decision price, its exchange id linked to the testnet explorer
        assertThat(one).contains("+3.3", "https://app.hyperliquid-testnet.xyz/explorer/address/" + ServeRig.ACCOUNT, ">4242<");
        String missing = get("/deployments/%3Cscript%3Ealert(1)%3C%2Fscript%3E", cookie).body();
        assertThat(missing).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(ServeRig.HOSTILE_NAME);
        String key = ServeRig.KEY_HEX.substring(2).toLowerCase(Locale.ROOT);
        for (String path : List.of("/", "/deployments/" + rig.testnet, "/deployments/" + rig.mainnet, "/runs", "/studies",
                "/promote", "/metrics")) {
            assertThat(get(path, cookie).body().toLowerCase(Locale.ROOT)).as(path).doesNotContain(key);
        }
        assertThat(rig.out() + rig.err()).doesNotContain(key);
    }

    @Test
    void reportsAreServedSandboxedAndNothingOutsideThem() throws IOException {
        String cookie = login();
        Path report = dir.resolve("reports").resolve("run-1");
        Files.createDirectories(report);
        Files.writeString(report.resolve("index.html"), "<html><body>report</body></html>");
        ServeHttp.Answer a = get("/reports/run-1/index.html", cookie);
        assertThat(a.code()).isEqualTo(200);
        assertThat(a.headers().get("Content-Security-Policy")).contains("sandbox", "default-src 'none'");
        assertThat(get("/reports/../t.duckdb", cookie).code()).isEqualTo(404);
        assertThat(get("/reports/%2e%2e/t.duckdb", cookie).code()).isEqualTo(404);
    }
}
