/**
 * Report writers: {@code index.html}, PNG charts (JFreeChart), {@code metrics.json},
 * {@code trades.csv}, {@code equity.csv} and {@code cycles.csv}, written into a temporary folder
 * and moved into place whole.
 *
 * <p>Render only: every number shown is computed elsewhere (analytics, the engine) and arrives in
 * a {@link io.hypertrader.report.ReportData}; this package formats it (Locale.ROOT, UTC) and draws
 * it. The one exception is display-only candle grouping for the overview chart (many bars to a
 * readable number of candles), which changes no figure. Same data gives the same bytes for the
 * JSON, CSV and HTML files.
 */
package io.hypertrader.report;
