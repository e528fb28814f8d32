package io.hypertrader.report;

import io.hypertrader.analytics.Formula;
import io.hypertrader.analytics.Metrics;

import java.util.List;
import java.util.Map;

/** index.html: one self-contained page (inline CSS, PNGs beside it, no network). */
final class Html {
    /** A chart file and its caption, in page order. */
    record Chart(String file, String caption) {
    }

    private Html() {
    }

    static String page(ReportData d, List<Chart> charts, List<String> dataFiles) {
        Metrics m = d.metrics();
        StringBuilder b = new StringBuilder(64_000);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(d.title())).append(" — run ").append(esc(d.runId())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body data-images=\"pending\">\n");

        b.append("<header>\n<h1>").append(esc(d.title())).append("</h1>\n<p class=\"sub\">run <code>")
                .append(esc(d.runId())).append("</code> · ").append(esc(d.candles().coin().name())).append(' ')
                .append(esc(d.candles().interval().code())).append(" · ").append(d.candles().size()).append(" bars from ")
                .append(Fmt.time(d.candles().openTime(0))).append(" to ")
                .append(Fmt.time(d.candles().closeTime(d.candles().size() - 1) + 1)).append(" UTC</p>\n</header>\n");

        if (!m.warnings().isEmpty()) {
            b.append("<section class=\"warnings\" id=\"warnings\">\n<h2>Read this first</h2>\n<ul>\n");
            for (String w : m.warnings()) {
                b.append("<li>").append(esc(w)).append("</li>\n");
            }
            b.append("</ul>\n</section>\n");
        }

        b.append("<section class=\"cards\">\n");
        card(b, "Total return", Fmt.figure(m.returns().totalReturn(), Metrics.Unit.PERCENT),
                "buy and hold " + Fmt.figure(m.buyHold().totalReturn(), Metrics.Unit.PERCENT));
        card(b, "CAGR", Fmt.figure(m.returns().cagr(), Metrics.Unit.PERCENT),
                "buy and hold " + Fmt.figure(m.buyHold().cagr(), Metrics.Unit.PERCENT));
        card(b, "Sharpe", Fmt.figure(m.returns().sharpe(), Metrics.Unit.RATIO),
                Fmt.f("%.0f%% [", m.significance().sharpeInterval().level() * 100)
                        + Fmt.figure(m.significance().sharpeInterval().lower(), Metrics.Unit.RATIO) + ", "
                        + Fmt.figure(m.significance().sharpeInterval().upper(), Metrics.Unit.RATIO) + "]");
        card(b, "Max drawdown", Fmt.figure(m.drawdown().maxDrawdown(), Metrics.Unit.PERCENT),
                "buy and hold " + Fmt.figure(m.buyHold().maxDrawdown(), Metrics.Unit.PERCENT));
        card(b, "P[Sharpe > 0]", Fmt.figure(m.significance().probabilisticSharpe(), Metrics.Unit.PROBABILITY),
                "deflated " + Fmt.figure(m.significance().deflatedSharpe(), Metrics.Unit.PROBABILITY)
                        + " (" + m.significance().trials() + " tried)");
        card(b, "Cycle capture (median)", Fmt.figure(m.capture().median(), Metrics.Unit.PERCENT),
                "pooled " + Fmt.figure(m.capture().pooled(), Metrics.Unit.PERCENT) + ", ideal "
                        + Fmt.figure(m.capture().idealMean(), Metrics.Unit.PERCENT) + ", " + m.capture().counted() + " cycles");
        b.append("</section>\n");

        b.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        for (Chart c : charts) {
            b.append("<figure><img src=\"").append(esc(c.file())).append("\" alt=\"").append(esc(c.caption()))
                    .append("\" width=\"").append(ChartStyle.WIDTH).append("\" height=\"").append(ChartStyle.HEIGHT)
                    .append("\"><figcaption>").append(esc(c.caption())).append("</figcaption></figure>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"metrics\">\n<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th>figure</th>")
                .append("<th class=\"num\">value</th><th>definition</th></tr></thead>\n<tbody>\n");
        for (Metrics.Figure f : m.figures()) {
            b.append("<tr><td>").append(esc(f.label())).append("</td><td class=\"num\">")
                    .append(esc(Fmt.figure(f.value(), f.unit()))).append("</td><td><a href=\"#f-")
                    .append(f.formula().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(esc(f.formula().title())).append("</a></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");

        cycles(b, d);
        orders(b, d);

        b.append("<section id=\"manifest\">\n<h2>Run manifest</h2>\n<table class=\"manifest\">\n<tbody>\n");
        for (Map.Entry<String, String> e : d.manifestView().entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>");
            if (e.getValue().indexOf('\n') >= 0) {
                b.append("<pre>").append(esc(e.getValue())).append("</pre>");
            } else {
                b.append("<code>").append(esc(e.getValue())).append("</code>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n<p>Data files: ");
        for (int i = 0; i < dataFiles.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("<a href=\"").append(esc(dataFiles.get(i))).append("\">")
                    .append(esc(dataFiles.get(i))).append("</a>");
        }
        b.append("</p>\n</section>\n");

        b.append("<section id=\"formulas\">\n<h2>Appendix: formulas and conventions</h2>\n<dl>\n");
        for (Formula f : Formula.values()) {
            b.append("<dt id=\"f-").append(f.name().toLowerCase(java.util.Locale.ROOT)).append("\">").append(esc(f.title()))
                    .append("</dt><dd>").append(esc(f.text())).append("</dd>\n");
        }
        b.append("</dl>\n</section>\n");

        b.append("<footer>Written by HyperTrader Workbench. All times UTC; money in USDC.</footer>\n");
        b.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, String label, String value, String note) {
        b.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(esc(value)).append("</div><div class=\"note\">").append(esc(note)).append("</div></div>\n");
    }

    private static void cycles(StringBuilder b, ReportData d) {
        if (d.cycles().isEmpty()) {
            return;
        }
        b.append("<section id=\"cycles\">\n<h2>Cycles</h2>\n<table>\n<thead><tr><th class=\"num\">#</th><th>start</th><th>end</th>")
                .append("<th class=\"num\">E</th><th class=\"num\">H</th><th>levels (ratio: price)</th>")
                .append("<th class=\"num\">net P&amp;L</th><th class=\"num\">capture</th><th class=\"num\">ideal</th><th>end</th></tr></thead>\n<tbody>\n");
        for (ReportData.Cycle c : d.cycles()) {
            Metrics.CycleCapture cc = Csv.captureOf(d.metrics().capture(), c.index());
            StringBuilder lv = new StringBuilder();
            for (ReportData.Level l : c.levels()) {
                lv.append(lv.isEmpty() ? "" : ", ").append(Fmt.plain(l.ratio())).append(": ").append(Fmt.num(l.price()));
            }
            b.append("<tr").append(cc != null && !cc.complete() ? " class=\"open\"" : "").append("><td class=\"num\">")
                    .append(c.index()).append("</td><td>").append(Fmt.time(c.startTime())).append("</td><td>")
                    .append(Fmt.time(c.endTime())).append("</td><td class=\"num\">").append(Fmt.num(c.entry()))
                    .append("</td><td class=\"num\">").append(Fmt.num(c.extreme())).append("</td><td>").append(esc(lv.toString()))
                    .append("</td><td class=\"num\">").append(cc == null ? "" : Fmt.figure(cc.netPnl(), Metrics.Unit.MONEY))
                    .append("</td><td class=\"num\">").append(cc == null ? "" : Fmt.figure(cc.capture(), Metrics.Unit.PERCENT))
                    .append("</td><td class=\"num\">").append(cc == null ? "" : Fmt.figure(cc.idealCapture(), Metrics.Unit.PERCENT))
                    .append("</td><td>").append(cc == null ? "" : esc(cc.complete() ? cc.endReason() : "open: " + cc.endReason()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void orders(StringBuilder b, ReportData d) {
        int filled = 0, partial = 0, rejected = 0, cancelled = 0, open = 0;
        for (ReportData.Order o : d.orders()) {
            switch (o.status()) {
                case FILLED -> filled++;
                case PARTIALLY_FILLED -> partial++;
                case REJECTED -> rejected++;
                case CANCELLED -> cancelled++;
                case OPEN -> open++;
            }
        }
        b.append("<section id=\"orders\">\n<h2>Rejections and partial fills</h2>\n<p>")
                .append(Fmt.f("%d orders: %d filled, %d partially filled, %d rejected, %d cancelled, %d still open.",
                        d.orders().size(), filled, partial, rejected, cancelled, open)).append("</p>\n");
        if (partial + rejected + cancelled == 0) {
            b.append("<p>None.</p>\n</section>\n");
            return;
        }
        b.append("<table>\n<thead><tr><th>time</th><th>order</th><th>side</th><th>type</th><th class=\"num\">price</th>")
                .append("<th class=\"num\">quantity</th><th class=\"num\">filled</th><th>status</th><th>reason</th></tr></thead>\n<tbody>\n");
        for (ReportData.Order o : d.orders()) {
            if (o.status() == ReportData.OrderStatus.FILLED || o.status() == ReportData.OrderStatus.OPEN) {
                continue;
            }
            b.append("<tr class=\"").append(o.status().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                    .append(Fmt.time(o.time())).append("</td><td><code>").append(esc(o.orderId())).append("</code></td><td>")
                    .append(o.side()).append("</td><td>").append(esc(o.type())).append("</td><td class=\"num\">")
                    .append(Double.isNaN(o.price()) ? "market" : Fmt.num(o.price())).append("</td><td class=\"num\">")
                    .append(Fmt.num(o.quantity())).append("</td><td class=\"num\">").append(Fmt.num(o.filledQuantity()))
                    .append("</td><td>").append(o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append("</td><td>").append(esc(o.reason())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static final String CSS = """
            :root { --ink: #222; --muted: #666; --line: #e3e3e3; --accent: #1f5fbf; --warn: #fff4e0; --warn-line: #e0a100; }
            * { box-sizing: border-box; }
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto;
                   max-width: 1240px; padding: 24px 20px 48px; line-height: 1.45; font-size: 15px; }
            h1 { margin: 0 0 4px; font-size: 26px; }
            h2 { margin: 36px 0 12px; font-size: 20px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
            .sub { color: var(--muted); margin: 0; }
            code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; }
            pre { background: #f7f7f7; padding: 10px; overflow-x: auto; margin: 0; }
            .warnings { background: var(--warn); border-left: 4px solid var(--warn-line); padding: 4px 16px; margin-top: 20px; }
            .warnings h2 { border: none; margin: 10px 0 4px; font-size: 17px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin-top: 20px; }
            .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
            .card .label { color: var(--muted); font-size: 13px; }
            .card .value { font-size: 24px; font-weight: bold; }
            .card .note { color: var(--muted); font-size: 12px; }
            figure { margin: 0 0 22px; }
            figure img { width: 100%; height: auto; border: 1px solid var(--line); }
            figcaption { color: var(--muted); font-size: 13px; }
            table { border-collapse: collapse; width: 100%; font-size: 13px; }
            th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: #fafafa; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            table.metrics { max-width: 820px; }
            table.manifest th { width: 200px; }
            tr.rejected td { background: #fdecea; }
            tr.partially_filled td { background: #fff8e6; }
            tr.open td { color: var(--muted); font-style: italic; }
            dt { font-weight: bold; margin-top: 10px; }
            dd { margin: 2px 0 0 18px; }
            a { color: var(--accent); }
            footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
            """;

    // Marks each image as loaded or broken once the page has loaded, so a headless browser's DOM dump
    // shows whether the charts rendered (checked by the report test).
    static final String SCRIPT = """
            window.addEventListener('load', function () {
              var imgs = document.getElementsByTagName('img'), ok = 0;
              for (var i = 0; i < imgs.length; i++) {
                var good = imgs[i].complete && imgs[i].naturalWidth > 0;
                imgs[i].setAttribute('data-loaded', good ? 'yes' : 'no');
                if (good) { ok++; }
              }
              document.body.setAttribute('data-images', ok + '/' + imgs.length);
            });
            """;
}
