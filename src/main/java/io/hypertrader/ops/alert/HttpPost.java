package io.hypertrader.ops.alert;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;

/**
 * One JSON POST for the HTTP channels, its outcome classified: 2xx delivered; 429, 5xx and
 * network errors retryable (with the server's Retry-After); other statuses final. The URL is
 * never put in a message (webhook URLs and Telegram paths embed tokens): {@code where} is.
 */
final class HttpPost {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient http;

    HttpPost(Duration timeout) {
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2)).retryOnConnectionFailure(false).followRedirects(false).build();
    }

    /** Response body text of a 2xx, or throws. */
    String post(String url, String bearerToken, String json, String where) throws DeliveryException {
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(json, JSON))
                .header("User-Agent", "hypertrader-alerts");
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        try (Response r = http.newCall(b.build()).execute()) {
            String body = r.body().string();
            if (r.isSuccessful()) {
                return body;
            }
            int code = r.code();
            boolean retry = code == 429 || code == 408 || code >= 500;
            long after = retryAfterMs(r.header("Retry-After"));
            throw new DeliveryException(where + " answered HTTP " + code + snippet(body), retry, after, null);
        } catch (IOException e) {
            throw new DeliveryException(where + " unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true, e);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(where + ": bad URL", false, e);
        }
    }

    private static long retryAfterMs(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            return 0; // an HTTP date: our own backoff applies
        }
    }

    static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String one = body.replaceAll("\\s+", " ").trim();
        return ": " + (one.length() > 200 ? one.substring(0, 200) + "..." : one);
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
