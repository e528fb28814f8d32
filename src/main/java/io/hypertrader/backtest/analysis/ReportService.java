package io.hypertrader.backtest.analysis;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.UserError;
import io.hypertrader.report.ReportData;
import io.hypertrader.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes the report folder of one backtest, {@code <reportsRoot>/<runId>/}: the metrics come from
 * analytics through {@link RunAdapter}, the files from {@link ReportWriter}. The {@code backtest}
 * command calls it after every run (unless {@code --no-report}); {@code hypertrader report RUN_ID}
 * calls it on a stored run.
 */
public final class ReportService {
    /** Default folder of run reports, relative to the working directory. */
    public static final String DEFAULT_ROOT = "reports";

    private ReportService() {
    }

    /**
     * Computes the metrics of {@code result} and writes its report into {@code reportsRoot/runId}.
     *
     * @param candles  the replayed series, in the order of {@link BacktestResult#coins()}
     * @param levels   cycle levels per coin (empty for strategies without cycles)
     * @param manifest run manifest in display order (config, hashes, seed, data, code version ...)
     * @return the written index.html
     * @throws UserError FAILURE when the folder cannot be written
     */
    public static Path writeFor(BacktestResult result, List<CandleSeries> candles, Map<Coin, CycleLevels> levels,
                                String runId, String title, SequencedMap<String, String> manifest, Path reportsRoot) {
        RunAdapter adapter = new RunAdapter(result, candles, levels);
        Metrics metrics = adapter.metrics();
        ReportData data = adapter.reportData(runId, title, manifest, metrics);
        Path dir = reportsRoot.resolve(runId);
        try {
            return ReportWriter.DEFAULT.write(data, dir);
        } catch (IOException e) {
            throw new UserError(UserError.Kind.FAILURE, "cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }
}
