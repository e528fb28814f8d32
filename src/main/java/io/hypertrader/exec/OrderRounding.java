package io.hypertrader.exec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Hyperliquid's price and size grid, the one rounding component shared by the simulator and the
 * live venue, so a backtest can never place an order the exchange would refuse.
 *
 * <p>Rules (docs/exchange.md, "Order rules"): a size has at most {@code szDecimals} decimals; a
 * price has at most 5 significant figures and at most {@code 6 - szDecimals} decimals for perps
 * ({@code 8 - szDecimals} for spot), except that integer prices are always allowed; an order must
 * be worth at least {@link #MIN_NOTIONAL_USD}. Choose the price rounding mode by intent: a passive
 * buy rounds down and a passive sell up; an aggressive (IOC/market) buy rounds up and sell down.
 * Sizes round down so an order never exceeds the intended amount.
 *
 * <p>The {@code double} methods are for the replay loop; they go through {@link BigDecimal} (from
 * the shortest decimal representation of the double), so both paths give identical results.
 */
public final class OrderRounding {

    /** Hyperliquid's minimum order value, in USDC, for perps. */
    public static final double MIN_NOTIONAL_USD = 10.0;

    /** Significant figures allowed in a non-integer price. */
    public static final int PRICE_SIG_FIGS = 5;

    /** The wire format carries at most 8 decimals (float_to_wire refuses more). */
    public static final int MAX_WIRE_DECIMALS = 8;

    private OrderRounding() {
    }

    /** Most decimals a price may have: 6 - szDecimals for perps, 8 - szDecimals for spot (never negative). */
    public static int maxPriceDecimals(int szDecimals, boolean spot) {
        return Math.max(0, (spot ? 8 : 6) - szDecimals);
    }

    /**
     * Rounds a price onto the grid.
     *
     * @param px         a positive price
     * @param szDecimals the coin's size decimals (meta.universe[i].szDecimals)
     * @param spot       true for spot markets (8 instead of 6 max decimals)
     * @param mode       direction; use {@link RoundingMode#FLOOR}/{@link RoundingMode#CEILING} by intent,
     *                   or {@link RoundingMode#HALF_EVEN} for "nearest"
     */
    public static BigDecimal roundPrice(BigDecimal px, int szDecimals, boolean spot, RoundingMode mode) {
        if (px.signum() <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + px.toPlainString());
        }
        if (isInteger(px)) {
            return px.setScale(0, RoundingMode.UNNECESSARY);
        }
        if (px.precision() - px.scale() > PRICE_SIG_FIGS) {
            // More than 5 integer digits (e.g. BTC above 100000): every integer is valid, so the
            // finest tick is 1, not the 10 that 5 significant figures would impose (the SDK rounds
            // prices above 100000 to an integer for the same reason).
            return px.setScale(0, mode);
        }
        BigDecimal sig = px.round(new MathContext(PRICE_SIG_FIGS, mode));
        // Rounding to 5 significant figures can itself yield an integer (e.g. 12345.67 -> 12346): allowed.
        int maxDec = maxPriceDecimals(szDecimals, spot);
        BigDecimal out = sig.scale() > maxDec ? sig.setScale(maxDec, mode) : sig;
        if (out.signum() <= 0) {
            // A price below the smallest tick rounds to zero: keep the smallest valid tick instead.
            out = BigDecimal.ONE.movePointLeft(maxDec);
        }
        return strip(out);
    }

    /**
     * {@link #roundPrice(BigDecimal, int, boolean, RoundingMode)} of {@code BigDecimal.valueOf(px)}
     * for the replay loop: the same bits, without BigDecimal for CEILING and FLOOR (the simulator's
     * taker prices and the strategy's limit prices).
     */
    public static double roundPrice(double px, int szDecimals, boolean spot, RoundingMode mode) {
        if (!(px > 0) || Double.isInfinite(px)) {
            throw new IllegalArgumentException("price must be positive and finite, got " + px);
        }
        if ((mode == RoundingMode.CEILING || mode == RoundingMode.FLOOR) && px < PRICE_FAST_LIMIT) {
            return roundPriceDirected(px, maxPriceDecimals(szDecimals, spot), mode == RoundingMode.CEILING);
        }
        return roundPrice(BigDecimal.valueOf(px), szDecimals, spot, mode).doubleValue();
    }

    /*
     * The directed (CEILING/FLOOR) fast path of roundPrice(double), equal to the BigDecimal path bit
     * for bit (OrderRoundingFastPathTest compares them on millions of prices). With D the decimal
     * BigDecimal.valueOf(px) reads (the shortest that rounds to px):
     *  - D is an integer exactly when px is (below 2^53): returned as is.
     *  - D >= 100000 exactly when px >= 100000; D is then not an integer, and no integer lies
     *    between D and px (it would be a double nearer to D than px), so floor/ceil of px are D's.
     *  - Otherwise the grid step is 10^k, k = max(e - 4, -maxDec) with e = D's decimal exponent
     *    (floor(log10(px)), corrected by exact comparison with the double nearest 10^e, whose
     *    shortest decimal is exactly 10^e). Rounding to 5 significant figures and then to maxDec
     *    decimals in one direction is rounding once to the coarser of the two nested grids. With
     *    s = 10^-k (exact, 1 to 1e8) and y = fl(px * s) < 1e5, |D * s - y| < 2^-52 * y < 3e-11, so
     *    the same argument as roundSizeFast gives the directed rounding j of D * s: away from
     *    integers from floor(y); near r = rint(y), D is on the grid when r / s == px (two decimals
     *    of at most 5 significant figures that round to the same double are equal), else above r
     *    when r / s < px and below it otherwise (rounding is monotonic). j / s is then the double
     *    nearest j * 10^k, as BigDecimal.doubleValue() gives it; j = 0 (FLOOR below the smallest
     *    tick) keeps the smallest tick, as the BigDecimal path does.
     */
    private static final double PRICE_FAST_LIMIT = 0x1p53;
    /** The doubles nearest 10^e for e = -324..308, index e + 324 (each one's shortest decimal is 10^e). */
    private static final double[] POW10_NEAREST = new double[633];

    static {
        for (int e = -324; e <= 308; e++) {
            POW10_NEAREST[e + 324] = Double.parseDouble("1e" + e);
        }
    }

    private static double roundPriceDirected(double px, int maxDec, boolean up) {
        if (px == Math.rint(px)) {
            return px;
        }
        if (px >= 100_000) {
            return up ? Math.ceil(px) : Math.floor(px);
        }
        int e = (int) Math.floor(Math.log10(px));
        if (px < POW10_NEAREST[e + 324]) {
            e--;
        } else if (px >= POW10_NEAREST[e + 325]) {
            e++;
        }
        int k = Math.max(e - (PRICE_SIG_FIGS - 1), -maxDec); // k <= 0 here: px < 1e5
        double s = POW10[-k];
        double y = px * s;
        double fl = Math.floor(y);
        double frac = y - fl;
        double j;
        if (frac > GRID_EPS && frac < 1 - GRID_EPS) {
            j = up ? fl + 1 : fl;
        } else {
            double r = Math.rint(y);
            double atR = r / s;
            if (atR == px) {
                j = r;
            } else if (atR < px) {
                j = up ? r + 1 : r;
            } else {
                j = up ? r : r - 1;
            }
        }
        return j > 0 ? j / s : 1 / POW10[maxDec];
    }

    /** Rounds a size down to szDecimals decimals (never more than intended). Negative sizes are refused. */
    public static BigDecimal roundSize(BigDecimal size, int szDecimals) {
        if (size.signum() < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size.toPlainString());
        }
        return strip(size.setScale(szDecimals, RoundingMode.DOWN));
    }

    /** {@link #roundSize(BigDecimal, int)} for the replay loop. */
    public static double roundSize(double size, int szDecimals) {
        if (!(size >= 0) || Double.isInfinite(size)) {
            throw new IllegalArgumentException("size must be finite and not negative, got " + size);
        }
        if (szDecimals >= 0 && szDecimals < POW10.length) {
            double s = POW10[szDecimals];
            double y = size * s;
            if (y < FAST_LIMIT) {
                return size == 0 ? 0.0 : roundSizeFast(size, s, y);
            }
        }
        return roundSize(BigDecimal.valueOf(size), szDecimals).doubleValue();
    }

    /*
     * The fast path of roundSize(double) and isValidSize(double), equal to the BigDecimal path bit
     * for bit (OrderRoundingFastPathTest checks millions of cases). Why it is exact, for
     * 0 < x, y = fl(x * 10^sz) < 2^31, D = the decimal BigDecimal.valueOf(x) reads (the shortest
     * decimal that rounds to x) and K = k * 10^-sz for an integer k < 2^31:
     *  - |D - x| <= ulp(x)/2, so |D * 10^sz - y| < 2^-51 * y < 1e-6 (below 5e-7 for y < 2^31).
     *  - k / 10^sz in double is K correctly rounded (one IEEE division of exact operands), i.e.
     *    exactly what BigDecimal.doubleValue() returns for K.
     *  - If y is more than 1e-6 from every integer, floor(D * 10^sz) = floor(y): the truncated
     *    decimal is K with k = floor(y), and the result is k / 10^sz.
     *  - Otherwise let j = rint(y). If j / 10^sz == x then K (j) rounds to x, and D = K: two
     *    different decimals of at most 10 significant digits (j < 2^31, and D is no longer than K) lie
     *    apart (at least about x * 1e-10), far more than the ulp(x) (about x * 2e-16) between two
     *    decimals that both round to x, so the shortest one is K. Truncation keeps it: the result is x.
     *  - Else D is off the grid, within 1e-6 + 5e-7 of j * 10^-sz, and on the side of x: K < x
     *    exactly when its rounding j / 10^sz < x (rounding is monotonic and K does not round to
     *    x). So the truncation is j (D above K) or j - 1 (D below K).
     */
    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    /** 2^31: sizes up to about 21 coins at 8 decimals, 2 million at 3 (the BigDecimal path above). */
    private static final double FAST_LIMIT = 0x1p31;
    private static final double GRID_EPS = 1e-6;

    private static double roundSizeFast(double x, double s, double y) {
        double k = Math.floor(y);
        double frac = y - k;
        if (frac > GRID_EPS && frac < 1 - GRID_EPS) {
            return k / s;
        }
        double j = Math.rint(y);
        double atJ = j / s;
        if (atJ == x) {
            return x;
        }
        return atJ < x ? atJ : (j - 1) / s;
    }

    /** Rounds a size to the nearest step (half-even), for callers that mean "closest", not "at most". */
    public static BigDecimal roundSizeNearest(BigDecimal size, int szDecimals) {
        return strip(size.setScale(szDecimals, RoundingMode.HALF_EVEN));
    }

    /** The size step, 10^-szDecimals. */
    public static double sizeStep(int szDecimals) {
        if (szDecimals >= 0 && szDecimals < SIZE_STEPS.length) {
            return SIZE_STEPS[szDecimals]; // the venue asks per fill: no BigDecimal on that path
        }
        return BigDecimal.ONE.movePointLeft(szDecimals).doubleValue();
    }

    private static final double[] SIZE_STEPS = new double[9];

    static {
        for (int i = 0; i < SIZE_STEPS.length; i++) {
            SIZE_STEPS[i] = BigDecimal.ONE.movePointLeft(i).doubleValue();
        }
    }

    /** True when the price already lies on the grid (what the exchange would accept). */
    public static boolean isValidPrice(BigDecimal px, int szDecimals, boolean spot) {
        if (px.signum() <= 0) {
            return false;
        }
        if (isInteger(px)) {
            return true;
        }
        BigDecimal p = strip(px);
        return p.precision() <= PRICE_SIG_FIGS && p.scale() <= maxPriceDecimals(szDecimals, spot);
    }

    /** True when the size has at most szDecimals decimals and is positive. */
    public static boolean isValidSize(BigDecimal size, int szDecimals) {
        return size.signum() > 0 && strip(size).scale() <= szDecimals;
    }

    /**
     * {@link #isValidSize(BigDecimal, int)} of {@code BigDecimal.valueOf(size)}, without the
     * BigDecimal on the venue's per-order path (see roundSizeFast for why it is the same).
     */
    public static boolean isValidSize(double size, int szDecimals) {
        if (!(size > 0) || Double.isInfinite(size)) {
            return false;
        }
        if (szDecimals >= 0 && szDecimals < POW10.length) {
            double s = POW10[szDecimals];
            double y = size * s;
            if (y < FAST_LIMIT) {
                return Math.rint(y) / s == size;
            }
        }
        return isValidSize(BigDecimal.valueOf(size), szDecimals);
    }

    /** True when price * size reaches the $10 minimum order value. */
    public static boolean meetsMinNotional(double price, double size) {
        return price * size >= MIN_NOTIONAL_USD - 1e-9;
    }

    /**
     * The canonical wire string Hyperliquid hashes and expects: plain decimal, no exponent, no
     * trailing zeros, no trailing point, "0" for any zero (never "-0"). More than 8 decimals of
     * information is refused, as the official SDK's float_to_wire does, never silently rounded.
     */
    public static String toWire(BigDecimal value) {
        BigDecimal v = strip(value);
        if (v.scale() > MAX_WIRE_DECIMALS) {
            throw new IllegalArgumentException("number " + value.toPlainString()
                    + " has more than " + MAX_WIRE_DECIMALS + " decimals and cannot go on the wire");
        }
        return v.signum() == 0 ? "0" : v.toPlainString();
    }

    /**
     * The wire string of a double, with the SDK's float_to_wire semantics: the value is formatted
     * with 8 decimals and refused if that loses 1e-12 or more.
     */
    public static String toWire(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("number " + value + " cannot go on the wire");
        }
        BigDecimal rounded = new BigDecimal(value).setScale(MAX_WIRE_DECIMALS, RoundingMode.HALF_EVEN);
        // The SDK compares in binary floating point: float(f"{x:.8f}") against x.
        if (Math.abs(rounded.doubleValue() - value) >= 1e-12) {
            throw new IllegalArgumentException("number " + value + " would be rounded on the wire (float_to_wire causes rounding)");
        }
        return toWire(rounded);
    }

    /**
     * The SDK's float_to_int: value * 10^power as an exact integer, refused when it is 1e-3 or more
     * away from one (e.g. power 8 for hashing, 6 for USD amounts such as updateIsolatedMargin.ntli).
     */
    public static java.math.BigInteger toScaledInteger(BigDecimal value, int power) {
        BigDecimal scaled = value.movePointRight(power);
        BigDecimal nearest = scaled.setScale(0, RoundingMode.HALF_EVEN);
        if (scaled.subtract(nearest).abs().compareTo(new BigDecimal("0.001")) >= 0) {
            throw new IllegalArgumentException("number " + value.toPlainString()
                    + " times 10^" + power + " is not an integer (float_to_int causes rounding)");
        }
        return nearest.toBigIntegerExact();
    }

    private static boolean isInteger(BigDecimal v) {
        return v.signum() == 0 || v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
    }

    private static BigDecimal strip(BigDecimal v) {
        if (v.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0, RoundingMode.UNNECESSARY) : s;
    }
}
