package io.hypertrader.serve;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.List;
import java.util.Map;

/**
 * Renders the dashboard's pages from the jte templates in {@code src/main/jte/serve/}, compiled
 * at build time like the report's: the content type is HTML, so every value (config names, stop
 * reasons, journal details, command output) is escaped for where it stands and never becomes markup.
 */
final class Pages {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Pages() {
    }

    static String deployments(Views.Frame f, List<Views.DeploymentRow> rows, boolean database) {
        return render("serve/deployments.jte", Map.of("frame", f, "rows", rows, "database", database));
    }

    static String deployment(Views.Frame f, Views.DeploymentPage p) {
        return render("serve/deployment.jte", Map.of("frame", f, "p", p));
    }

    static String runs(Views.Frame f, List<Views.RunView> runs) {
        return render("serve/runs.jte", Map.of("frame", f, "runs", runs));
    }

    static String studies(Views.Frame f, List<Views.StudyView> studies) {
        return render("serve/studies.jte", Map.of("frame", f, "studies", studies));
    }

    static String promote(Views.Frame f) {
        return render("serve/promote.jte", Map.of("frame", f));
    }

    static String result(Views.Frame f, Views.ActionResult r) {
        return render("serve/result.jte", Map.of("frame", f, "r", r));
    }

    static String confirm(Views.Frame f, String question, String action, String flatten) {
        return render("serve/confirm.jte", Map.of("frame", f, "question", question, "action", action, "flatten", flatten));
    }

    static String missing(Views.Frame f, String what) {
        return render("serve/missing.jte", Map.of("frame", f, "what", what));
    }

    private static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput(32 * 1024);
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
