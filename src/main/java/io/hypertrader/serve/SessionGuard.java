package io.hypertrader.serve;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The dashboard's gate. The session token (printed once, in the {@code SERVING} line) must come
 * with every request: as {@code ?token=} on the first one (answered with an HttpOnly, SameSite=Strict
 * cookie and a redirect to the same page without the token, so it leaves the address bar and the
 * history), then as that cookie; a scraper may send it as {@code Authorization: Bearer}. Without it:
 * 401. Every POST must also carry the CSRF token the pages embed in their forms (field {@code csrf}):
 * without it, 403. Every answer carries a strict Content-Security-Policy (scripts, styles and images
 * from this server only, no inline script or style, no framing, forms post only here).
 */
public final class SessionGuard {

    static final String COOKIE = "hypertrader_session";
    static final String CSRF_FIELD = "csrf";

    /** The dashboard's own pages: nothing inline, nothing from elsewhere. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /**
     * The report pages it links (written by {@code backtest}, with their own inline style): sandboxed,
     * no script runs, images from here only.
     */
    static final String REPORT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'none'; sandbox";

    private final String token;
    private final String csrf;

    SessionGuard(String token, String csrf) {
        this.token = token;
        this.csrf = csrf;
    }

    /** Fresh tokens, 256 random bits each. */
    public static SessionGuard random() {
        SecureRandom r = new SecureRandom();
        return new SessionGuard(hex(r, 32), hex(r, 32));
    }

    private static String hex(SecureRandom r, int bytes) {
        byte[] b = new byte[bytes];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public String token() {
        return token;
    }

    String csrf() {
        return csrf;
    }

    /**
     * Runs before every handler: headers, then the token, then (POST) the CSRF token. Answers and
     * ends the request itself when it refuses or redirects.
     */
    void check(Context ctx) {
        ctx.header("Content-Security-Policy", ctx.path().startsWith("/reports/") ? REPORT_CSP : CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        String fromQuery = ctx.queryParam("token");
        if (fromQuery != null && same(fromQuery, token) && ctx.method() == HandlerType.GET) {
            ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            ctx.redirect(ctx.path(), io.javalin.http.HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (!same(ctx.cookie(COOKIE), token) && !same(bearer(ctx.header("Authorization")), token)) {
            refuse(ctx, 401, "401 unauthorized: open the address hypertrader serve printed (with its ?token=)\n");
            return;
        }
        if (ctx.method() == HandlerType.POST && !same(ctx.formParam(CSRF_FIELD), csrf)) {
            refuse(ctx, 403, "403 forbidden: this form did not come from the dashboard (missing or wrong CSRF token); reload the page\n");
        }
    }

    private static void refuse(Context ctx, int status, String text) {
        ctx.status(status).contentType("text/plain; charset=utf-8").result(text);
        ctx.skipRemainingHandlers();
    }

    private static String bearer(String header) {
        return header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
    }

    /** Constant-time comparison (the time an answer takes says nothing of how much of a guess was right). */
    static boolean same(String given, String expected) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
