package io.hypertrader.report;

import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Writes a run report folder: index.html (from the jte template report/run.jte), the PNG charts
 * beside it, metrics.json, trades.csv, equity.csv and (for strategies with cycles) cycles.csv.
 *
 * <p>Everything is written into a hidden temporary folder next to the target and then moved into
 * place with one rename, replacing an older report of the same run: a reader never sees a
 * half-written report, and a failure leaves the old one untouched.
 */
public final class ReportWriter {
    /** The writer; it holds no state. */
    public static final ReportWriter DEFAULT = new ReportWriter();

    private ReportWriter() {
    }

    /** Files of a report in the order the page lists them. */
    public static final String INDEX = "index.html";

    /**
     * Writes the report of {@code data} into {@code dir} (created; replaced if it exists).
     *
     * @return {@code dir}/index.html
     */
    public Path write(ReportData data, Path dir) throws IOException {
        return writeWhole(dir, tmp -> render(data, tmp));
    }

    /** Fills a fresh folder with a report's files. */
    @FunctionalInterface
    interface Renderer {
        void render(Path folder) throws IOException;
    }

    /**
     * Renders into a temporary sibling folder, then moves it into place as {@code dir}, replacing
     * what was there: a reader sees the old report or the new one whole, never a half-written one.
     *
     * @return {@code dir}/index.html
     */
    static Path writeWhole(Path dir, Renderer renderer) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
        try {
            renderer.render(tmp);
            replace(tmp, target, parent, name);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        return target.resolve(INDEX);
    }

    /** A chart to draw: its file, caption and how to build it (built on a worker thread). */
    record ChartJob(String file, String caption, Supplier<JFreeChart> chart) {
    }

    private static void render(ReportData d, Path out) throws IOException {
        int bars = d.candles().size();
        List<ChartJob> lead = new ArrayList<>();
        lead.add(new ChartJob("candles.png", "Candles with each cycle's entry E, high H and Fibonacci levels, and every"
                + " fill (▲ buy, ▼ sell)" + (d.analysis().perCoin().rowCount() > 1 ? " of " + d.candles().coin().name()
                + ", the portfolio's first coin." : "."), () -> Charts.candles(d, 0, bars, d.candles().coin() + " "
                + d.candles().interval() + " candles with cycle levels and fills")));
        if (bars > Charts.MAX_CANDLES) {
            int from = Math.max(0, bars - Charts.DETAIL_BARS);
            lead.add(new ChartJob("candles-detail.png", "The most recent bars at their own interval, with the same levels"
                    + " and fills.", () -> Charts.candles(d, from, bars, "Last " + (bars - from) + " bars")));
        }
        ChartJob equity = new ChartJob("equity.png", "Account equity after all costs against buying the coin with the"
                + " same initial equity.", () -> Charts.equity(d));
        ChartJob equityLog = new ChartJob("equity-log.png", "The same on a log scale: equal heights are equal returns,"
                + " so a long run's early and late moves compare.", () -> AnalysisCharts.equityLog(d));
        List<ChartJob> rest = new ArrayList<>(List.of(
                new ChartJob("drawdown.png", "Drawdown below the running peak.", () -> Charts.drawdown(d)),
                new ChartJob("rolling-sharpe.png", "Sharpe ratio over a trailing window: when the strategy earned its"
                        + " keep and when it did not.", () -> AnalysisCharts.rollingSharpe(d)),
                new ChartJob("rolling-volatility.png", "Annualised volatility of the equity over the same trailing window.",
                        () -> AnalysisCharts.rollingVolatility(d)),
                new ChartJob("returns-distribution.png", "Daily returns with the historical 95 % value at risk and"
                        + " conditional value at risk (expected shortfall).", () -> AnalysisCharts.distribution(d)),
                new ChartJob("exposure.png", "Notional of the long and short legs (short drawn below zero) and the net"
                        + " position the exchange holds.", () -> Charts.exposure(d)),
                new ChartJob("slippage.png", "Slippage of each fill against its reference price.",
                        () -> Charts.histogram(d, true)),
                new ChartJob("latency.png", "Latency from the decision to the fill.", () -> Charts.histogram(d, false))));
        if (!d.metrics().capture().cycles().isEmpty()) {
            rest.add(new ChartJob("capture.png", "Capture of the open gain per completed cycle against the ideal of"
                    + " docs/strategy.md, \"Cycles and capture\".", () -> Charts.capture(d)));
        }
        List<ChartJob> all = new ArrayList<>(lead);
        all.add(equity);
        all.add(equityLog);
        all.addAll(rest);
        drawAll(all, out);

        List<String> files = new ArrayList<>(List.of("metrics.json", "trades.csv", "equity.csv"));
        write(out.resolve("metrics.json"), MetricsJson.write(d));
        write(out.resolve("trades.csv"), Csv.trades(d.fills()));
        write(out.resolve("equity.csv"), Csv.equity(d.curves()));
        if (!d.cycles().isEmpty()) {
            files.add("cycles.csv");
            write(out.resolve("cycles.csv"), Csv.cycles(d.cycles(), d.metrics().capture(), d.analysis().trades()));
        }
        View.Run page = RunPage.of(d, figures(lead), figure(equity), figure(equityLog), figures(rest), files);
        write(out.resolve(INDEX), Templates.run(page));
    }

    /**
     * Draws the charts into {@code out}, two at a time: each chart is its own object and file, so the
     * order of drawing changes no byte, and on two cores the report's slowest part takes half as long.
     */
    static void drawAll(List<ChartJob> jobs, Path out) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(CHART_THREADS, Math.max(1, jobs.size())), r -> {
            Thread t = new Thread(r, "report-charts");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (ChartJob j : jobs) {
                done.add(pool.submit(() -> {
                    ChartStyle.save(j.chart().get(), out.resolve(j.file()), ChartStyle.WIDTH, ChartStyle.HEIGHT);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof IOException io) {
                        throw io;
                    }
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException("drawing a chart failed: " + c, c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while drawing the charts", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Threads that draw charts: the machines this runs on have two cores or more. */
    static final int CHART_THREADS = 2;

    static View.Figure figure(ChartJob j) {
        return new View.Figure(j.file(), j.caption(), ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    static List<View.Figure> figures(List<ChartJob> jobs) {
        return jobs.stream().map(ReportWriter::figure).toList();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void replace(Path tmp, Path target, Path parent, String name) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(parent, "." + name + ".old-");
            Files.delete(old);
            move(target, old);
        }
        try {
            move(tmp, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
