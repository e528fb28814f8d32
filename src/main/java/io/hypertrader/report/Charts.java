package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.core.CandleSeries;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.CandlestickRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYAreaRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultHighLowDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.util.Date;
import java.util.List;

/** Builds the report's JFreeChart charts from {@link ReportData}; drawing only. */
final class Charts {
    /** At most this many candles are drawn; more bars are grouped for display (the overview). */
    static final int MAX_CANDLES = 260;
    /** Bars in the detail chart (the most recent ones, at their own interval). */
    static final int DETAIL_BARS = 240;

    private Charts() {
    }

    /**
     * Candles of bars [from, to) with each cycle's E, H and level prices over the cycle's span and the
     * fills marked (buys as up triangles, sells as down triangles).
     */
    static JFreeChart candles(ReportData d, int from, int to, String title) {
        CandleSeries c = d.candles();
        int bars = to - from;
        int group = Math.max(1, (bars + MAX_CANDLES - 1) / MAX_CANDLES);
        int count = (bars + group - 1) / group;
        Date[] date = new Date[count];
        double[] o = new double[count], h = new double[count], l = new double[count], cl = new double[count],
                v = new double[count];
        for (int k = 0; k < count; k++) {
            int a = from + k * group, b = Math.min(to, a + group);
            // Display grouping: first open, highest high, lowest low, last close. The candle sits at its
            // time span's middle so fills and levels line up with it.
            date[k] = new Date((c.openTime(a) + c.closeTime(b - 1)) / 2);
            o[k] = c.open(a);
            cl[k] = c.close(b - 1);
            double hi = c.high(a), lo = c.low(a);
            for (int i = a + 1; i < b; i++) {
                hi = Math.max(hi, c.high(i));
                lo = Math.min(lo, c.low(i));
            }
            h[k] = hi;
            l[k] = lo;
        }
        long t0 = c.openTime(from), t1 = c.closeTime(to - 1);
        DefaultHighLowDataset ohlc = new DefaultHighLowDataset(c.coin().name(), date, h, l, o, cl, v);
        DateAxis x = ChartStyle.timeAxis(t0, t1);
        x.setRange(t0, t1);
        NumberAxis y = ChartStyle.valueAxis("price", false);
        CandlestickRenderer r = new CandlestickRenderer();
        r.setUpPaint(ChartStyle.UP);
        r.setDownPaint(ChartStyle.DOWN);
        r.setSeriesPaint(0, new Color(0x555555));
        r.setSeriesStroke(0, ChartStyle.THIN);
        r.setUseOutlinePaint(false);
        r.setDrawVolume(false);
        r.setAutoWidthMethod(CandlestickRenderer.WIDTHMETHOD_AVERAGE);
        r.setAutoWidthGap(1.5);
        r.setDefaultToolTipGenerator(null);
        XYPlot plot = new XYPlot(ohlc, x, y, r);

        // Fills inside the window, drawn over the candles.
        XYSeries buys = new XYSeries("buy", false, true), sells = new XYSeries("sell", false, true);
        String coin = c.coin().name();
        for (ReportData.Fill f : d.fills()) {
            if ((f.coin().isEmpty() || f.coin().equals(coin)) && f.time() >= t0 && f.time() <= t1) {
                (f.side() == ReportData.Side.BUY ? buys : sells).add(f.time(), f.price());
            }
        }
        XYSeriesCollection fills = new XYSeriesCollection();
        fills.addSeries(buys);
        fills.addSeries(sells);
        XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(false, true);
        Shape up = ShapeUtils.createUpTriangle(6f), down = ShapeUtils.createDownTriangle(6f);
        fr.setSeriesShape(0, up);
        fr.setSeriesShape(1, down);
        fr.setSeriesPaint(0, ChartStyle.BUY);
        fr.setSeriesPaint(1, ChartStyle.SELL);
        fr.setUseOutlinePaint(true);
        fr.setDefaultOutlinePaint(Color.WHITE);
        fr.setSeriesOutlineStroke(0, ChartStyle.THIN);
        fr.setSeriesOutlineStroke(1, ChartStyle.THIN);
        plot.setDataset(1, fills);
        plot.setRenderer(1, fr);

        LegendItemCollection legend = new LegendItemCollection();
        legend.add(item("up", ChartStyle.UP, new Rectangle(-5, -5, 10, 10), null));
        legend.add(item("down", ChartStyle.DOWN, new Rectangle(-5, -5, 10, 10), null));
        legend.add(item("buy fill", ChartStyle.BUY, up, null));
        legend.add(item("sell fill", ChartStyle.SELL, down, null));
        List<ReportData.Level> levelKey = null;
        for (ReportData.Cycle cy : d.cycles()) {
            if (!cy.of(coin) || cy.endTime() < t0 || cy.startTime() > t1) {
                continue;
            }
            double a = Math.max(cy.startTime(), t0), b = Math.min(cy.endTime(), t1);
            plot.addAnnotation(new XYLineAnnotation(a, cy.entry(), b, cy.entry(), ChartStyle.DASHED, ChartStyle.ENTRY), false);
            plot.addAnnotation(new XYLineAnnotation(a, cy.extreme(), b, cy.extreme(), ChartStyle.DASHED, ChartStyle.EXTREME), false);
            for (int i = 0; i < cy.levels().size(); i++) {
                ReportData.Level lv = cy.levels().get(i);
                plot.addAnnotation(new XYLineAnnotation(a, lv.price(), b, lv.price(), ChartStyle.LINE, levelColor(i)), false);
            }
            if (levelKey == null) {
                levelKey = cy.levels();
            }
        }
        if (levelKey != null) {
            Shape dash = new Line2D.Double(-8, 0, 8, 0);
            legend.add(item("entry E", ChartStyle.ENTRY, dash, ChartStyle.DASHED));
            legend.add(item("high H", ChartStyle.EXTREME, dash, ChartStyle.DASHED));
            for (int i = 0; i < levelKey.size(); i++) {
                legend.add(item(Fmt.f("L(%s)", Fmt.plain(levelKey.get(i).ratio())), levelColor(i), dash, ChartStyle.LINE));
            }
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        String sub = group > 1
                ? Fmt.f("%d bars of %s shown as %d candles of %d bars each; levels drawn over each cycle's span",
                bars, c.interval().code(), count, group)
                : Fmt.f("%d bars of %s; levels drawn over each cycle's span", bars, c.interval().code());
        return ChartStyle.apply(chart, sub);
    }

    static Color levelColor(int i) {
        return ChartStyle.LEVELS[Math.min(i, ChartStyle.LEVELS.length - 1)];
    }

    private static LegendItem item(String label, Paint paint, Shape shape, java.awt.Stroke line) {
        LegendItem it;
        if (line != null) {
            it = new LegendItem(label, null, null, null, shape, line, paint);
        } else {
            it = new LegendItem(label, null, null, null, shape, paint);
        }
        it.setLabelFont(new Font(ChartStyle.FONT, Font.PLAIN, 13));
        return it;
    }

    /** Equity against buy and hold of the same coin with the same initial equity. */
    static JFreeChart equity(ReportData d) {
        ReportData.Curves cv = d.curves();
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(series("strategy equity", cv.time(), cv.equity(), 1));
        ds.addSeries(series("buy and hold", cv.time(), cv.buyHold(), 1));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.EQUITY);
        r.setSeriesPaint(1, ChartStyle.BUY_HOLD);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesStroke(1, ChartStyle.LINE);
        XYPlot plot = new XYPlot(ds, timeAxis(cv), ChartStyle.valueAxis("equity (USDC)", false), r);
        Metrics m = d.metrics();
        return ChartStyle.apply(new JFreeChart("Equity vs buy and hold", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                Fmt.f("strategy %s, buy and hold %s over the same candles",
                        Fmt.figure(m.returns().totalReturn(), Metrics.Unit.PERCENT),
                        Fmt.figure(m.buyHold().totalReturn(), Metrics.Unit.PERCENT)));
    }

    /** Drawdowns below the running peak, shown as negative percentages. */
    static JFreeChart drawdown(ReportData d) {
        ReportData.Curves cv = d.curves();
        XYSeriesCollection strat = new XYSeriesCollection(series("strategy drawdown", cv.time(), cv.drawdown(), -1));
        XYSeriesCollection bh = new XYSeriesCollection(series("buy and hold drawdown", cv.time(), cv.buyHoldDrawdown(), -1));
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, new Color(214, 69, 65, 150));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, ChartStyle.BUY_HOLD);
        line.setSeriesStroke(0, ChartStyle.LINE);
        NumberAxis y = ChartStyle.valueAxis("drawdown", true);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(strat, timeAxis(cv), y, area);
        plot.setDataset(1, bh);
        plot.setRenderer(1, line);
        Metrics m = d.metrics();
        return ChartStyle.apply(new JFreeChart("Drawdown", JFreeChart.DEFAULT_TITLE_FONT, plot, true),
                Fmt.f("max drawdown: strategy %s, buy and hold %s",
                        Fmt.figure(m.drawdown().maxDrawdown(), Metrics.Unit.PERCENT),
                        Fmt.figure(m.buyHold().maxDrawdown(), Metrics.Unit.PERCENT)));
    }

    /** Long and short legs (short drawn below zero) and the net position the exchange holds. */
    static JFreeChart exposure(ReportData d) {
        ReportData.Curves cv = d.curves();
        XYSeriesCollection legs = new XYSeriesCollection();
        legs.addSeries(series("long leg", cv.time(), cv.longNotional(), 1));
        legs.addSeries(series("short leg (below 0)", cv.time(), cv.shortNotional(), -1));
        XYAreaRenderer area = new XYAreaRenderer(XYAreaRenderer.AREA);
        area.setSeriesPaint(0, new Color(30, 158, 106, 110));
        area.setSeriesPaint(1, new Color(214, 69, 65, 110));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, ChartStyle.NET);
        line.setSeriesStroke(0, ChartStyle.LINE);
        NumberAxis y = ChartStyle.valueAxis("notional (USDC)", false);
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(legs, timeAxis(cv), y, area);
        plot.setDataset(1, new XYSeriesCollection(series("net position", cv.time(), cv.netNotional(), 1)));
        plot.setRenderer(1, line);
        plot.addRangeMarker(new ValueMarker(0, new Color(0x999999), ChartStyle.THIN));
        return ChartStyle.apply(new JFreeChart("Exposure: long and short legs, net position",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true), Fmt.f("time in market %s, average exposure %s of equity",
                Fmt.figure(d.metrics().activity().timeInMarket(), Metrics.Unit.PERCENT),
                Fmt.figure(d.metrics().activity().averageExposure(), Metrics.Unit.PERCENT)));
    }

    /** Histogram of fill slippage (bp) or latency (ms). */
    static JFreeChart histogram(ReportData d, boolean slippage) {
        String what = slippage ? "slippage (bp, positive = worse than reference)" : "latency (ms, decision to fill)";
        String title = slippage ? "Fill slippage" : "Fill latency";
        double[] values = new double[d.fills().size()];
        for (int i = 0; i < values.length; i++) {
            ReportData.Fill f = d.fills().get(i);
            values[i] = slippage ? f.slippageBp() : f.latencyMs();
        }
        HistogramDataset ds = new HistogramDataset();
        boolean spread = false;
        for (int i = 1; i < values.length; i++) {
            spread |= values[i] != values[0];
        }
        if (values.length > 0) {
            // A constant sample has no bin width; one bin around it still shows the count.
            if (spread) {
                ds.addSeries("fills", values, 40);
            } else {
                ds.addSeries("fills", values, 1, values[0] - 0.5, values[0] + 0.5);
            }
        }
        XYBarRenderer r = new XYBarRenderer(0.08);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, slippage ? new Color(0xF08C00) : new Color(0x1F5FBF));
        NumberAxis x = ChartStyle.valueAxis(what, false);
        NumberAxis y = ChartStyle.valueAxis("fills", false);
        y.setAutoRangeIncludesZero(true);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setNumberFormatOverride(null);
        XYPlot plot = new XYPlot(ds, x, y, r);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return ChartStyle.apply(chart, values.length == 0 ? "no fills in this run" : Fmt.f("%d fills", values.length));
    }

    /** Lowest capture the chart shows; bars below are clipped (a cycle stopped out near its entry has a tiny gain and a huge ratio). */
    static final double CAPTURE_FLOOR = -2.0;

    /** Capture of each completed cycle as a bar, the ideal capture as a line. */
    static JFreeChart capture(ReportData d) {
        Metrics.Capture cap = d.metrics().capture();
        XYSeries s = new XYSeries("capture", false, true);
        double lo = 0, hi = 0;
        int clipped = 0;
        for (Metrics.CycleCapture c : cap.cycles()) {
            if (c.complete() && Double.isFinite(c.capture())) {
                s.add(c.index(), c.capture());
                lo = Math.min(lo, c.capture());
                hi = Math.max(hi, c.capture());
                if (c.capture() < CAPTURE_FLOOR) {
                    clipped++;
                }
            }
        }
        double ideal = cap.idealMean();
        XYBarRenderer r = new XYBarRenderer(0.15) {
            @Override
            public Paint getItemPaint(int series, int item) {
                double v = s.getY(item).doubleValue();
                return v < 0 ? ChartStyle.DOWN : Double.isFinite(ideal) && v >= ideal ? ChartStyle.UP : ChartStyle.AMBER;
            }
        };
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        NumberAxis x = new NumberAxis("cycle");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = ChartStyle.valueAxis("capture of the open gain", true);
        double top = Math.max(hi, Double.isFinite(ideal) ? ideal : 0);
        double bottom = Math.max(lo, CAPTURE_FLOOR);
        double pad = Math.max(0.05, (top - bottom) * 0.06);
        y.setRange(bottom - pad, top + pad);
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        if (Double.isFinite(ideal)) {
            ValueMarker mk = new ValueMarker(ideal, ChartStyle.EQUITY, ChartStyle.DASHED);
            mk.setLabel(Fmt.f("ideal %s", Fmt.figure(ideal, Metrics.Unit.PERCENT)));
            mk.setLabelFont(new Font(ChartStyle.FONT, Font.BOLD, 13));
            mk.setLabelPaint(ChartStyle.EQUITY);
            mk.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            mk.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            mk.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(mk);
        }
        plot.addRangeMarker(new ValueMarker(0, new Color(0x999999), ChartStyle.THIN));
        JFreeChart chart = new JFreeChart("Capture per cycle", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        String sub = s.getItemCount() == 0 ? "no completed cycles with a gain"
                : Fmt.f("%d completed cycles: median %s, pooled %s; green >= ideal, amber below, red = loss%s",
                cap.counted(), Fmt.figure(cap.median(), Metrics.Unit.PERCENT), Fmt.figure(cap.pooled(), Metrics.Unit.PERCENT),
                clipped > 0 ? Fmt.f("; %d below %s clipped", clipped, Fmt.figure(CAPTURE_FLOOR, Metrics.Unit.PERCENT)) : "");
        return ChartStyle.apply(chart, sub);
    }

    private static DateAxis timeAxis(ReportData.Curves cv) {
        long a = cv.time()[0], b = cv.time()[cv.time().length - 1];
        return ChartStyle.timeAxis(a, b);
    }

    /**
     * A series of (time, sign * value); sign -1 draws a fraction or a leg below zero. Long series are
     * thinned for drawing ({@link ChartStyle#decimate}: every peak and trough kept).
     */
    private static XYSeries series(String name, long[] t, double[] v, int sign) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i : ChartStyle.decimate(v, AnalysisCharts.MAX_POINTS)) {
            s.add(t[i], sign * v[i], false);
        }
        return s;
    }
}
