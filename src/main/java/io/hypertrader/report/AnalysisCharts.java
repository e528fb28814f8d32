package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.Rolling;
import io.hypertrader.analytics.TailRisk;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;

/**
 * The charts of the report's analysis: equity on a log scale, rolling Sharpe ratio and volatility,
 * the distribution of daily returns with its VaR and CVaR. Drawing only: every number comes from
 * {@link io.hypertrader.analytics.RunAnalysis}.
 */
final class AnalysisCharts {
    /** Line charts draw at most this many points: per time bucket the first, lowest, highest and last (display only). */
    static final int MAX_POINTS = 2400;

    private AnalysisCharts() {
    }

    /** Equity and buy and hold on a log scale: equal vertical distances are equal returns. */
    static JFreeChart equityLog(ReportData d) {
        ReportData.Curves cv = d.curves();
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(positive("strategy equity", cv.time(), cv.equity()));
        ds.addSeries(positive("buy and hold", cv.time(), cv.buyHold()));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.EQUITY);
        r.setSeriesPaint(1, ChartStyle.BUY_HOLD);
        r.setSeriesStroke(0, ChartStyle.LINE);
        r.setSeriesStroke(1, ChartStyle.LINE);
        LogAxis y = ChartStyle.logAxis("equity (USDC, log scale)");
        XYPlot plot = new XYPlot(ds, ChartStyle.timeAxis(cv.time()[0], cv.time()[cv.time().length - 1]), y, r);
        Metrics m = d.metrics();
        return ChartStyle.apply(new JFreeChart("Equity vs buy and hold (log scale)", JFreeChart.DEFAULT_TITLE_FONT, plot,
                true), Fmt.f("strategy %s, buy and hold %s; on a log scale a straight line is a constant growth rate",
                Fmt.figure(m.returns().totalReturn(), Metrics.Unit.PERCENT),
                Fmt.figure(m.buyHold().totalReturn(), Metrics.Unit.PERCENT)));
    }

    /** Rolling Sharpe ratio (annualised) over the analysis window, with the whole-sample figure as a line. */
    static JFreeChart rollingSharpe(ReportData d) {
        Rolling ro = d.analysis().rolling();
        double whole = d.metrics().returns().sharpe();
        return rolling(d, ro, ro.sharpe(), "Rolling Sharpe ratio", "Sharpe ratio (annualised)", false, whole,
                Fmt.f("over the trailing %d bars (%s); whole sample %s (simple returns), %s (log returns)", ro.window(),
                        window(ro, d), Fmt.figure(whole, Metrics.Unit.RATIO),
                        Fmt.figure(d.metrics().returns().sharpeLog(), Metrics.Unit.RATIO)));
    }

    /** Rolling volatility (annualised) over the analysis window. */
    static JFreeChart rollingVolatility(ReportData d) {
        Rolling ro = d.analysis().rolling();
        double whole = d.metrics().returns().volatility();
        return rolling(d, ro, ro.volatility(), "Rolling volatility", "volatility (annualised)", true, whole,
                Fmt.f("over the trailing %d bars (%s); whole sample %s", ro.window(),
                        window(ro, d), Fmt.figure(whole, Metrics.Unit.PERCENT)));
    }

    /** "30 days" for a window of whole days, else the duration. */
    private static String window(Rolling ro, ReportData d) {
        long ms = ro.window() * d.candles().interval().millis();
        return ms % 86_400_000L == 0 ? (ms / 86_400_000L) + " days" : Fmt.duration(ms);
    }

    private static JFreeChart rolling(ReportData d, Rolling ro, double[] v, String title, String axis, boolean percent,
                                      double whole, String sub) {
        XYSeriesCollection ds = new XYSeriesCollection();
        ds.addSeries(decimated(title.toLowerCase(Locale.ROOT), ro.time(), v));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.EQUITY);
        r.setSeriesStroke(0, ChartStyle.LINE);
        NumberAxis y = ChartStyle.valueAxis(axis, percent);
        y.setAutoRangeIncludesZero(true);
        long[] t = d.curves().time();
        XYPlot plot = new XYPlot(ds, ChartStyle.timeAxis(t[0], t[t.length - 1]), y, r);
        plot.addRangeMarker(new ValueMarker(0, new Color(0x999999), ChartStyle.THIN));
        if (Double.isFinite(whole)) {
            plot.addRangeMarker(new ValueMarker(whole, ChartStyle.BUY_HOLD, ChartStyle.DASHED));
        }
        return ChartStyle.apply(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false),
                v.length == 0 ? "fewer bars than one window (" + ro.window() + ")" : sub);
    }

    /** Histogram of the daily returns with the 95 % VaR and CVaR marked. */
    static JFreeChart distribution(ReportData d) {
        double[] r = d.analysis().dailyReturns();
        TailRisk t = d.analysis().tails().day95();
        HistogramDataset ds = new HistogramDataset();
        boolean spread = false;
        for (int i = 1; i < r.length; i++) {
            spread |= r[i] != r[0];
        }
        if (r.length > 0) {
            if (spread) {
                ds.addSeries("days", r, Math.max(10, Math.min(80, r.length / 5)));
            } else {
                ds.addSeries("days", r, 1, r[0] - 0.005, r[0] + 0.005);
            }
        }
        XYBarRenderer br = new XYBarRenderer(0.08);
        br.setBarPainter(new StandardXYBarPainter());
        br.setShadowVisible(false);
        br.setSeriesPaint(0, ChartStyle.EQUITY);
        NumberAxis x = ChartStyle.valueAxis("daily return", true);
        NumberAxis y = ChartStyle.valueAxis("days", false);
        y.setAutoRangeIncludesZero(true);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        y.setNumberFormatOverride(null);
        XYPlot plot = new XYPlot(ds, x, y, br);
        marker(plot, t.var(), Fmt.f("VaR 95 %% %s", RunPage.pct(t.var())), ChartStyle.AMBER, TextAnchor.TOP_LEFT);
        marker(plot, t.cvar(), Fmt.f("CVaR 95 %% %s", RunPage.pct(t.cvar())), ChartStyle.DOWN, TextAnchor.TOP_RIGHT);
        JFreeChart chart = new JFreeChart("Distribution of daily returns", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        return ChartStyle.apply(chart, r.length == 0 ? "no complete day" : Fmt.f("%d UTC days; historical VaR: the worst"
                + " 5 %% of days lost %s or more, %s on average (CVaR)", r.length, RunPage.pct(-t.var()).replace("+", ""),
                RunPage.pct(-t.cvar()).replace("+", "")));
    }

    private static void marker(XYPlot plot, double v, String label, Color colour, TextAnchor anchor) {
        if (!Double.isFinite(v)) {
            return;
        }
        ValueMarker mk = new ValueMarker(v, colour, ChartStyle.DASHED);
        mk.setLabel(label);
        mk.setLabelFont(new Font(ChartStyle.FONT, Font.BOLD, 13));
        mk.setLabelPaint(colour);
        mk.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        mk.setLabelAnchor(anchor == TextAnchor.TOP_LEFT ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
        mk.setLabelTextAnchor(anchor);
        plot.addDomainMarker(mk);
    }

    private static XYSeries positive(String name, long[] t, double[] v) {
        XYSeries s = new XYSeries(name, false, true);
        int[] keep = ChartStyle.decimate(v, MAX_POINTS);
        for (int i : keep) {
            if (v[i] > 0) {
                s.add(t[i], v[i], false);
            }
        }
        return s;
    }

    private static XYSeries decimated(String name, long[] t, double[] v) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i : ChartStyle.decimate(v, MAX_POINTS)) {
            s.add(t[i], v[i], false);
        }
        return s;
    }
}
