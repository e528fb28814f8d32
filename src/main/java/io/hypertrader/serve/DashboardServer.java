package io.hypertrader.serve;

import io.hypertrader.ops.metrics.TradingMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The dashboard's web server: Javalin (on Jetty) with the routes below, every one behind the
 * {@link SessionGuard}. Pages read the database per request ({@link DashboardData}); actions go to
 * {@link DashboardActions} one at a time (two stops at once would race for the same orders).
 * <pre>
 * GET  /                          deployments
 * GET  /deployments/{id}          one deployment
 * GET  /runs, /studies            backtest runs, sweeps and studies, linking their reports
 * GET  /reports/...               the report folders' files (sandboxed, no script)
 * GET  /promote, POST /promote    promote a config
 * POST /deployments/{id}/stop     stop (flatten=yes: and flatten)
 * POST /deployments/{id}/reconfirm  mainnet re-confirmation (typed address)
 * POST /emergency-stop            stop every deployment and flatten
 * GET  /metrics                   Prometheus text
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final DashboardData data;
    private final DashboardActions actions;
    private final SessionGuard guard;
    private final PrometheusMeterRegistry registry;
    private final LongSupplier clock;
    private final Map<String, TradingMetrics> meters = new HashMap<>();
    private final Object actionLock = new Object();
    private final Javalin app;

    private DashboardServer(DashboardData data, DashboardActions actions, SessionGuard guard, PrometheusMeterRegistry registry,
                            LongSupplier clock) {
        this.data = data;
        this.actions = actions;
        this.guard = guard;
        this.registry = registry;
        this.clock = clock;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.before(guard::check);
            cfg.routes.get("/", this::deployments);
            cfg.routes.get("/deployments/{id}", this::deployment);
            cfg.routes.get("/runs", ctx -> ctx.html(Pages.runs(frame("Backtest runs", "runs"), data.runs(200))));
            cfg.routes.get("/studies", ctx -> ctx.html(Pages.studies(frame("Sweeps and studies", "studies"), data.studies(200))));
            cfg.routes.get("/promote", ctx -> ctx.html(Pages.promote(frame("Promote", "promote"))));
            cfg.routes.post("/promote", this::promote);
            cfg.routes.post("/deployments/{id}/stop", this::stop);
            cfg.routes.post("/deployments/{id}/reconfirm", this::reconfirm);
            cfg.routes.post("/emergency-stop", this::emergencyStop);
            cfg.routes.get("/metrics", this::metrics);
            cfg.routes.get("/static/{file}", this::asset);
            cfg.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
            cfg.routes.get("/reports/<path>", this::report);
            cfg.routes.exception(RuntimeException.class, (e, ctx) -> ctx.status(500).html(Pages.result(frame("Error", ""),
                    new Views.ActionResult("Error", false, String.valueOf(e.getMessage())))));
        });
    }

    /**
     * Starts serving on {@code bind}:{@code port} (0 picks a free port).
     *
     * @param registry the Prometheus registry /metrics scrapes (the one runners use: {@code MetricsEndpoint.newRegistry()})
     */
    public static DashboardServer start(DashboardData data, DashboardActions actions, SessionGuard guard,
                                        PrometheusMeterRegistry registry, LongSupplier clock, String bind, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port (0 picks a free one)");
        }
        DashboardServer s = new DashboardServer(data, actions, guard, registry, clock);
        s.app.start(bind, port);
        return s;
    }

    public int port() {
        return app.port();
    }

    /** The address to open: {@code http://HOST:PORT/?token=...} (the only place the token is shown). */
    public String url(String bind) {
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + port() + "/?token=" + guard.token();
    }

    @Override
    public void close() {
        app.stop();
        synchronized (meters) {
            meters.values().forEach(TradingMetrics::close);
            meters.clear();
        }
    }

    private Views.Frame frame(String title, String tab) {
        return new Views.Frame(title, tab, guard.csrf());
    }

    private void deployments(Context ctx) {
        ctx.html(Pages.deployments(frame("Deployments", "deployments"), data.deployments(), data.databaseExists()));
    }

    private void deployment(Context ctx) {
        String id = ctx.pathParam("id");
        var page = data.deployment(id);
        if (page.isEmpty()) {
            ctx.status(404).html(Pages.missing(frame("Not found", ""), "no deployment '" + id + "'"));
        } else {
            ctx.html(Pages.deployment(frame(id, "deployments"), page.get()));
        }
    }

    private void stop(Context ctx) {
        String id = ctx.pathParam("id");
        boolean flatten = "yes".equals(ctx.formParam("flatten"));
        if (!"yes".equals(ctx.formParam("confirmed"))) {
            ctx.html(Pages.confirm(frame("Confirm", ""), "Stop " + id + (flatten ? " and close its positions?" : "?"),
                    "/deployments/" + id + "/stop", flatten ? "yes" : "no"));
            return;
        }
        act(ctx, "Stop " + id + (flatten ? " and flatten" : ""), () -> actions.stop(id, flatten));
    }

    private void emergencyStop(Context ctx) {
        if (!"yes".equals(ctx.formParam("confirmed"))) {
            ctx.html(Pages.confirm(frame("Confirm", ""), "EMERGENCY STOP: stop every deployment, cancel all their orders and close"
                    + " all their positions?", "/emergency-stop", "yes"));
            return;
        }
        act(ctx, "Emergency stop of every deployment", actions::emergencyStop);
    }

    private void promote(Context ctx) {
        String config = blankToNull(ctx.formParam("config"));
        String stage = blankToNull(ctx.formParam("stage"));
        String title = "Promote " + (config == null ? "" : config) + " to " + (stage == null ? "paper" : stage);
        List<String> accept = new ArrayList<>();
        String urls = ctx.formParam("accept_evidence_from");
        if (urls != null) {
            urls.lines().map(String::trim).filter(s -> !s.isEmpty()).forEach(accept::add);
        }
        Double capital = usd(ctx, "capital", title);
        if (capital != null && capital.isNaN()) {
            return;
        }
        act(ctx, title, () -> actions.promote(config, stage == null ? "paper" : stage, blankToNull(ctx.formParam("account")),
                blankToNull(ctx.formParam("confirm")), accept, capital));
    }

    private void reconfirm(Context ctx) {
        String id = ctx.pathParam("id");
        Double raise = usd(ctx, "raise_cap", "Re-confirm " + id);
        if (raise != null && raise.isNaN()) {
            return;
        }
        act(ctx, "Re-confirm " + id, () -> actions.reconfirm(id, blankToNull(ctx.formParam("address")), raise));
    }

    /**
     * An amount of USDC from a form field: null when left empty; NaN (and the page says why, 400)
     * when it is not a number. Whether it is a valid amount is the command's to say.
     */
    private Double usd(Context ctx, String field, String title) {
        String text = blankToNull(ctx.formParam(field));
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            ctx.status(400).html(Pages.result(frame(title, ""), new Views.ActionResult(title, false,
                    field + ": '" + text + "' is not a number of USDC")));
            return Double.NaN;
        }
    }

    /** Runs one action at a time and shows what it printed, or its refusal. */
    private void act(Context ctx, String title, java.util.function.Supplier<DashboardActions.Outcome> action) {
        DashboardActions.Outcome o;
        synchronized (actionLock) {
            try {
                o = action.get();
            } catch (RuntimeException e) {
                o = new DashboardActions.Outcome(false, String.valueOf(e.getMessage()));
            }
        }
        ctx.status(o.ok() ? 200 : 409).html(Pages.result(frame(title, ""), new Views.ActionResult(title, o.ok(), o.text())));
    }

    private void metrics(Context ctx) {
        List<DashboardData.Figures> figures = data.figures();
        synchronized (meters) {
            Set<String> seen = new HashSet<>();
            for (DashboardData.Figures f : figures) {
                if (f.stopped()) {
                    continue;
                }
                seen.add(f.id());
                TradingMetrics m = meters.computeIfAbsent(f.id(), id -> new TradingMetrics(registry, id, f.stage(), clock));
                m.equity(f.equity());
                m.exposure(f.exposure());
            }
            meters.entrySet().removeIf(e -> {
                if (!seen.contains(e.getKey())) {
                    e.getValue().close();
                    return true;
                }
                return false;
            });
        }
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }

    private static final Map<String, String> ASSETS = Map.of("dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8", "favicon.svg", "image/svg+xml");

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            ctx.status(404).result("not found");
            return;
        }
        try (InputStream in = DashboardServer.class.getResourceAsStream("/serve/" + file)) {
            if (in == null) {
                throw new IllegalStateException("resource /serve/" + file + " is missing from the build");
            }
            ctx.contentType(type).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the reports folder; nothing outside it (no .., no links out). */
    private void report(Context ctx) {
        Path root = data.reports().toAbsolutePath().normalize();
        Path file = root.resolve(ctx.pathParam("path")).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
                ctx.status(404).contentType("text/plain; charset=utf-8").result("not found\n");
                return;
            }
            ctx.contentType(contentType(file)).result(Files.readAllBytes(file));
        } catch (IOException e) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found\n");
        }
    }

    private static String contentType(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (n.endsWith(".png")) {
            return "image/png";
        } else if (n.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (n.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        } else if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
