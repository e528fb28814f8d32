package io.hypertrader.cli;

import io.hypertrader.backtest.sweep.TrialRunner;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Progress of many backtests: a progress bar on a terminal, a plain line every 10 % on stderr
 * otherwise, nothing with --quiet. Called from worker threads.
 */
final class StudyProgress implements TrialRunner.Progress, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final String task;
    private ProgressBar bar;
    private int lastDecile = -1;

    StudyProgress(PrintWriter err, boolean quiet, String task) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = !quiet && FetchProgress.isTerminal();
        this.task = task;
    }

    @Override
    public synchronized void completed(int done, int total) {
        if (quiet || total == 0) {
            return;
        }
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" backtests", 1).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(done);
            return;
        }
        int decile = (int) (10L * done / total);
        if (decile != lastDecile || done == total) {
            lastDecile = decile;
            err.println(task + ": " + done + "/" + total + " backtests");
            err.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
