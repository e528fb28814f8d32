package io.hypertrader.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;

/** The one look of every report chart: fonts, colours, grid, axes in UTC and Locale.ROOT. */
final class ChartStyle {
    static final int WIDTH = 1200;
    static final int HEIGHT = 560;

    static final Color EQUITY = new Color(0x1F5FBF);
    static final Color BUY_HOLD = new Color(0x8C8C8C);
    static final Color UP = new Color(0x1E9E6A);
    static final Color DOWN = new Color(0xD64541);
    static final Color LONG = new Color(0x1E9E6A);
    static final Color SHORT = new Color(0xD64541);
    static final Color NET = new Color(0x222222);
    static final Color BUY = new Color(0x0B6E3B);
    static final Color SELL = new Color(0xA3151A);
    static final Color ENTRY = new Color(0x1F5FBF);
    static final Color EXTREME = new Color(0x2E7D32);
    static final Color AMBER = new Color(0xE0A100);
    /** Level colours in ratio order: hedge, scale, deep, then drawn-only levels. */
    static final Color[] LEVELS = {new Color(0xF08C00), new Color(0xD64541), new Color(0x8E44AD),
            new Color(0x7F8C8D), new Color(0x16A085)};
    private static final Color GRID = new Color(0xE3E3E3);
    private static final Color TEXT = new Color(0x333333);

    static final String FONT = "DejaVu Sans";
    private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 19);
    private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 13);
    private static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 13);
    private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 13);

    static final BasicStroke LINE = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke THIN = new BasicStroke(1.0f);
    static final BasicStroke DASHED = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{6f, 4f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{2f, 3f}, 0f);

    private ChartStyle() {
    }

    /** Applies the common look to a chart with an XYPlot and returns it. */
    static JFreeChart apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(TITLE_FONT);
            chart.getTitle().setPaint(TEXT);
        }
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE_FONT);
            sub.setPaint(new Color(0x666666));
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND_FONT);
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setBackgroundPaint(Color.WHITE);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setOutlineVisible(false);
            plot.setDomainGridlinePaint(GRID);
            plot.setRangeGridlinePaint(GRID);
            plot.setDomainGridlineStroke(THIN);
            plot.setRangeGridlineStroke(THIN);
            plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                axis(plot.getDomainAxis(i));
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                axis(plot.getRangeAxis(i));
            }
        }
        return chart;
    }

    private static void axis(ValueAxis a) {
        if (a == null) {
            return;
        }
        a.setLabelFont(LABEL_FONT);
        a.setLabelPaint(TEXT);
        a.setTickLabelFont(TICK_FONT);
        a.setTickLabelPaint(TEXT);
        a.setAxisLinePaint(new Color(0xAAAAAA));
        a.setTickMarkPaint(new Color(0xAAAAAA));
    }

    /** A UTC time axis whose labels fit the visible span. */
    static DateAxis timeAxis(long from, long to) {
        DateAxis axis = new DateAxis("time (UTC)", TimeZone.getTimeZone("UTC"), Locale.ROOT);
        long span = to - from;
        String pattern = span <= 3 * 86_400_000L ? "MM-dd HH:mm" : span <= 730 * 86_400_000L ? "yyyy-MM-dd" : "yyyy-MM";
        SimpleDateFormat f = new SimpleDateFormat(pattern, Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        axis.setDateFormatOverride(f);
        axis.setLowerMargin(0.01);
        axis.setUpperMargin(0.01);
        return axis;
    }

    /** A value axis with Locale.ROOT labels: "#,##0.##" for money/prices, "0%" style for fractions. */
    static NumberAxis valueAxis(String label, boolean percent) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        DecimalFormatSymbols sym = DecimalFormatSymbols.getInstance(Locale.ROOT);
        axis.setNumberFormatOverride(percent ? new DecimalFormat("0.#%", sym) : new DecimalFormat("#,##0.##", sym));
        return axis;
    }

    /**
     * A base-10 log axis whose tick labels are rounded to two significant digits (a log axis puts its
     * ticks at fractional powers of ten: 158,489 reads as 160,000).
     */
    static org.jfree.chart.axis.LogAxis logAxis(String label) {
        org.jfree.chart.axis.LogAxis axis = new org.jfree.chart.axis.LogAxis(label);
        axis.setBase(10);
        axis.setSmallestValue(1e-6);
        axis.setNumberFormatOverride(new java.text.NumberFormat() {
            @Override
            public StringBuffer format(double v, StringBuffer b, java.text.FieldPosition p) {
                if (!(v > 0) || Double.isInfinite(v)) {
                    return b.append(v);
                }
                java.math.BigDecimal r = new java.math.BigDecimal(v).round(new java.math.MathContext(2));
                DecimalFormat f = new DecimalFormat(r.scale() > 0 ? "#,##0." + "#".repeat(r.scale()) : "#,##0",
                        DecimalFormatSymbols.getInstance(Locale.ROOT));
                return b.append(f.format(r));
            }

            @Override
            public StringBuffer format(long v, StringBuffer b, java.text.FieldPosition p) {
                return format((double) v, b, p);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) {
                throw new UnsupportedOperationException("axis labels are not parsed");
            }
        });
        return axis;
    }

    /**
     * The indices of a line chart's points to draw: all of them up to {@code maxPoints}, else per
     * equal-count bucket of indices its first, lowest, highest and last point, in index order. At
     * the chart's width (1200 px) this draws the same line as every point, peaks and troughs
     * included, at a fraction of the cost (a 17,000-bar run draws 2,400 points). Display only: no
     * figure is computed from it.
     */
    static int[] decimate(double[] v, int maxPoints) {
        int n = v.length;
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int buckets = Math.max(1, maxPoints / 4);
        int[] out = new int[buckets * 4];
        int k = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets), to = (int) ((long) (b + 1) * n / buckets);
            int lo = from, hi = from;
            for (int i = from + 1; i < to; i++) {
                if (v[i] < v[lo]) {
                    lo = i;
                }
                if (v[i] > v[hi]) {
                    hi = i;
                }
            }
            int a = Math.min(lo, hi), c = Math.max(lo, hi);
            for (int i : new int[]{from, a, c, to - 1}) {
                if (k == 0 || out[k - 1] < i) {
                    out[k++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /**
     * Draws the chart and writes it as an RGB PNG with deflate level 1 (ImageIO's quality 0.9): a
     * third faster to encode than the default level 4 for files about a tenth larger (charts are
     * mostly white), and encoding is about half of a chart's cost.
     */
    static void save(JFreeChart chart, Path file, int width, int height) throws IOException {
        java.awt.image.BufferedImage img = chart.createBufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB, null);
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("png").next();
        try (OutputStream out = Files.newOutputStream(file);
             javax.imageio.stream.ImageOutputStream ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            javax.imageio.ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.9f);
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
    }
}
