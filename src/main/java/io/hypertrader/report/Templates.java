package io.hypertrader.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the report pages from the jte templates in {@code src/main/jte/report/}, compiled to Java
 * classes at build time (jte-maven-plugin): no template is parsed at run time, and a template that
 * does not compile fails the build. The content type is HTML, so jte escapes every value for where
 * it stands (element text, attribute value); user-supplied text (config names, reasons, parameter
 * values) can never become markup.
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    /** The run report page. */
    static String run(View.Run v) {
        return render("report/run.jte", v);
    }

    /** A study (sweep, Monte Carlo, walk-forward) page. */
    static String study(View.Study v) {
        return render("report/study.jte", v);
    }

    private static String render(String template, Object model) {
        StringOutput out = new StringOutput(64 * 1024);
        ENGINE.render(template, model, out);
        return out.toString();
    }
}
