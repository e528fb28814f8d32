package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sweep heatmaps: a configuration that lost money on average is never drawn green. */
class HeatmapColourTest {
    @Test
    void aLosingConfigurationIsCappedAtTheScalesZeroAndZeroIsWhite() {
        // cell (0,0): Sharpe +0.6 but a mean return of -40 %; cell (1,0): Sharpe +0.6 and +20 %; (0,1): -0.3 and -10 %
        double[][] z = {{0.6, -0.3}, {0.6, 0.1}};
        double[][] ret = {{-0.4, -0.1}, {0.2, 0.05}};
        StudyReport.Heatmap h = new StudyReport.Heatmap("h", "c", "h.png", "x", List.of("a", "b"), "y", List.of("c", "d"),
                z, "Sharpe", Metrics.Unit.RATIO, ret);
        assertThat(h.colourValue(0, 0)).isZero();
        assertThat(h.colourValue(1, 0)).isEqualTo(0.6);
        assertThat(h.colourValue(0, 1)).isEqualTo(-0.3);
        StudyReportWriter.Diverging scale = new StudyReportWriter.Diverging(0.6);
        Color zero = (Color) scale.getPaint(h.colourValue(0, 0));
        assertThat(zero).isEqualTo(Color.WHITE);
        Color win = (Color) scale.getPaint(h.colourValue(1, 0));
        Color loss = (Color) scale.getPaint(h.colourValue(0, 1));
        assertThat(win.getGreen()).isGreaterThan(win.getRed());
        assertThat(loss.getRed()).isGreaterThan(loss.getGreen());
        // without a verdict the value alone decides (the return heatmap: its value is the return)
        StudyReport.Heatmap plain = new StudyReport.Heatmap("h", "c", "h.png", "x", List.of("a", "b"), "y",
                List.of("c", "d"), ret, "return", Metrics.Unit.PERCENT);
        Color r = (Color) scale.getPaint(plain.colourValue(0, 0));
        assertThat(r.getRed()).isGreaterThan(r.getGreen());
    }
}
