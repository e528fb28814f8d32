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

/**
 * Writes a run report folder: index.html, the PNG charts beside it, metrics.json, trades.csv,
 * equity.csv and (for strategies with cycles) cycles.csv.
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

    private static void render(ReportData d, Path out) throws IOException {
        List<Html.Chart> charts = new ArrayList<>();
        int bars = d.candles().size();
        chart(out, charts, "candles.png", Charts.candles(d, 0, bars, d.candles().coin() + " " + d.candles().interval()
                        + " candles with cycle levels and fills"),
                "Candles with each cycle's entry E, high H and Fibonacci levels, and every fill (▲ buy, ▼ sell).");
        if (bars > Charts.MAX_CANDLES) {
            int from = Math.max(0, bars - Charts.DETAIL_BARS);
            chart(out, charts, "candles-detail.png", Charts.candles(d, from, bars, "Last " + (bars - from) + " bars"),
                    "The most recent bars at their own interval, with the same levels and fills.");
        }
        chart(out, charts, "equity.png", Charts.equity(d),
                "Account equity after all costs against buying the coin with the same initial equity.");
        chart(out, charts, "drawdown.png", Charts.drawdown(d), "Drawdown below the running peak.");
        chart(out, charts, "exposure.png", Charts.exposure(d),
                "Notional of the long and short legs (short drawn below zero) and the net position the exchange holds.");
        chart(out, charts, "slippage.png", Charts.histogram(d, true), "Slippage of each fill against its reference price.");
        chart(out, charts, "latency.png", Charts.histogram(d, false), "Latency from the decision to the fill.");
        if (!d.metrics().capture().cycles().isEmpty()) {
            chart(out, charts, "capture.png", Charts.capture(d),
                    "Capture of the open gain per completed cycle against the ideal of STRATEGY.md section 8.");
        }
        List<String> files = new ArrayList<>(List.of("metrics.json", "trades.csv", "equity.csv"));
        write(out.resolve("metrics.json"), MetricsJson.write(d));
        write(out.resolve("trades.csv"), Csv.trades(d.fills()));
        write(out.resolve("equity.csv"), Csv.equity(d.curves()));
        if (!d.cycles().isEmpty()) {
            files.add("cycles.csv");
            write(out.resolve("cycles.csv"), Csv.cycles(d.cycles(), d.metrics().capture()));
        }
        write(out.resolve(INDEX), Html.page(d, charts, files));
    }

    private static void chart(Path out, List<Html.Chart> charts, String file, JFreeChart chart, String caption)
            throws IOException {
        ChartStyle.save(chart, out.resolve(file), ChartStyle.WIDTH, ChartStyle.HEIGHT);
        charts.add(new Html.Chart(file, caption));
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
