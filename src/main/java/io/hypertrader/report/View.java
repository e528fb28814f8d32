package io.hypertrader.report;

import java.util.List;

/**
 * What the HTML templates (src/main/jte/report/*.jte) read: text already formatted (Locale.ROOT,
 * UTC), grouped as the page shows it. The templates only lay it out; jte escapes every value for
 * where it stands (element text or attribute), so no text here is HTML.
 */
public final class View {
    private View() {
    }

    /** A headline card; {@code tone} is a CSS class: "", "pos", "neg" or "warn". */
    public record Card(String label, String value, String note, String tone) {
    }

    /** A chart image beside the page and its caption. */
    public record Figure(String file, String caption, int width, int height) {
    }

    /** A column heading; numeric columns are right-aligned. {@code title} is the hover text ("" for none). */
    public record Col(String label, boolean numeric, String title) {
        public static Col text(String label) {
            return new Col(label, false, "");
        }

        public static Col num(String label) {
            return new Col(label, true, "");
        }
    }

    /** A cell, its CSS class ("" for none; "pos", "neg", "partial" ...) and a link target ("" for none, e.g. "#f-sharpe"). */
    public record Cell(String text, String cls, String href) {
        public Cell(String text, String cls) {
            this(text, cls, "");
        }

        public static Cell of(String text) {
            return new Cell(text, "", "");
        }

        public static Cell link(String text, String href) {
            return new Cell(text, "", href);
        }
    }

    /** A table row and its CSS class. */
    public record Row(List<Cell> cells, String cls) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** One page of a long table: rows [from, to) shown under the summary "label from+1-to of n". */
    public record Page(String summary, boolean open, List<Row> rows) {
    }

    /**
     * A table under a heading. Tables longer than {@code pageSize} rows are shown as collapsible
     * pages (the first one open), each with the header row, so a long list stays readable and the
     * page needs no script.
     *
     * @param id       the section's anchor
     * @param heading  the section heading ("" for none)
     * @param caption  text above the table ("" for none)
     * @param note     text below the table ("" for none)
     * @param wide     true for tables that may be wider than the page: they scroll sideways in their box
     */
    public record Table(String id, String heading, String caption, List<Col> cols, List<Row> rows, int pageSize,
                        String note, boolean wide) {
        public Table {
            cols = List.copyOf(cols);
            rows = List.copyOf(rows);
        }

        /** The CSS class of the cell in column {@code i}: "num" for numeric columns plus the cell's own; null for none. */
        public String cellClass(int i, Cell c) {
            boolean num = i < cols.size() && cols.get(i).numeric();
            String s = (num ? "num" : "") + (c.cls().isEmpty() ? "" : (num ? " " : "") + c.cls());
            return s.isEmpty() ? null : s;
        }

        /** The rows in pages of {@code pageSize} (one page when they fit). */
        public List<Page> pages() {
            if (pageSize <= 0 || rows.size() <= pageSize) {
                return List.of(new Page("", true, rows));
            }
            List<Page> out = new java.util.ArrayList<>();
            for (int from = 0; from < rows.size(); from += pageSize) {
                int to = Math.min(rows.size(), from + pageSize);
                out.add(new Page("rows " + (from + 1) + "–" + to + " of " + rows.size(), from == 0,
                        rows.subList(from, to)));
            }
            return out;
        }
    }

    /** A manifest line; multi-line values (config text) are shown preformatted. */
    public record Entry(String key, String value) {
        public boolean multiline() {
            return value.indexOf('\n') >= 0;
        }
    }

    /** A formula of the appendix. */
    public record Formula(String id, String title, String text) {
    }

    /**
     * The path interval box of the first screen.
     *
     * @param table   one row per path mode plus the interval row
     * @param warning the plain warning when the modes disagree materially ("" when they do not)
     * @param summary one sentence of what the box shows
     */
    public record PathBox(Table table, String warning, String summary) {
    }

    /**
     * A run report page.
     *
     * @param synthetic   the synthetic-data banner's text ("" for market data)
     * @param pathBox     the path interval (null when not computed)
     * @param equity      the equity chart on a linear scale and on a log scale (the page switches between them)
     * @param charts      the other charts in page order
     * @param tables      the analysis tables in page order (calendar returns, tail risk, drawdowns, per coin,
     *                    exit reasons, trade list, metrics, rejections)
     * @param dataFiles   the CSV and JSON files beside the page
     */
    public record Run(String title, String runId, String subtitle, String synthetic, PathBox pathBox,
                      List<String> warnings, List<Card> cards, List<Figure> leadCharts, Figure equity, Figure equityLog,
                      List<Figure> charts, List<Table> tables, List<Entry> manifest, List<String> dataFiles,
                      List<Formula> formulas) {
    }

    /** One block of a study page: exactly one of cards, table or figure. */
    public record Block(String heading, List<Card> cards, Table table, Figure figure) {
    }

    /** A study (sweep, Monte Carlo, walk-forward) page. */
    public record Study(String title, String id, List<String> warnings, List<Block> blocks, List<Entry> manifest,
                        List<String> dataFiles) {
    }
}
