package io.hypertrader.cli;

import io.hypertrader.data.MarketDataFetcher;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Fetch progress: a progress bar on a terminal, plain log lines on stderr otherwise, nothing
 * with --quiet.
 */
final class FetchProgress implements MarketDataFetcher.Listener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final String task;
    private ProgressBar bar;
    private long lastLogged = -1;

    FetchProgress(PrintWriter err, boolean quiet, String task) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = !quiet && isTerminal();
        this.task = task;
    }

    /** True when stdin/stdout are a terminal (Console.isTerminal on JDK 22+, where console() is never null). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a non-null console is a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Logs a line (retries, notes) unless quiet. */
    void log(String line) {
        if (quiet) {
            return;
        }
        if (bar != null) {
            bar.setExtraMessage(line.length() > 60 ? line.substring(0, 60) + "..." : line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void info(String line) {
        log(line);
    }

    @Override
    public void candleProgress(long done, long total) {
        if (quiet || total == 0) {
            return;
        }
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" candles", 1).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(done);
        } else if (done != lastLogged) {
            lastLogged = done;
            err.println(task + ": " + done + "/" + total + " candles");
            err.flush();
        }
    }

    @Override
    public void fundingProgress(long done) {
        if (!quiet && !terminal) {
            err.println(task + " funding: " + done + " rows received");
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
