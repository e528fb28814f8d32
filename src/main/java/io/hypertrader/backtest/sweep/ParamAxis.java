package io.hypertrader.backtest.sweep;

import io.hypertrader.core.UserError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code --param PATH=VALUES} of a sweep: a dotted config path and the values it takes, as the
 * text the config loader's overrides read. VALUES is an inclusive range {@code start:end:step}
 * (numbers; the last value is the largest {@code start + k * step <= end}, computed in exact decimal
 * arithmetic so 0.20:0.30:0.02 gives 0.2, 0.22, 0.24, 0.26, 0.28, 0.3), a comma list
 * ({@code 0.2,0.25,0.3} or words such as {@code bull,bear}), or a single value.
 *
 * @param path    dotted config path, e.g. {@code strategy.levels.hedge}
 * @param values  the values in order, distinct, as canonical text (numbers without trailing zeros)
 * @param numeric true when every value is a number (the axis of a heatmap)
 */
public record ParamAxis(String path, List<String> values, boolean numeric) {
    /** Most values one axis may have. */
    public static final int MAX_VALUES = 10_000;

    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");

    public ParamAxis {
        Objects.requireNonNull(path, "path");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("axis " + path + " has no values");
        }
    }

    /** The values as numbers (NaN for a non-numeric one). */
    public double[] numbers() {
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = numeric ? Double.parseDouble(values.get(i)) : Double.NaN;
        }
        return x;
    }

    /**
     * Parses the text of one {@code --param} flag.
     *
     * @throws UserError USAGE naming the flag and what is wrong with it
     */
    public static ParamAxis parse(String flag) {
        String text = flag == null ? "" : flag.trim();
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw bad(text, "expected PATH=VALUES, e.g. strategy.levels.hedge=0.20:0.30:0.02 or strategy.sizing.leverage=2,3,5");
        }
        String path = text.substring(0, eq).trim();
        String spec = text.substring(eq + 1).trim();
        if (!PATH.matcher(path).matches()) {
            throw bad(text, "'" + path + "' is not a dotted config path (letters, digits, '_' and '-' separated by '.')");
        }
        if (spec.isEmpty()) {
            throw bad(text, "no values after '='");
        }
        if (spec.indexOf(':') >= 0) {
            return new ParamAxis(path, range(text, spec), true);
        }
        LinkedHashSet<String> vals = new LinkedHashSet<>();
        boolean numeric = true;
        for (String part : spec.split(",", -1)) {
            String v = part.trim();
            if (v.isEmpty()) {
                throw bad(text, "empty value in the list '" + spec + "'");
            }
            BigDecimal d = number(v);
            numeric &= d != null;
            if (!vals.add(d != null ? canonical(d) : v)) {
                throw bad(text, "value " + v + " is listed twice");
            }
        }
        if (vals.size() > MAX_VALUES) {
            throw bad(text, vals.size() + " values; at most " + MAX_VALUES + " per parameter");
        }
        return new ParamAxis(path, new ArrayList<>(vals), numeric);
    }

    private static List<String> range(String flag, String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3) {
            throw bad(flag, "a range is start:end:step (inclusive), e.g. 0.20:0.30:0.02; got '" + spec + "'");
        }
        BigDecimal start = number(parts[0].trim());
        BigDecimal end = number(parts[1].trim());
        BigDecimal step = number(parts[2].trim());
        if (start == null || end == null || step == null) {
            throw bad(flag, "range bounds and step must be numbers, got '" + spec + "'");
        }
        if (step.signum() <= 0) {
            throw bad(flag, "step must be > 0, got " + parts[2].trim());
        }
        if (end.compareTo(start) < 0) {
            throw bad(flag, "end " + parts[1].trim() + " is below start " + parts[0].trim());
        }
        BigDecimal count = end.subtract(start).divideToIntegralValue(step).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw bad(flag, count.toPlainString() + " values; at most " + MAX_VALUES + " per parameter (use a larger step)");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count.intValue(); i++) {
            out.add(canonical(start.add(step.multiply(BigDecimal.valueOf(i)))));
        }
        return out;
    }

    private static BigDecimal number(String s) {
        if (s.isEmpty() || !s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    private static String canonical(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static UserError bad(String flag, String why) {
        return UserError.usage("--param " + flag + ": " + why);
    }
}
