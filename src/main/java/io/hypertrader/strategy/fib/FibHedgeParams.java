package io.hypertrader.strategy.fib;

import io.hypertrader.core.Coin;
import io.hypertrader.core.FieldCheck;
import io.hypertrader.core.Interval;
import io.hypertrader.core.InvalidFieldException;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.rules.BarFilters;
import io.hypertrader.strategy.rules.FilterGate;
import io.hypertrader.strategy.rules.RuleCompiler;
import io.hypertrader.strategy.rules.RuleSet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import static io.hypertrader.core.FieldCheck.fmt;

/**
 * Every parameter of the Fibonacci hedge (docs/strategy.md), for one coin. Defaults are the spec's
 * ({@code DEFAULT} constants, the one place they are stated; config files bind onto them). Each
 * record's compact constructor checks its ranges and the rules across its fields, naming the field
 * as config files spell it ({@link io.hypertrader.core.InvalidFieldException}): a parameter record
 * that exists is valid, whether a config, a sweep or a test built it. Ratios and percentages are
 * fractions (0.236 = 23.6 %); prices USDC.
 *
 * <p>Two optional parts, null when the config has none: {@code filters} (conditions over ta4j
 * indicators that gate the hedge's entry, arming and re-entry) and {@code rules}, which makes the
 * config a {@code ta4j-rules} strategy instead of the hedge; that strategy reads the coin,
 * interval, trigger and sizing from here and ignores the hedge's own sections
 * ({@link StrategyKinds#create} picks the strategy).
 */
public record FibHedgeParams(Coin coin, Interval interval, Thesis thesis, PriceMode trigger, Levels levels,
                             Exposure exposure, Arm arm, Entry entry, HedgeExit hedgeExit, Reversal reversal,
                             LongStop longStop, Sizing sizing, Profit profit, BarFilters filters, RuleSet rules) {

    /** The hedge without filters (every parameter set before filters existed). */
    public FibHedgeParams(Coin coin, Interval interval, Thesis thesis, PriceMode trigger, Levels levels,
                          Exposure exposure, Arm arm, Entry entry, HedgeExit hedgeExit, Reversal reversal,
                          LongStop longStop, Sizing sizing, Profit profit) {
        this(coin, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal, longStop, sizing, profit,
                null, null);
    }

    public FibHedgeParams {
        Objects.requireNonNull(coin, "coin");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(thesis, "thesis");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(hedgeExit, "hedgeExit");
        Objects.requireNonNull(reversal, "reversal");
        Objects.requireNonNull(longStop, "longStop");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(profit, "profit");
    }

    /** The spec's defaults for a coin and interval (bull thesis, intrabar triggers). */
    public static FibHedgeParams defaults(Coin coin, Interval interval) {
        return new FibHedgeParams(coin, interval, Thesis.BULL, PriceMode.INTRABAR, Levels.DEFAULT, Exposure.DEFAULT,
                Arm.DEFAULT, Entry.DEFAULT, HedgeExit.DEFAULT, Reversal.DEFAULT, LongStop.DEFAULT, Sizing.DEFAULT,
                Profit.DEFAULT);
    }

    public FibHedgeParams withCoin(Coin c) {
        return new FibHedgeParams(c, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                longStop, sizing, profit, filters, rules);
    }

    public FibHedgeParams withSizing(Sizing s) {
        return new FibHedgeParams(coin, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                longStop, s, profit, filters, rules);
    }

    /** The same parameters with {@code f} as the filters (null: none). */
    public FibHedgeParams withFilters(BarFilters f) {
        return new FibHedgeParams(coin, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                longStop, sizing, profit, f, rules);
    }

    /** The same coin, interval, trigger and sizing as a ta4j-rules strategy with {@code r} (null: the hedge). */
    public FibHedgeParams withRules(RuleSet r) {
        return new FibHedgeParams(coin, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                longStop, sizing, profit, filters, r);
    }

    /** Whether these are the parameters of a {@code ta4j-rules} strategy rather than the hedge. */
    public boolean isRules() {
        return rules != null;
    }

    /**
     * Closed bars the strategy needs before it may first trade: the hedge's entry warm-up and
     * ATR, the slowest filter; for ta4j-rules the slowest rule's unstable bars. Runners replay at
     * least this many bars before trading, and a windowed trial starts this many bars early.
     */
    public int barsBeforeTrading() {
        if (rules != null) {
            int n = 0;
            for (String s : new String[]{rules.longEntry(), rules.longExit(), rules.shortEntry(), rules.shortExit()}) {
                if (s != null) {
                    n = Math.max(n, RuleCompiler.check(s, rules.params()));
                }
            }
            return n + 1;
        }
        int n = Math.max(entry.warmupBars(), arm.atrBars() + 1);
        return filters == null ? n : Math.max(n, FilterGate.unstableBars(filters) + 1);
    }

    /**
     * The parameters that decide trades, as one canonical line (every number exactly, by
     * {@link Double#toString}): interval, price mode, levels, exposure, arming, entry, hedge
     * exit, reversal, stops, sizing and profit skim. Not the coin and thesis (a saved state
     * names them itself) and not the chart-only ratios, which decide nothing.
     */
    public String tradingRules() {
        Exposure x = exposure;
        return "interval=" + interval.code() + " trigger=" + trigger.name()
                + " levels=" + levels.hedge() + "/" + levels.scale() + "/" + levels.deep()
                + " exposure=" + legs(x.full()) + "/" + legs(x.hedged()) + "/" + legs(x.scaled()) + "/" + legs(x.deep())
                + "/" + legs(x.recovering())
                + " arm=" + arm.minGainPct() + "/" + arm.minGainAtr() + "/" + arm.atrBars()
                + " entry=" + entry.warmupBars() + "/" + entry.price()
                + " hedgeExit=" + hedgeExit.peakReclaim() + "/" + hedgeExit.shortStopPct()
                + " reversal=" + reversal.half() + "/" + reversal.full()
                + " longStop=" + longStop.initialPct() + "/" + longStop.trailPct()
                + " sizing=" + sizing.allocation() + "/" + sizing.cashReserve() + "/" + sizing.leverage() + "/"
                + sizing.fixedQty()
                + " profit=" + profit.spotSavingsPct()
                // the optional parts only when present, so a config without them keeps its fingerprint
                + (filters == null ? "" : " filters=" + filters.text())
                + (rules == null ? "" : " rules=" + rules.text());
    }

    /**
     * The first 12 hex digits of the SHA-256 of {@link #tradingRules()}: a saved strategy state
     * carries it, and a strategy refuses to restore a state saved under other rules.
     */
    public String fingerprint() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(tradingRules().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String legs(Target t) {
        return t.longLeg() + ":" + t.shortLeg();
    }

    /** Retracement ratios of the gain: L(r) = H - r * (H - E). {@code chart} ratios are drawn only. */
    public record Levels(double hedge, double scale, double deep, List<Double> chart) {
        public static final Levels DEFAULT = new Levels(0.236, 0.382, 0.5, List.of(0.618));

        public Levels {
            FieldCheck.in("hedge", hedge, "(0, 1)");
            FieldCheck.in("scale", scale, "(0, 1)");
            FieldCheck.in("deep", deep, "(0, 1)");
            FieldCheck.require(hedge < scale, "scale", fmt(scale),
                    "ratios must be strictly ascending: hedge " + fmt(hedge) + " < scale < deep");
            FieldCheck.require(scale < deep, "deep", fmt(deep), "ratios must be strictly ascending: scale " + fmt(scale) + " < deep");
            FieldCheck.present("chart", chart);
            for (Double r : chart) {
                if (r == null || !(r > 0 && r < 1)) {
                    throw new InvalidFieldException("chart", chart.toString(), "each entry must be a number in (0, 1)");
                }
            }
            chart = List.copyOf(chart);
        }
    }

    /** Target legs of a state as fractions of Q, each in [0, 1] (config keys {@code long}, {@code short}); net = longLeg - shortLeg. */
    public record Target(double longLeg, double shortLeg) {
        public Target {
            FieldCheck.in("long", longLeg, "[0, 1]");
            FieldCheck.in("short", shortLeg, "[0, 1]");
        }

        public double net() {
            return longLeg - shortLeg;
        }
    }

    /** The exposure table of docs/strategy.md, "States and target exposure". */
    public record Exposure(Target full, Target hedged, Target scaled, Target deep, Target recovering) {
        /** FLAT's legs; one instance (the replay asks for the legs at every step). */
        private static final Target NONE = new Target(0, 0);

        public static final Exposure DEFAULT = new Exposure(new Target(1.0, 0), new Target(0.5, 0.5),
                new Target(0.25, 0.5), new Target(0, 0.25), new Target(0.5, 0));

        public Exposure {
            FieldCheck.present("full", full);
            FieldCheck.present("hedged", hedged);
            FieldCheck.present("scaled", scaled);
            FieldCheck.present("deep", deep);
            FieldCheck.present("recovering", recovering);
        }

        public Target of(FibState s) {
            return switch (s) {
                case FLAT -> NONE;
                case FULL -> full;
                case HEDGED -> hedged;
                case SCALED -> scaled;
                case DEEP -> deep;
                case RECOVERING -> recovering;
            };
        }
    }

    /** Arming: G >= max(minGainPct * E, minGainAtr * ATR(atrBars)). */
    public record Arm(double minGainPct, double minGainAtr, int atrBars) {
        public static final Arm DEFAULT = new Arm(0.02, 2.0, 14);

        public Arm {
            FieldCheck.in("minGainPct", minGainPct, "[0, 1)");
            FieldCheck.in("minGainAtr", minGainAtr, "[0, 100]");
            FieldCheck.in("atrBars", atrBars, "[1, 10000]");
        }
    }

    /** Entry after {@code warmupBars} closed bars, at market, or by a resting limit at {@code price} (NaN = market). */
    public record Entry(int warmupBars, double price) {
        public static final Entry DEFAULT = new Entry(50, Double.NaN);

        public Entry {
            FieldCheck.in("warmupBars", warmupBars, "[0, 1000000]");
            FieldCheck.optional("price", price, "(0, inf)");
        }

        public boolean atMarket() {
            return Double.isNaN(price);
        }
    }

    /** Lifting the hedge: peak reclaim (price back at the frozen H) and the hedge leg's stop. */
    public record HedgeExit(boolean peakReclaim, double shortStopPct) {
        public static final HedgeExit DEFAULT = new HedgeExit(true, 0.236);

        public HedgeExit {
            FieldCheck.in("shortStopPct", shortStopPct, "(0, 1)");
        }
    }

    /** Reversal thresholds as fractions of (H - Lo) above Lo. */
    public record Reversal(double half, double full) {
        public static final Reversal DEFAULT = new Reversal(0.236, 0.382);

        public Reversal {
            FieldCheck.in("half", half, "(0, 1)");
            FieldCheck.in("full", full, "(0, 1)");
            FieldCheck.require(half < full, "full", fmt(full), "must be above reversal.half " + fmt(half));
        }
    }

    /** The long's stop while FULL: max(E * (1 - initialPct), H * (1 - trailPct)), only rising. */
    public record LongStop(double initialPct, double trailPct) {
        public static final LongStop DEFAULT = new LongStop(0.10, 0.10);

        public LongStop {
            FieldCheck.in("initialPct", initialPct, "(0, 1)");
            FieldCheck.in("trailPct", trailPct, "(0, 1)");
        }
    }

    /**
     * Margin = allocation * equity * (1 - cashReserve); notional = margin * leverage; Q =
     * notional / price, so profits compound. {@code fixedQty} (coins, NaN = off) replaces that
     * with a constant Q for every cycle: no compounding, for studying the rules themselves.
     */
    public record Sizing(double allocation, double cashReserve, int leverage, double fixedQty) {
        public static final Sizing DEFAULT = new Sizing(1.0, 0.10, 3, Double.NaN);

        public Sizing {
            FieldCheck.in("allocation", allocation, "(0, 1]");
            FieldCheck.in("cashReserve", cashReserve, "[0, 1)");
            FieldCheck.in("leverage", leverage, "[1, 10]");
            FieldCheck.optional("fixedQty", fixedQty, "(0, inf)");
        }

        public Sizing(double allocation, double cashReserve, int leverage) {
            this(allocation, cashReserve, leverage, Double.NaN);
        }
    }

    /** Skim of realized cycle profit into savings (after topping up the cash reserve). */
    public record Profit(double spotSavingsPct) {
        public static final Profit DEFAULT = new Profit(0);

        public Profit {
            FieldCheck.in("spotSavingsPct", spotSavingsPct, "[0, 1]");
        }
    }
}
