package io.hypertrader.data;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads candle files for import: the project CSV format ({@code open_time_ms,open,high,low,close,volume},
 * header required, optional {@code trades} column, UTC epoch-ms bar opens, ascending) or a
 * Hyperliquid candleSnapshot JSON array. Everything is parsed and validated before anything is
 * returned, so an import either stores a whole file or nothing; errors name the line (CSV) or
 * element (JSON) and the reason.
 */
public final class CandleFiles {
    /** The CSV header this project reads and writes. */
    public static final String CSV_HEADER = "open_time_ms,open,high,low,close,volume";
    private static final List<String> REQUIRED = List.of("open_time_ms", "open", "high", "low", "close", "volume");

    private CandleFiles() {
    }

    /** A parsed file: the candles and, for JSON, how many still-forming candles were dropped. */
    public record Parsed(List<Candle> candles, int droppedForming) {
    }

    /**
     * Reads and validates a CSV or JSON (chosen by the first non-blank character) candle file.
     *
     * @param nowMs candles whose close time is at or after this (still forming) are dropped
     * @throws UserError USAGE naming the file, line/element and reason
     */
    public static Parsed read(Path file, Coin coin, Interval interval, long nowMs) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw UserError.usage("import file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read import file " + file + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String head = text.stripLeading();
        if (head.startsWith("[")) {
            return readJson(file, bytes, coin, interval, nowMs);
        }
        return new Parsed(readCsv(file, text, interval), 0);
    }

    static List<Candle> readCsv(Path file, String text, Interval interval) {
        List<Candle> out = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String header = r.readLine();
            if (header == null || header.isBlank() && text.isBlank()) {
                throw UserError.usage(file + ": empty file; expected the header " + CSV_HEADER + " and one row per candle");
            }
            if (header.isBlank()) {
                throw UserError.usage(file + " line 1: blank; expected the header " + CSV_HEADER);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            List<String> cols = Arrays.stream(header.split(",", -1)).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            for (String c : cols) {
                if (!REQUIRED.contains(c) && !c.equals("trades")) {
                    throw UserError.usage(file + " line 1: unknown column '" + c + "'; expected the header "
                            + CSV_HEADER + " (optionally with trades)");
                }
            }
            int[] idx = new int[REQUIRED.size()];
            for (int k = 0; k < REQUIRED.size(); k++) {
                idx[k] = cols.indexOf(REQUIRED.get(k));
                if (idx[k] < 0) {
                    throw UserError.usage(file + " line 1: missing column '" + REQUIRED.get(k) + "'; expected the header " + CSV_HEADER);
                }
            }
            int tradesIdx = cols.indexOf("trades");
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != cols.size()) {
                    throw UserError.usage(file + " line " + lineNo + ": " + f.length + " fields, expected " + cols.size()
                            + "; nothing imported");
                }
                long t = parseLong(file, lineNo, "open_time_ms", f[idx[0]]);
                String unit = EpochUnits.misread("open_time_ms", t);
                if (unit != null) {
                    throw UserError.usage(file + " line " + lineNo + ": " + unit + "; nothing imported");
                }
                long trades = tradesIdx < 0 || f[tradesIdx].isBlank() ? -1 : parseLong(file, lineNo, "trades", f[tradesIdx]);
                out.add(new Candle(t, IntervalGrid.closeTime(interval, t),
                        parseDouble(file, lineNo, "open", f[idx[1]]), parseDouble(file, lineNo, "high", f[idx[2]]),
                        parseDouble(file, lineNo, "low", f[idx[3]]), parseDouble(file, lineNo, "close", f[idx[4]]),
                        parseDouble(file, lineNo, "volume", f[idx[5]]), trades));
                lines.add(lineNo);
            }
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read " + file + ": " + e, e);
        }
        if (out.isEmpty()) {
            throw UserError.usage(file + ": the header but no candle rows; nothing to import");
        }
        CandleValidation.Problem p = CandleValidation.firstProblem(interval, out);
        if (p != null) {
            throw UserError.usage(file + " line " + lines.get(p.index()) + ": " + p + "; nothing imported");
        }
        return out;
    }

    static Parsed readJson(Path file, byte[] bytes, Coin coin, Interval interval, long nowMs) {
        List<HyperliquidWire.WireCandle> wire;
        try {
            wire = HyperliquidWire.parseCandles(bytes);
        } catch (MalformedResponseException e) {
            throw UserError.usage(file + ": not a Hyperliquid candleSnapshot array: " + e.getMessage() + "; nothing imported");
        }
        if (wire.isEmpty()) {
            throw UserError.usage(file + ": an empty candleSnapshot array (no candles); nothing to import");
        }
        List<Candle> out = new ArrayList<>(wire.size());
        int dropped = 0;
        for (int i = 0; i < wire.size(); i++) {
            HyperliquidWire.WireCandle w = wire.get(i);
            if (!w.interval().equals(interval.code())) {
                throw UserError.usage(file + " element " + (i + 1) + ": interval '" + w.interval() + "' but --interval "
                        + interval + "; nothing imported");
            }
            if (!w.coin().equals(coin.name())) {
                throw UserError.usage(file + " element " + (i + 1) + ": coin '" + w.coin() + "' but --coin " + coin
                        + "; nothing imported");
            }
            if (w.closeT() >= nowMs) {
                dropped++;
                continue;
            }
            out.add(w.toCandle());
        }
        if (out.isEmpty()) {
            throw UserError.usage(file + ": all " + dropped + " candles are still forming (their close time is not past);"
                    + " nothing to import");
        }
        CandleValidation.Problem p = CandleValidation.firstProblem(interval, out);
        if (p != null) {
            throw UserError.usage(file + " element " + (p.index() + 1) + ": " + p + "; nothing imported");
        }
        return new Parsed(out, dropped);
    }

    /**
     * Writes candles in the project CSV format, numbers as plain shortest decimals
     * ({@link #formatNumber(double)}), one bar per line, '\n' line ends.
     */
    public static void writeCsv(List<Candle> candles, java.io.Writer w) throws IOException {
        w.write(CSV_HEADER);
        w.write('\n');
        for (Candle k : candles) {
            w.write(Long.toString(k.openTime()));
            w.write(',');
            w.write(formatNumber(k.open()));
            w.write(',');
            w.write(formatNumber(k.high()));
            w.write(',');
            w.write(formatNumber(k.low()));
            w.write(',');
            w.write(formatNumber(k.close()));
            w.write(',');
            w.write(formatNumber(k.volume()));
            w.write('\n');
        }
    }

    /** The shortest decimal that reads back as {@code d}, without exponent or trailing zeros (60000, 0.0016). */
    public static String formatNumber(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static long parseLong(Path file, int line, String col, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw UserError.usage(file + " line " + line + ": " + col + " '" + s + "' is not an integer (epoch ms); nothing imported");
        }
    }

    private static double parseDouble(Path file, int line, String col, String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw UserError.usage(file + " line " + line + ": " + col + " '" + s + "' is not a number; nothing imported");
        }
    }
}
