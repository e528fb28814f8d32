package io.hypertrader.sim;

import io.hypertrader.core.FieldCheck;

import java.util.Locale;
import java.util.Objects;

import static io.hypertrader.core.FieldCheck.fmt;

/**
 * Every parameter of the execution simulator. The three profiles of docs/simulator.md are presets
 * ({@link #IDEAL}, {@link #SEED}, {@link #REALISTIC}); {@code config/sim/*.yaml} spell them out and
 * any field can be overridden. Basis points are 1/10000; USD amounts are USDC. Each record's compact
 * constructor checks its ranges, naming the field as config files spell it.
 *
 * @param profile    name shown in reports ("ideal", "seed", "realistic" or a custom name)
 * @param path       bar path order
 * @param tickRounding round fill prices onto the coin's price grid, against the taker (a real
 *                   exchange fills on its grid); off in {@code ideal} so its arithmetic is exact
 */
public record SimConfig(String profile, PathMode path, boolean tickRounding, Latency latency, Slippage slippage,
                        Fills fills, Rejection rejection, Fees fees, Funding funding) {

    public SimConfig {
        Objects.requireNonNull(profile, "profile");
        FieldCheck.require(!profile.isBlank(), "profile", "'" + profile + "'", "must name the profile (ideal, seed, realistic or"
                + " a name of your own)");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(slippage, "slippage");
        Objects.requireNonNull(fills, "fills");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(funding, "funding");
    }

    /** Latency models: none; uniform (delay only: fills at the path price at arrival); drift (uniform plus diffusion noise). */
    public enum LatencyModelKind { NONE, UNIFORM, DRIFT }

    /** Slippage models: none; uniform (the original envelope, sized); sqrt-impact (half-spread + square-root impact). */
    public enum SlippageModelKind { NONE, UNIFORM, SQRT_IMPACT }

    /** Fill models: immediate (everything fills); random-partial (seed envelope); volume-capped (participation cap). */
    public enum FillModelKind { IMMEDIATE, RANDOM_PARTIAL, VOLUME_CAPPED }

    /** Funding models: none; historical (stored hourly history, constant rate where none is stored). */
    public enum FundingModelKind { NONE, HISTORICAL }

    /** Delay from decision to arrival, uniform in [minMs, maxMs]. */
    public record Latency(LatencyModelKind model, long minMs, long maxMs) {
        public Latency {
            FieldCheck.present("model", model);
            FieldCheck.in("minMs", minMs, "[0, 3600000]");
            FieldCheck.in("maxMs", maxMs, "[0, 3600000]");
            FieldCheck.require(maxMs >= minMs, "maxMs", Long.toString(maxMs), "must be >= latency.minMs " + minMs);
        }
    }

    /**
     * Slippage parameters. uniform: [minBp, minBp + (maxBp - minBp) * min(notional / fullSizeUsd, 1)];
     * sqrt-impact: halfSpreadBp + k * sigma_day * sqrt(notional / ADV), ADV and sigma_day over the
     * last {@code windowHours} of bars. {@code marketMaxPct}: a market order is an IOC limit this
     * far through the arrival price; it does not fill when it would need more.
     */
    public record Slippage(SlippageModelKind model, double minBp, double maxBp, double fullSizeUsd,
                           double halfSpreadBp, double k, int windowHours, double marketMaxPct) {
        public Slippage {
            FieldCheck.present("model", model);
            FieldCheck.in("minBp", minBp, "[0, 10000]");
            FieldCheck.in("maxBp", maxBp, "[0, 10000]");
            FieldCheck.in("fullSizeUsd", fullSizeUsd, "(0, 1e12]");
            FieldCheck.in("halfSpreadBp", halfSpreadBp, "[0, 10000]");
            FieldCheck.in("k", k, "[0, 100]");
            FieldCheck.in("windowHours", windowHours, "[1, 8760]");
            FieldCheck.in("marketMaxPct", marketMaxPct, "(0, 1)");
            FieldCheck.require(maxBp >= minBp, "maxBp", fmt(maxBp), "must be >= slippage.minBp " + fmt(minBp));
        }
    }

    /**
     * Partial fills. random-partial: orders above {@code partialAboveUsd} fill only a fraction in
     * [partialMin, partialMax] with probability {@code partialProbability}; volume-capped: at most
     * {@code maxParticipation} of each path segment's volume.
     */
    public record Fills(FillModelKind model, double partialAboveUsd, double partialProbability, double partialMin,
                        double partialMax, double maxParticipation) {
        public Fills {
            FieldCheck.present("model", model);
            FieldCheck.in("partialAboveUsd", partialAboveUsd, "[0, 1e12]");
            FieldCheck.in("partialProbability", partialProbability, "[0, 1]");
            FieldCheck.in("partialMin", partialMin, "(0, 1]");
            FieldCheck.in("partialMax", partialMax, "(0, 1]");
            FieldCheck.in("maxParticipation", maxParticipation, "(0, 1]");
            FieldCheck.require(partialMax >= partialMin, "partialMax", fmt(partialMax),
                    "must be >= fills.partialMin " + fmt(partialMin));
        }
    }

    /**
     * Refusals. {@code exchangeRules}: Hyperliquid's ($10 minimum, price/size grid, margin,
     * reduce-only); {@code maxNotionalUsd}: cap per order (infinity = none); {@code randomRate}:
     * probability of a random refusal.
     */
    public record Rejection(boolean exchangeRules, double maxNotionalUsd, double randomRate) {
        public Rejection {
            FieldCheck.in("maxNotionalUsd", maxNotionalUsd, "(0, inf]");
            FieldCheck.in("randomRate", randomRate, "[0, 1)");
        }
    }

    /** Fees in basis points of the fill's notional. */
    public record Fees(double makerBp, double takerBp) {
        public Fees {
            FieldCheck.in("makerBp", makerBp, "[-100, 1000]");
            FieldCheck.in("takerBp", takerBp, "[0, 1000]");
        }
    }

    /** Funding: the constant hourly rate used where no history is stored (positive = longs pay). */
    public record Funding(FundingModelKind model, double fallbackHourlyRate) {
        public Funding {
            FieldCheck.present("model", model);
            FieldCheck.in("fallbackHourlyRate", fallbackHourlyRate, "[-0.04, 0.04]");
        }
    }

    /** No frictions at all: the arithmetic of the strategy, exactly. */
    public static final SimConfig IDEAL = new SimConfig("ideal", PathMode.BULLISH_LOW_FIRST, false,
            new Latency(LatencyModelKind.NONE, 0, 0),
            new Slippage(SlippageModelKind.NONE, 0, 0, 100_000, 0, 0, 24, 0.05),
            new Fills(FillModelKind.IMMEDIATE, 10_000, 0, 0.5, 0.9, 1.0),
            new Rejection(false, Double.POSITIVE_INFINITY, 0),
            new Fees(0, 0),
            new Funding(FundingModelKind.NONE, 0));

    /** The original paper engine's envelope, made sound (seeded, latency moves the price, nothing vanishes). */
    public static final SimConfig SEED = new SimConfig("seed", PathMode.BULLISH_LOW_FIRST, true,
            new Latency(LatencyModelKind.UNIFORM, 50, 200),
            new Slippage(SlippageModelKind.UNIFORM, 1, 10, 100_000, 0, 0, 24, 0.05),
            new Fills(FillModelKind.RANDOM_PARTIAL, 10_000, 0.10, 0.5, 0.9, 1.0),
            new Rejection(true, 100_000, 0.02),
            new Fees(2.5, 2.5),
            new Funding(FundingModelKind.NONE, 0));

    /** The default: latency with price diffusion, square-root impact, volume cap, Hyperliquid fees and funding. */
    public static final SimConfig REALISTIC = new SimConfig("realistic", PathMode.BULLISH_LOW_FIRST, true,
            new Latency(LatencyModelKind.DRIFT, 50, 200),
            new Slippage(SlippageModelKind.SQRT_IMPACT, 0, 0, 100_000, 1.0, 1.0, 24, 0.05),
            new Fills(FillModelKind.VOLUME_CAPPED, 10_000, 0, 0.5, 0.9, 0.10),
            new Rejection(true, Double.POSITIVE_INFINITY, 0),
            new Fees(1.5, 4.5),
            new Funding(FundingModelKind.HISTORICAL, 0.0000125));

    /** A named preset. */
    public static SimConfig preset(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "ideal" -> IDEAL;
            case "seed" -> SEED;
            case "realistic" -> REALISTIC;
            default -> throw new IllegalArgumentException("unknown simulator profile '" + name
                    + "' (expected ideal, seed or realistic)");
        };
    }

    /**
     * Where this config is more lenient than {@code reference}, one "field: value vs reference"
     * each; empty when it is at least as strict (the promotion gate's "realistic or stricter").
     *
     * <p>"At least as strict" means every cost and every refusal at least the reference's:
     * <ul>
     *   <li>{@code tickRounding} on when the reference's is;</li>
     *   <li>latency: a model at least as adverse (none &lt; uniform &lt; drift, drift also moves the
     *       price while the order travels), {@code minMs} and {@code maxMs} at least the reference's;</li>
     *   <li>slippage: the same model (the families are not comparable); sqrt-impact:
     *       {@code halfSpreadBp} and {@code k} at least, {@code windowHours} equal (it changes the
     *       estimate's sample, not its level); uniform: {@code minBp} and {@code maxBp} at least,
     *       {@code fullSizeUsd} at most; {@code marketMaxPct} equal (it models the live venue's
     *       5% bound);</li>
     *   <li>fills: the same model; volume-capped: {@code maxParticipation} at most; random-partial:
     *       {@code partialAboveUsd}, {@code partialMin} and {@code partialMax} at most,
     *       {@code partialProbability} at least;</li>
     *   <li>rejection: {@code exchangeRules} on when the reference's is, {@code maxNotionalUsd} at
     *       most, {@code randomRate} at least;</li>
     *   <li>fees: {@code makerBp} and {@code takerBp} at least;</li>
     *   <li>funding: charged ({@code historical}) when the reference charges it; the fallback rate
     *       is not compared (its sign favours longs or shorts, neither is stricter for both).</li>
     * </ul>
     * Not compared: the profile's name (a run's sim_profile is only a label; the parameters
     * decide) and the path mode (any order of a bar's extremes; reports name it).
     */
    public java.util.List<String> laxerThan(SimConfig reference) {
        java.util.List<String> out = new java.util.ArrayList<>();
        SimConfig r = reference;
        if (r.tickRounding && !tickRounding) {
            out.add("tickRounding off (reference: on)");
        }
        if (latency.model.ordinal() < r.latency.model.ordinal()) {
            out.add("latency.model " + label(latency.model) + " < " + label(r.latency.model));
        }
        atLeast(out, "latency.minMs", latency.minMs, r.latency.minMs);
        atLeast(out, "latency.maxMs", latency.maxMs, r.latency.maxMs);
        if (slippage.model != r.slippage.model) {
            out.add("slippage.model " + label(slippage.model) + " is not " + label(r.slippage.model));
        } else if (slippage.model == SlippageModelKind.SQRT_IMPACT) {
            atLeast(out, "slippage.halfSpreadBp", slippage.halfSpreadBp, r.slippage.halfSpreadBp);
            atLeast(out, "slippage.k", slippage.k, r.slippage.k);
            equal(out, "slippage.windowHours", slippage.windowHours, r.slippage.windowHours);
        } else if (slippage.model == SlippageModelKind.UNIFORM) {
            atLeast(out, "slippage.minBp", slippage.minBp, r.slippage.minBp);
            atLeast(out, "slippage.maxBp", slippage.maxBp, r.slippage.maxBp);
            atMost(out, "slippage.fullSizeUsd", slippage.fullSizeUsd, r.slippage.fullSizeUsd);
        }
        equal(out, "slippage.marketMaxPct", slippage.marketMaxPct, r.slippage.marketMaxPct);
        if (fills.model != r.fills.model) {
            out.add("fills.model " + label(fills.model) + " is not " + label(r.fills.model));
        } else if (fills.model == FillModelKind.VOLUME_CAPPED) {
            atMost(out, "fills.maxParticipation", fills.maxParticipation, r.fills.maxParticipation);
        } else if (fills.model == FillModelKind.RANDOM_PARTIAL) {
            atMost(out, "fills.partialAboveUsd", fills.partialAboveUsd, r.fills.partialAboveUsd);
            atLeast(out, "fills.partialProbability", fills.partialProbability, r.fills.partialProbability);
            atMost(out, "fills.partialMin", fills.partialMin, r.fills.partialMin);
            atMost(out, "fills.partialMax", fills.partialMax, r.fills.partialMax);
        }
        if (r.rejection.exchangeRules && !rejection.exchangeRules) {
            out.add("rejection.exchangeRules off (reference: on)");
        }
        atMost(out, "rejection.maxNotionalUsd", rejection.maxNotionalUsd, r.rejection.maxNotionalUsd);
        atLeast(out, "rejection.randomRate", rejection.randomRate, r.rejection.randomRate);
        atLeast(out, "fees.makerBp", fees.makerBp, r.fees.makerBp);
        atLeast(out, "fees.takerBp", fees.takerBp, r.fees.takerBp);
        if (r.funding.model == FundingModelKind.HISTORICAL && funding.model != FundingModelKind.HISTORICAL) {
            out.add("funding.model " + label(funding.model) + " (reference charges funding: historical)");
        }
        return out;
    }

    /** True when {@link #laxerThan} finds nothing. */
    public boolean atLeastAsStrictAs(SimConfig reference) {
        return laxerThan(reference).isEmpty();
    }

    private static void atLeast(java.util.List<String> out, String field, double v, double ref) {
        if (!(v >= ref)) {
            out.add(field + " " + num(v) + " < " + num(ref));
        }
    }

    private static void atMost(java.util.List<String> out, String field, double v, double ref) {
        if (!(v <= ref)) {
            out.add(field + " " + num(v) + " > " + num(ref));
        }
    }

    private static void equal(java.util.List<String> out, String field, double v, double ref) {
        if (Double.compare(v, ref) != 0) {
            out.add(field + " " + num(v) + " != " + num(ref));
        }
    }

    private static String num(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "none" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public SimConfig withPath(PathMode p) {
        return new SimConfig(profile, p, tickRounding, latency, slippage, fills, rejection, fees, funding);
    }
}
