package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * A report over many backtests (a sweep, a Monte Carlo ensemble, a walk-forward), already
 * computed: a manifest, warnings, and blocks in page order (tables, a heatmap, a fan chart, line
 * charts), plus CSV files. Like {@link ReportData}, it holds numbers; {@link StudyReportWriter}
 * only formats and draws them.
 *
 * @param id       folder-safe id (the folder is chosen by the caller, e.g. reports/sweep-&lt;id&gt;)
 * @param title    page title
 * @param manifest key/values in display order (config, grid, seeds, threads, data, code version ...)
 * @param warnings read-this-first notes
 * @param blocks   page content in order
 * @param csv      data files written beside index.html
 */
public record StudyReport(String id, String title, SequencedMap<String, String> manifest, List<String> warnings,
                          List<Block> blocks, List<CsvFile> csv) {
    public StudyReport {
        Objects.requireNonNull(id, "id");
        title = title == null ? id : title;
        manifest = new LinkedHashMap<>(manifest);
        warnings = List.copyOf(warnings);
        blocks = List.copyOf(blocks);
        csv = List.copyOf(csv);
    }

    public Map<String, String> manifestView() {
        return java.util.Collections.unmodifiableMap(manifest);
    }

    /** One table cell: a number shown in its unit, or text (when {@code text} is not null). */
    public record Cell(double value, Metrics.Unit unit, String text) {
        public static Cell of(double v, Metrics.Unit unit) {
            return new Cell(v, unit, null);
        }

        public static Cell text(String s) {
            return new Cell(Double.NaN, null, s == null ? "" : s);
        }
    }

    /** A column heading; numeric columns are right-aligned. */
    public record Column(String label, boolean numeric) {
    }

    /** A page block. */
    public sealed interface Block permits Table, Heatmap, Fan, Lines, Cards {
        String heading();
    }

    /** Headline figures as cards. */
    public record Cards(String heading, List<Card> cards) implements Block {
        public Cards {
            cards = List.copyOf(cards);
        }
    }

    /** One card: label, value, note. */
    public record Card(String label, Cell value, String note) {
    }

    /** A table with a caption under its heading. */
    public record Table(String heading, String caption, List<Column> columns, List<List<Cell>> rows) implements Block {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A metric over two parameters: z[i][j] at xValues[i], yValues[j] (NaN = not run), drawn with a
     * diverging colour scale centred on 0 and, for small grids, the value in each cell.
     * {@code verdict}[i][j], when given, is the cell's mean total return: a cell whose configuration
     * lost money is never drawn green, whatever its z (its colour is capped at the scale's zero).
     */
    public record Heatmap(String heading, String caption, String file, String xLabel, List<String> xValues,
                          String yLabel, List<String> yValues, double[][] z, String zLabel, Metrics.Unit unit,
                          double[][] verdict) implements Block {
        public Heatmap {
            xValues = List.copyOf(xValues);
            yValues = List.copyOf(yValues);
        }

        public Heatmap(String heading, String caption, String file, String xLabel, List<String> xValues, String yLabel,
                       List<String> yValues, double[][] z, String zLabel, Metrics.Unit unit) {
            this(heading, caption, file, xLabel, xValues, yLabel, yValues, z, zLabel, unit, null);
        }

        /** The value the cell is coloured by: z, capped at 0 when the configuration lost money on average. */
        public double colourValue(int i, int j) {
            double v = z[i][j];
            return verdict != null && verdict[i][j] < 0 && v > 0 ? 0 : v;
        }
    }

    /**
     * Quantile bands over time: bands[q][t] at levels[q] (ascending; the middle one is drawn as the
     * line, the outer pairs as shaded bands). {@code scale}: how the value axis reads.
     */
    public record Fan(String heading, String caption, String file, long[] time, double[] levels, double[][] bands,
                      String yLabel, Scale scale) implements Block {
        public Fan(String heading, String caption, String file, long[] time, double[] levels, double[][] bands,
                   String yLabel) {
            this(heading, caption, file, time, levels, bands, yLabel, Scale.LINEAR);
        }
    }

    /** How a chart's value axis reads. */
    public enum Scale {
        /** Plain numbers. */
        LINEAR,
        /** Logarithmic (equal heights are equal ratios); falls back to linear when a value is not above 0. */
        LOG,
        /** Fractions shown as percentages. */
        PERCENT
    }

    /** Line series over time (e.g. stitched out-of-sample equity and buy and hold). */
    public record Lines(String heading, String caption, String file, long[] time, List<Series> series, String yLabel,
                        boolean percent, Scale scale) implements Block {
        public Lines {
            series = List.copyOf(series);
        }

        public Lines(String heading, String caption, String file, long[] time, List<Series> series, String yLabel,
                     boolean percent) {
            this(heading, caption, file, time, series, yLabel, percent, percent ? Scale.PERCENT : Scale.LINEAR);
        }
    }

    /** A named series of values at the times of its chart. */
    public record Series(String name, double[] values) {
    }

    /** A CSV file: header and rows of cells (numbers in their shortest exact decimal form). */
    public record CsvFile(String name, List<String> header, List<List<Cell>> rows) {
        public CsvFile {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
