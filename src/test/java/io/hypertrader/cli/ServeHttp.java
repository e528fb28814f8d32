package io.hypertrader.cli;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP client of one running dashboard (no redirects followed, so each answer is seen as sent). */
final class ServeHttp {

    record Answer(int code, String body, okhttp3.Headers headers) {
    }

    private static final OkHttpClient HTTP = new OkHttpClient.Builder().followRedirects(false).build();
    private final ServeRig rig;

    ServeHttp(ServeRig rig) {
        this.rig = rig;
    }

    Answer send(Request r) throws IOException {
        try (Response resp = HTTP.newCall(r).execute()) {
            return new Answer(resp.code(), resp.body().string(), resp.headers());
        }
    }

    Answer get(String path, String cookie) throws IOException {
        Request.Builder b = new Request.Builder().url(rig.base() + path);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return send(b.build());
    }

    /** The session cookie, as a browser gets it from the printed address. */
    String login() throws IOException {
        Answer a = get("/?token=" + rig.token, null);
        assertThat(a.code()).isEqualTo(303);
        String set = a.headers().get("Set-Cookie");
        assertThat(set).contains("HttpOnly", "SameSite=Strict", "Path=/");
        assertThat(a.headers().get("Location")).as("the token leaves the address bar").isEqualTo("/");
        return set.substring(0, set.indexOf(';'));
    }

    /** The CSRF token a page's forms carry. */
    static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]{64})\"").matcher(page);
        assertThat(m.find()).as("the page embeds the CSRF token in its forms").isTrue();
        return m.group(1);
    }
}
