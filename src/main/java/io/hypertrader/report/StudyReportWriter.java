package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link StudyReport} folder: index.html, one PNG per chart block, the CSV files. Written
 * into a temporary folder and moved into place whole, like run reports. Drawing only.
 */
public final class StudyReportWriter {
    /** The writer; it holds no state. */
    public static final StudyReportWriter DEFAULT = new StudyReportWriter();

    private static final Color[] LINES = {ChartStyle.EQUITY, ChartStyle.BUY_HOLD, ChartStyle.AMBER, ChartStyle.SHORT,
            ChartStyle.LONG};

    private StudyReportWriter() {
    }

    /** Writes {@code r} into {@code dir} (created; replaced if it exists) and returns dir/index.html. */
    public Path write(StudyReport r, Path dir) throws IOException {
        return ReportWriter.writeWhole(dir, tmp -> {
            for (StudyReport.Block b : r.blocks()) {
                JFreeChart chart = switch (b) {
                    case StudyReport.Heatmap h -> heatmap(h);
                    case StudyReport.Fan f -> fan(f);
                    case StudyReport.Lines l -> lines(l);
                    default -> null;
                };
                if (chart != null) {
                    ChartStyle.save(chart, tmp.resolve(file(b)), ChartStyle.WIDTH, ChartStyle.HEIGHT);
                }
            }
            for (StudyReport.CsvFile c : r.csv()) {
                Files.writeString(tmp.resolve(c.name()), csv(c), StandardCharsets.UTF_8);
            }
            Files.writeString(tmp.resolve(ReportWriter.INDEX), html(r), StandardCharsets.UTF_8);
        });
    }

    private static String file(StudyReport.Block b) {
        return switch (b) {
            case StudyReport.Heatmap h -> h.file();
            case StudyReport.Fan f -> f.file();
            case StudyReport.Lines l -> l.file();
            default -> null;
        };
    }

    // ------------------------------------------------------------------ HTML

    static String html(StudyReport r) {
        return Templates.study(view(r));
    }

    /** The page's content, formatted: the template lays it out. */
    static View.Study view(StudyReport r) {
        List<View.Block> blocks = new ArrayList<>();
        int n = 0;
        for (StudyReport.Block blk : r.blocks()) {
            n++;
            switch (blk) {
                case StudyReport.Cards c -> {
                    List<View.Card> cards = new ArrayList<>();
                    for (StudyReport.Card k : c.cards()) {
                        cards.add(new View.Card(k.label(), cell(k.value()), k.note(), ""));
                    }
                    blocks.add(new View.Block(c.heading(), cards, null, null));
                }
                case StudyReport.Table t -> blocks.add(new View.Block(t.heading(), null, table(t, "block-" + n), null));
                case StudyReport.Heatmap h -> blocks.add(new View.Block(h.heading(), null, null, figure(h.file(), h.caption())));
                case StudyReport.Fan f -> blocks.add(new View.Block(f.heading(), null, null, figure(f.file(), f.caption())));
                case StudyReport.Lines l -> blocks.add(new View.Block(l.heading(), null, null, figure(l.file(), l.caption())));
            }
        }
        return new View.Study(r.title(), r.id(), r.warnings(), blocks, RunPage.entries(r.manifestView()),
                r.csv().stream().map(StudyReport.CsvFile::name).toList());
    }

    private static View.Figure figure(String file, String caption) {
        return new View.Figure(file, caption, ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    /**
     * A study table: long parameter paths are shortened to their last two parts (the full path is the
     * heading's hover text), and the table scrolls sideways in its own box instead of overflowing the page.
     */
    static View.Table table(StudyReport.Table t, String id) {
        List<View.Col> cols = new ArrayList<>();
        for (StudyReport.Column c : t.columns()) {
            String[] parts = c.label().split("\\.");
            boolean path = parts.length > 2 && !c.label().contains(" ");
            String label = path ? parts[parts.length - 2] + "." + parts[parts.length - 1] : c.label();
            cols.add(new View.Col(label, c.numeric(), path ? c.label() : ""));
        }
        List<View.Row> rows = new ArrayList<>();
        for (List<StudyReport.Cell> row : t.rows()) {
            List<View.Cell> cells = new ArrayList<>();
            for (StudyReport.Cell c : row) {
                String tint = c.text() == null && c.unit() == Metrics.Unit.PERCENT && c.value() < 0 ? "neg" : "";
                cells.add(new View.Cell(cell(c), tint));
            }
            rows.add(new View.Row(cells, ""));
        }
        return new View.Table(id, t.heading(), t.caption() == null ? "" : t.caption(), cols, rows, RunPage.PAGE, "", true);
    }

    private static String cell(StudyReport.Cell c) {
        return c.text() != null ? c.text() : Fmt.figure(c.value(), c.unit());
    }

    static String csv(StudyReport.CsvFile f) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", f.header())).append('\n');
        for (List<StudyReport.Cell> row : f.rows()) {
            for (int i = 0; i < row.size(); i++) {
                StudyReport.Cell c = row.get(i);
                b.append(i == 0 ? "" : ",").append(c.text() != null ? Csv.text(c.text()) : Fmt.plain(c.value()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ charts

    /** Diverging scale: red below 0, white at 0, green above, saturating at +-limit. */
    record Diverging(double limit) implements PaintScale {
        @Override
        public double getLowerBound() {
            return -limit;
        }

        @Override
        public double getUpperBound() {
            return limit;
        }

        @Override
        public Paint getPaint(double v) {
            if (Double.isNaN(v)) {
                return new Color(0xEEEEEE);
            }
            double f = Math.max(-1, Math.min(1, v / limit));
            Color end = f >= 0 ? new Color(0x1E9E6A) : new Color(0xD64541);
            double a = Math.abs(f);
            return new Color((int) Math.round(255 + (end.getRed() - 255) * a), (int) Math.round(255 + (end.getGreen() - 255) * a),
                    (int) Math.round(255 + (end.getBlue() - 255) * a));
        }
    }

    static JFreeChart heatmap(StudyReport.Heatmap h) {
        int nx = h.xValues().size(), ny = h.yValues().size();
        double[] xs = new double[nx * ny], ys = new double[nx * ny], zs = new double[nx * ny];
        double limit = 0;
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                int k = i * ny + j;
                xs[k] = i;
                ys[k] = j;
                zs[k] = h.colourValue(i, j);
                if (Double.isFinite(zs[k])) {
                    limit = Math.max(limit, Math.abs(zs[k]));
                }
            }
        }
        DefaultXYZDataset ds = new DefaultXYZDataset();
        ds.addSeries(h.zLabel(), new double[][]{xs, ys, zs});
        XYBlockRenderer r = new XYBlockRenderer();
        Diverging scale = new Diverging(limit > 0 ? limit : 1);
        r.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(h.xLabel(), h.xValues().toArray(new String[0]));
        SymbolAxis y = new SymbolAxis(h.yLabel(), h.yValues().toArray(new String[0]));
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        x.setRange(-0.5, nx - 0.5);
        y.setRange(-0.5, ny - 0.5);
        if (nx > 16) {
            x.setVerticalTickLabels(true);
        }
        XYPlot plot = new XYPlot(ds, x, y, r);
        if (nx * ny <= 400) {
            Font font = new Font(ChartStyle.FONT, Font.PLAIN, nx * ny <= 100 ? 13 : 10);
            for (int k = 0; k < zs.length; k++) {
                double z = h.z()[k / ny][k % ny];
                boolean capped = zs[k] != z;
                XYTextAnnotation a = new XYTextAnnotation(Double.isNaN(z) ? "—" : Fmt.figure(z, h.unit())
                        .replace(" %", "%") + (capped ? "*" : ""), xs[k], ys[k]);
                a.setFont(font);
                a.setPaint(new Color(0x222222));
                plot.addAnnotation(a);
            }
        }
        JFreeChart chart = new JFreeChart(h.heading(), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis(h.zLabel());
        legendAxis.setTickLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 12));
        legendAxis.setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(16);
        legend.setSubdivisionCount(64);
        chart.addSubtitle(legend);
        ChartStyle.apply(chart, h.caption().length() > 140 ? null : h.caption());
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        return chart;
    }

    /** Fill colours of the fan's bands, outermost first: opaque enough to see at any width. */
    static final Color[] BANDS = {new Color(0xB9CFEF), new Color(0x6E9BDB)};

    /**
     * Quantile bands as filled areas under a thin median line. The bands are opaque (drawn outermost
     * first, each inner one over the outer) and their edges are outlined, so a band only a pixel wide
     * still shows; the legend shows each band's fill. Log and percent scales as {@link StudyReport.Fan#scale}.
     */
    static JFreeChart fan(StudyReport.Fan f) {
        int q = f.levels().length, mid = q / 2;
        int n = f.time().length;
        boolean log = f.scale() == StudyReport.Scale.LOG;
        for (double[] band : f.bands()) {
            for (double v : band) {
                log &= v > 0;
            }
        }
        int[] keep = ChartStyle.decimate(f.bands()[mid], AnalysisCharts.MAX_POINTS);
        YIntervalSeriesCollection ds = new YIntervalSeriesCollection();
        DeviationRenderer r = new DeviationRenderer(true, false);
        LegendItemCollection legend = new LegendItemCollection();
        for (int k = 0; k < mid; k++) {
            String label = Fmt.f("%.0f-%.0f %%", f.levels()[k] * 100, f.levels()[q - 1 - k] * 100);
            YIntervalSeries s = new YIntervalSeries(label);
            for (int t : keep) {
                s.add(f.time()[t], f.bands()[mid][t], f.bands()[k][t], f.bands()[q - 1 - k][t]);
            }
            ds.addSeries(s);
            Color fill = BANDS[Math.min(k, BANDS.length - 1)];
            r.setSeriesFillPaint(k, fill);
            r.setSeriesPaint(k, ChartStyle.EQUITY);
            r.setSeriesStroke(k, ChartStyle.THIN);
            legend.add(new LegendItem(label, null, null, null, new java.awt.Rectangle(-6, -6, 12, 12), fill));
        }
        legend.add(new LegendItem("median", null, null, null, new java.awt.geom.Line2D.Double(-8, 0, 8, 0),
                ChartStyle.LINE, ChartStyle.EQUITY));
        r.setAlpha(1f);
        XYLineAndShapeRenderer edges = new XYLineAndShapeRenderer(true, false);
        XYSeriesCollection lines = new XYSeriesCollection();
        for (int k = 0; k < q; k++) {
            if (k == mid) {
                continue;
            }
            XYSeries e = new XYSeries("q" + k, false, true);
            for (int t : keep) {
                e.add(f.time()[t], f.bands()[k][t], false);
            }
            edges.setSeriesPaint(lines.getSeriesCount(), new Color(0x1F5FBF));
            edges.setSeriesStroke(lines.getSeriesCount(), new java.awt.BasicStroke(0.6f));
            lines.addSeries(e);
        }
        ValueAxis y;
        if (log) {
            y = ChartStyle.logAxis(f.yLabel() + " (log scale)");
        } else {
            y = ChartStyle.valueAxis(f.yLabel(), f.scale() == StudyReport.Scale.PERCENT);
        }
        XYPlot plot = new XYPlot(ds, ChartStyle.timeAxis(f.time()[0], f.time()[n - 1]), y, r);
        plot.setDataset(1, lines);
        plot.setRenderer(1, edges);
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        // the outer band first, each inner one over it
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        plot.setFixedLegendItems(legend);
        if (f.scale() == StudyReport.Scale.PERCENT) {
            plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0, new Color(0x999999), ChartStyle.THIN));
        }
        return ChartStyle.apply(new JFreeChart(f.heading(), JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                Fmt.f("line: median across seeds; bands: %s%s", bandLabels(f.levels()), log ? "; log scale" : ""));
    }

    private static String bandLabels(double[] levels) {
        List<String> out = new ArrayList<>();
        int q = levels.length;
        for (int k = 0; k < q / 2; k++) {
            out.add(Fmt.f("%.0f-%.0f %%", levels[k] * 100, levels[q - 1 - k] * 100));
        }
        return String.join(", ", out);
    }

    static JFreeChart lines(StudyReport.Lines l) {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int k = 0; k < l.series().size(); k++) {
            StudyReport.Series s = l.series().get(k);
            XYSeries x = new XYSeries(s.name(), false, true);
            for (int t : ChartStyle.decimate(s.values(), AnalysisCharts.MAX_POINTS)) {
                x.add(l.time()[t], s.values()[t], false);
            }
            ds.addSeries(x);
            r.setSeriesPaint(k, LINES[k % LINES.length]);
            r.setSeriesStroke(k, ChartStyle.LINE);
        }
        boolean log = l.scale() == StudyReport.Scale.LOG;
        for (StudyReport.Series s : l.series()) {
            for (double v : s.values()) {
                log &= v > 0;
            }
        }
        ValueAxis y;
        if (log) {
            y = ChartStyle.logAxis(l.yLabel() + " (log scale)");
        } else {
            y = ChartStyle.valueAxis(l.yLabel(), l.percent());
        }
        XYPlot plot = new XYPlot(ds, ChartStyle.timeAxis(l.time()[0], l.time()[l.time().length - 1]), y, r);
        return ChartStyle.apply(new JFreeChart(l.heading(), JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                l.caption().length() > 140 ? null : l.caption());
    }

    /** Locale-free lower-case name of a unit, for captions. */
    static String unitName(Metrics.Unit u) {
        return u.name().toLowerCase(Locale.ROOT);
    }
}
