package io.hypertrader.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.PathMode;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.Thesis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place configs are read (YAML, or JSON, which YAML contains). Loading is: parse the file
 * into a tree; apply dotted-path overrides to the tree ({@code "strategy.levels.hedge" -> "0.25"},
 * the value parsed as a YAML scalar); bind every field, with the spec's defaults for absent ones;
 * validate. Any problem - an unknown key, a wrong type, a value out of range, a rule across fields -
 * is a {@link UserError} of kind USAGE whose message names the file, the field path, the bad value
 * and the rule. The effective config is also rendered as canonical JSON and hashed (SHA-256).
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigLoader() {
    }

    // ------------------------------------------------------------------ strategy configs

    /** Loads a strategy config file. */
    public static StrategyConfig load(Path file) {
        return load(file, Map.of());
    }

    /** Loads a strategy config file with dotted-path overrides applied before binding. */
    public static StrategyConfig load(Path file, Map<String, String> overrides) {
        return bindStrategy(file.toString(), read(file), overrides);
    }

    /** Parses strategy config text (YAML or JSON); {@code source} names it in errors. */
    public static StrategyConfig parse(String text, String source, Map<String, String> overrides) {
        return bindStrategy(source, readTree(text, source), overrides);
    }

    // ------------------------------------------------------------------ simulator configs

    /** A simulator profile by name (ideal, seed, realistic) with overrides. */
    public static SimConfig simProfile(String profile, Map<String, String> overrides) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("profile", profile);
        return bindSim("--profile " + profile, tree, overrides, null);
    }

    /**
     * Loads a simulator config file. Its optional {@code profile:} names the preset it starts from
     * (default: {@code baseProfile}, else realistic); every field given overrides the preset's.
     */
    public static SimConfig loadSim(Path file, String baseProfile, Map<String, String> overrides) {
        return bindSim(file.toString(), read(file), overrides, baseProfile);
    }

    /** Parses simulator config text (YAML or JSON). */
    public static SimConfig parseSim(String text, String source, Map<String, String> overrides) {
        return bindSim(source, readTree(text, source), overrides, null);
    }

    /** Canonical JSON of a simulator config (the form stored with a run; {@link #parseSim} reads it back). */
    public static String simJson(SimConfig c) {
        Node n = new Node("sim", "", JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode());
        writeSim(n, c);
        return n.json();
    }

    /** SHA-256 of UTF-8 text, lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ reading and overrides

    private static ObjectNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw UserError.usage("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return readTree(text, file.toString());
    }

    private static ObjectNode readTree(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            var loc = e.getLocation();
            throw UserError.usage(source + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
                    + ": not valid YAML: " + msg);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw UserError.usage(source + ": the top level must be a mapping of sections, got " + root.getNodeType());
        }
        return (ObjectNode) root;
    }

    /** Applies {@code a.b.c = value} overrides to the tree, creating missing sections. */
    static void applyOverrides(String source, ObjectNode root, Map<String, String> overrides) {
        for (var e : overrides.entrySet()) {
            String path = e.getKey();
            String[] parts = path.split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].isEmpty()) {
                    throw UserError.usage("override '" + path + "': empty path segment");
                }
                JsonNode next = node.get(parts[i]);
                if (next == null || next.isNull()) {
                    node = node.putObject(parts[i]);
                } else if (next.isObject()) {
                    node = (ObjectNode) next;
                } else {
                    throw UserError.usage(source + ": override '" + path + "': "
                            + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " is a value, not a section");
                }
            }
            JsonNode value;
            try {
                value = YAML.readTree(e.getValue() == null ? "null" : e.getValue());
            } catch (JsonProcessingException ex) {
                throw UserError.usage("override '" + path + "': value '" + e.getValue() + "' is not valid YAML");
            }
            node.set(parts[parts.length - 1], value == null || value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : value);
        }
    }

    // ------------------------------------------------------------------ strategy binding

    private static StrategyConfig bindStrategy(String source, ObjectNode tree, Map<String, String> overrides) {
        applyOverrides(source, tree, overrides);
        Node root = new Node(source, "", tree, JsonNodeFactory.instance.objectNode());
        String name = root.text("name", "fib-hedge");

        // portfolio first: it decides whether strategy.coin is required
        Map<Coin, Double> weights = new LinkedHashMap<>();
        root.seen.add("portfolio");
        if (root.has("portfolio")) {
            Node pf = root.child("portfolio");
            Node w = pf.child("weights");
            double sum = 0;
            for (String key : w.keys()) {
                Coin coin = coin(w, key, key);
                double v = w.num(key, Double.NaN, 0, false, 1, true);
                weights.put(coin, v);
                sum += v;
            }
            if (weights.isEmpty()) {
                throw w.error(null, "{}", "a portfolio needs at least one coin with a weight, e.g. BTC: 0.4");
            }
            if (sum > 1 + 1e-9) {
                throw w.error(null, fmt(sum), "weights must sum to at most 1 (the rest stays in cash)");
            }
            w.done();
            pf.done();
        }

        Node s = root.child("strategy");
        String type = s.text("type", "fib-hedge");
        if (!type.equals("fib-hedge")) {
            throw s.error("type", type, "unknown strategy type (this build knows: fib-hedge)");
        }
        Coin coin;
        if (weights.isEmpty()) {
            coin = coin(s, "coin", s.text("coin", "BTC"));
        } else {
            if (s.has("coin")) {
                throw s.error("coin", s.raw("coin"), "give either strategy.coin or portfolio.weights, not both");
            }
            coin = weights.keySet().iterator().next();
        }
        Interval interval;
        String iv = s.text("interval", "1h");
        try {
            interval = Interval.parse(iv);
        } catch (IllegalArgumentException e) {
            throw s.error("interval", iv, e.getMessage());
        }
        Thesis thesis = s.choice("thesis", Thesis.BULL, Thesis.values());
        PriceMode trigger = s.choice("trigger", PriceMode.INTRABAR, PriceMode.values());

        Node lv = s.child("levels");
        double hedge = lv.num("hedge", 0.236, 0, false, 1, false);
        double scale = lv.num("scale", 0.382, 0, false, 1, false);
        double deep = lv.num("deep", 0.5, 0, false, 1, false);
        if (!(hedge < scale)) {
            throw lv.error("scale", fmt(scale), "ratios must be strictly ascending: hedge " + fmt(hedge) + " < scale < deep");
        }
        if (!(scale < deep)) {
            throw lv.error("deep", fmt(deep), "ratios must be strictly ascending: scale " + fmt(scale) + " < deep");
        }
        List<Double> chart = lv.numList("chart", List.of(0.618), 0, 1);
        lv.done();

        Node ex = s.child("exposure");
        FibHedgeParams.Exposure d = FibHedgeParams.Exposure.DEFAULT;
        FibHedgeParams.Exposure exposure = new FibHedgeParams.Exposure(target(ex, "full", d.full()),
                target(ex, "hedged", d.hedged()), target(ex, "scaled", d.scaled()), target(ex, "deep", d.deep()),
                target(ex, "recovering", d.recovering()));
        ex.done();

        Node arm = s.child("arm");
        FibHedgeParams.Arm a = new FibHedgeParams.Arm(arm.num("minGainPct", 0.02, 0, true, 1, false),
                arm.num("minGainAtr", 2.0, 0, true, 100, true), arm.integer("atrBars", 14, 1, 10_000));
        arm.done();

        Node en = s.child("entry");
        int warmup = en.integer("warmupBars", 50, 0, 1_000_000);
        double entryPrice = en.optNum("price", Double.NaN, 0, false, Double.POSITIVE_INFINITY, false);
        en.done();

        Node he = s.child("hedgeExit");
        FibHedgeParams.HedgeExit hedgeExit = new FibHedgeParams.HedgeExit(he.bool("peakReclaim", true),
                he.num("shortStopPct", 0.236, 0, false, 1, false));
        he.done();

        Node rv = s.child("reversal");
        double half = rv.num("half", 0.236, 0, false, 1, false);
        double full = rv.num("full", 0.382, 0, false, 1, false);
        if (!(half < full)) {
            throw rv.error("full", fmt(full), "must be above reversal.half " + fmt(half));
        }
        rv.done();

        Node ls = s.child("longStop");
        FibHedgeParams.LongStop longStop = new FibHedgeParams.LongStop(ls.num("initialPct", 0.10, 0, false, 1, false),
                ls.num("trailPct", 0.10, 0, false, 1, false));
        ls.done();

        Node sz = s.child("sizing");
        if (!weights.isEmpty() && sz.has("allocation")) {
            throw sz.error("allocation", sz.raw("allocation"), "a portfolio sets each coin's allocation with portfolio.weights");
        }
        double allocation = sz.num("allocation", 1.0, 0, false, 1, true);
        double cashReserve = sz.num("cashReserve", 0.10, 0, true, 1, false);
        int leverage = sz.integer("leverage", 3, 1, 10);
        double fixedQty = sz.optNum("fixedQty", Double.NaN, 0, false, Double.POSITIVE_INFINITY, false);
        sz.done();

        Node pr = s.child("profit");
        double savings = pr.num("spotSavingsPct", 0, 0, true, 1, true);
        pr.done();
        s.done();

        Node ac = root.child("account");
        double equity = ac.num("initialEquity", 10_000, 0, false, 1e12, true);
        ac.done();

        // instrument grids: the config's, else the well-known table
        Map<Coin, Instrument> instruments = new LinkedHashMap<>();
        Node in = root.child("instruments");
        for (String key : in.keys()) {
            Coin c = coin(in, key, key);
            Node one = in.child(key);
            instruments.put(c, new Instrument(c, one.integer("szDecimals", 0, 0, 8), one.integer("maxLeverage", 1, 1, 200)));
            one.done();
        }
        in.done();

        boolean riskGiven = root.has("risk");
        RiskLimits risk = risk(root.child("risk"));
        PromotionConfig promotion = promotion(root.child("promotion"));
        root.done();

        FibHedgeParams params = new FibHedgeParams(coin, interval, thesis, trigger,
                new FibHedgeParams.Levels(hedge, scale, deep, chart), exposure, a,
                new FibHedgeParams.Entry(warmup, entryPrice), hedgeExit, new FibHedgeParams.Reversal(half, full), longStop,
                new FibHedgeParams.Sizing(allocation, cashReserve, leverage, fixedQty), new FibHedgeParams.Profit(savings));

        // leverage and the stop against the coins' liquidation estimate
        List<Coin> coins = weights.isEmpty() ? List.of(coin) : List.copyOf(weights.keySet());
        for (Coin c : coins) {
            Instrument inst = instruments.getOrDefault(c, Instrument.known(c));
            if (inst == null) {
                continue; // checked when the grid is known (database coin_meta)
            }
            double alloc = weights.isEmpty() ? allocation : weights.get(c);
            checkAgainstInstrument(source, params, inst, alloc);
        }
        checkAgainstRisk(source, params, weights, equity, risk, riskGiven);
        String json = root.json();
        return new StrategyConfig(name, params, equity, weights, instruments, risk, promotion, json, sha256(json));
    }

    /**
     * Refuses sizing that the config's own risk limits (the same rules in backtests, paper and
     * live) could never let through: a strategy leverage above risk.maxLeverage; per coin, an
     * entry notional allocation * leverage * (1 - cashReserve) of equity above
     * risk.maxPositionFraction (every entry would be refused); the first entry's notional at the
     * starting equity above risk.maxOrderNotionalUsd; more coins than risk.maxOpenCoins. A
     * {@code fixedQty} sizing is not checked against the fractions (its notional depends on price).
     */
    private static void checkAgainstRisk(String source, FibHedgeParams p, Map<Coin, Double> weights, double equity,
                                         RiskLimits risk, boolean riskGiven) {
        String limits = riskGiven ? "" : " (the default: the config has no risk: section; add one with limits that fit"
                + " the sizing, see config/fib-hedge.yaml)";
        FibHedgeParams.Sizing sz = p.sizing();
        if (sz.leverage() > risk.maxLeverage() + 1e-9) {
            throw UserError.usage(String.format(Locale.ROOT,
                    "%s: strategy.sizing.leverage = %d is above risk.maxLeverage = %s%s: the risk manager would refuse"
                            + " every entry; lower the leverage or raise risk.maxLeverage", source, sz.leverage(),
                    fmt(risk.maxLeverage()), limits));
        }
        if (weights.size() > risk.maxOpenCoins()) {
            throw UserError.usage(String.format(Locale.ROOT,
                    "%s: portfolio.weights = %d coins is more than risk.maxOpenCoins = %d%s: the risk manager would refuse"
                            + " the entries beyond %d; trade fewer coins or raise risk.maxOpenCoins", source, weights.size(),
                    risk.maxOpenCoins(), limits, risk.maxOpenCoins()));
        }
        if (!Double.isNaN(sz.fixedQty())) {
            return;
        }
        Map<String, Double> alloc = new LinkedHashMap<>();
        if (weights.isEmpty()) {
            alloc.put("strategy.sizing.allocation", sz.allocation());
        } else {
            weights.forEach((c, w) -> alloc.put("portfolio.weights." + c.name(), w));
        }
        for (var e : alloc.entrySet()) {
            double fraction = e.getValue() * sz.leverage() * (1 - sz.cashReserve());
            String sizing = String.format(Locale.ROOT, "%s = %s x strategy.sizing.leverage = %d x (1 - strategy.sizing.cashReserve"
                    + " = %s) = %s of equity", e.getKey(), fmt(e.getValue()), sz.leverage(), fmt(sz.cashReserve()), fmtRatio(fraction));
            if (fraction > risk.maxPositionFraction() + 1e-9) {
                throw UserError.usage(String.format(Locale.ROOT,
                        "%s: %s is above risk.maxPositionFraction = %s%s: the risk manager would refuse every entry"
                                + " (position notional above that fraction of equity); raise risk.maxPositionFraction to at"
                                + " least %s or size down", source, sizing, fmt(risk.maxPositionFraction()), limits,
                        fmtRatio(fraction)));
            }
            double first = fraction * equity;
            if (first > risk.maxOrderNotionalUsd() + 1e-9) {
                throw UserError.usage(String.format(Locale.ROOT,
                        "%s: %s, %.2f USDC at account.initialEquity = %s, is above risk.maxOrderNotionalUsd = %s%s: the"
                                + " risk manager would refuse the first entry; raise risk.maxOrderNotionalUsd or size down",
                        source, sizing, first, fmt(equity), fmt(risk.maxOrderNotionalUsd()), limits));
            }
        }
    }

    private static String fmtRatio(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * Refuses a leverage above the coin's cap, and an initial stop at or beyond the estimated
     * liquidation move: with effective leverage L = allocation * (1 - cashReserve) * leverage and
     * maintenance fraction m = 1 / (2 * maxLeverage), a long is liquidated after a fall of
     * (1/L - m) / (1 - m), a short after a rise of (1/L - m) / (1 + m) (fees ignored).
     */
    public static void checkAgainstInstrument(String source, FibHedgeParams p, Instrument inst, double allocation) {
        int lev = p.sizing().leverage();
        if (lev > inst.maxLeverage()) {
            throw UserError.usage(source + ": strategy.sizing.leverage = " + lev + ": above " + inst.coin()
                    + "'s maximum leverage " + inst.maxLeverage());
        }
        double eff = allocation * (1 - p.sizing().cashReserve()) * lev;
        double m = inst.maintenanceFraction();
        if (eff <= 0) {
            return;
        }
        double move = p.thesis() == Thesis.BULL ? (1 / eff - m) / (1 - m) : (1 / eff - m) / (1 + m);
        double stop = p.longStop().initialPct();
        if (stop >= move) {
            throw UserError.usage(String.format(Locale.ROOT,
                    "%s: strategy.longStop.initialPct = %s: the stop lies beyond the estimated liquidation of %s at "
                            + "leverage %d (effective %.2fx, liquidated after a %s of %.1f%%); lower the leverage or tighten the stop",
                    source, fmt(stop), inst.coin(), lev, eff, p.thesis() == Thesis.BULL ? "fall" : "rise", 100 * move));
        }
    }

    private static FibHedgeParams.Target target(Node ex, String key, FibHedgeParams.Target def) {
        Node t = ex.child(key);
        FibHedgeParams.Target out = new FibHedgeParams.Target(t.num("long", def.longLeg(), 0, true, 1, true),
                t.num("short", def.shortLeg(), 0, true, 1, true));
        t.done();
        return out;
    }

    private static Coin coin(Node n, String key, String value) {
        try {
            return Coin.of(value);
        } catch (IllegalArgumentException e) {
            throw n.error(key, value, e.getMessage());
        }
    }

    private static RiskLimits risk(Node r) {
        RiskLimits d = RiskLimits.DEFAULTS;
        double maxPos = r.num("maxPositionFraction", d.maxPositionFraction(), 0, false, 100, true);
        double maxLev = r.num("maxLeverage", d.maxLeverage(), 0, false, 200, true);
        double daily = r.num("dailyLossFraction", d.dailyLossFraction(), 0, false, 1, false);
        double stop = r.num("positionStopFraction", d.positionStopFraction(), 0, false, 1, false);
        int coins = r.integer("maxOpenCoins", d.maxOpenCoins(), 1, 1000);
        double maxOrder = r.num("maxOrderNotionalUsd", d.maxOrderNotionalUsd(), 0, false, 1e12, true);
        int rate = r.integer("maxOrdersPerMinute", d.maxOrdersPerMinute(), 1, 100_000);
        double cap = r.optNum("maxPositionNotionalUsd", Double.POSITIVE_INFINITY, 0, false, Double.POSITIVE_INFINITY, true);
        r.done();
        return new RiskLimits(maxPos, maxLev, daily, stop, coins, maxOrder, rate, cap);
    }

    private static PromotionConfig promotion(Node p) {
        PromotionConfig d = PromotionConfig.DEFAULTS;
        PromotionConfig out = new PromotionConfig(p.num("paperMaxDrawdown", d.paperMaxDrawdown(), 0, false, 1, true),
                p.integer("paperMinTrades", d.paperMinTrades(), 0, 1_000_000),
                p.num("testnetMinPaperHours", d.testnetMinPaperHours(), 0, true, 1e6, true),
                p.integer("testnetMinPaperTrades", d.testnetMinPaperTrades(), 0, 1_000_000),
                p.integer("mainnetMinTestnetOrders", d.mainnetMinTestnetOrders(), 0, 1_000_000),
                p.num("mainnetMinSuccessRate", d.mainnetMinSuccessRate(), 0, true, 1, true),
                p.num("mainnetMaxPositionUsd", d.mainnetMaxPositionUsd(), 0, false, 1e12, true),
                p.num("confirmationHours", d.confirmationHours(), 0, false, 1e6, true));
        p.done();
        return out;
    }

    // ------------------------------------------------------------------ simulator binding

    private static SimConfig bindSim(String source, ObjectNode tree, Map<String, String> overrides, String baseProfile) {
        applyOverrides(source, tree, overrides);
        Node root = new Node(source, "", tree, JsonNodeFactory.instance.objectNode());
        String profileName = root.text("profile", baseProfile == null ? "realistic" : baseProfile);
        SimConfig base;
        try {
            base = SimConfig.preset(profileName);
        } catch (IllegalArgumentException e) {
            // a custom name: start from realistic
            if (baseProfile != null) {
                throw root.error("profile", profileName, e.getMessage());
            }
            base = SimConfig.REALISTIC;
        }
        PathMode path;
        String pm = root.text("path", base.path().label());
        try {
            path = PathMode.parse(pm);
        } catch (IllegalArgumentException e) {
            throw root.error("path", pm, e.getMessage());
        }
        boolean tick = root.bool("tickRounding", base.tickRounding());

        Node l = root.child("latency");
        SimConfig.LatencyModelKind lk = l.choice("model", base.latency().model(), SimConfig.LatencyModelKind.values());
        long minMs = l.integer("minMs", (int) base.latency().minMs(), 0, 3_600_000);
        long maxMs = l.integer("maxMs", (int) base.latency().maxMs(), 0, 3_600_000);
        if (maxMs < minMs) {
            throw l.error("maxMs", Long.toString(maxMs), "must be >= latency.minMs " + minMs);
        }
        l.done();

        Node s = root.child("slippage");
        SimConfig.Slippage bs = base.slippage();
        SimConfig.Slippage slip = new SimConfig.Slippage(s.choice("model", bs.model(), SimConfig.SlippageModelKind.values()),
                s.num("minBp", bs.minBp(), 0, true, 10_000, true), s.num("maxBp", bs.maxBp(), 0, true, 10_000, true),
                s.num("fullSizeUsd", bs.fullSizeUsd(), 0, false, 1e12, true),
                s.num("halfSpreadBp", bs.halfSpreadBp(), 0, true, 10_000, true), s.num("k", bs.k(), 0, true, 100, true),
                s.integer("windowHours", bs.windowHours(), 1, 24 * 365),
                s.num("marketMaxPct", bs.marketMaxPct(), 0, false, 1, false));
        if (slip.maxBp() < slip.minBp()) {
            throw s.error("maxBp", fmt(slip.maxBp()), "must be >= slippage.minBp " + fmt(slip.minBp()));
        }
        s.done();

        Node f = root.child("fills");
        SimConfig.Fills bf = base.fills();
        SimConfig.Fills fills = new SimConfig.Fills(f.choice("model", bf.model(), SimConfig.FillModelKind.values()),
                f.num("partialAboveUsd", bf.partialAboveUsd(), 0, true, 1e12, true),
                f.num("partialProbability", bf.partialProbability(), 0, true, 1, true),
                f.num("partialMin", bf.partialMin(), 0, false, 1, true), f.num("partialMax", bf.partialMax(), 0, false, 1, true),
                f.num("maxParticipation", bf.maxParticipation(), 0, false, 1, true));
        if (fills.partialMax() < fills.partialMin()) {
            throw f.error("partialMax", fmt(fills.partialMax()), "must be >= fills.partialMin " + fmt(fills.partialMin()));
        }
        f.done();

        Node r = root.child("rejection");
        SimConfig.Rejection br = base.rejection();
        SimConfig.Rejection rej = new SimConfig.Rejection(r.bool("exchangeRules", br.exchangeRules()),
                r.optNum("maxNotionalUsd", br.maxNotionalUsd(), 0, false, Double.POSITIVE_INFINITY, true),
                r.num("randomRate", br.randomRate(), 0, true, 1, false));
        r.done();

        Node fe = root.child("fees");
        SimConfig.Fees fees = new SimConfig.Fees(fe.num("makerBp", base.fees().makerBp(), -100, true, 1000, true),
                fe.num("takerBp", base.fees().takerBp(), 0, true, 1000, true));
        fe.done();

        Node fu = root.child("funding");
        SimConfig.Funding funding = new SimConfig.Funding(fu.choice("model", base.funding().model(),
                SimConfig.FundingModelKind.values()),
                fu.num("fallbackHourlyRate", base.funding().fallbackHourlyRate(), -0.04, true, 0.04, true));
        fu.done();
        root.done();
        return new SimConfig(profileName, path, tick, new SimConfig.Latency(lk, minMs, maxMs), slip, fills, rej, fees, funding);
    }

    private static void writeSim(Node n, SimConfig c) {
        ObjectNode o = n.out;
        o.put("profile", c.profile());
        o.put("path", c.path().label());
        o.put("tickRounding", c.tickRounding());
        ObjectNode l = o.putObject("latency");
        l.put("model", kebab(c.latency().model()));
        l.put("minMs", c.latency().minMs());
        l.put("maxMs", c.latency().maxMs());
        ObjectNode s = o.putObject("slippage");
        s.put("model", kebab(c.slippage().model()));
        s.put("minBp", c.slippage().minBp());
        s.put("maxBp", c.slippage().maxBp());
        s.put("fullSizeUsd", c.slippage().fullSizeUsd());
        s.put("halfSpreadBp", c.slippage().halfSpreadBp());
        s.put("k", c.slippage().k());
        s.put("windowHours", c.slippage().windowHours());
        s.put("marketMaxPct", c.slippage().marketMaxPct());
        ObjectNode f = o.putObject("fills");
        f.put("model", kebab(c.fills().model()));
        f.put("partialAboveUsd", c.fills().partialAboveUsd());
        f.put("partialProbability", c.fills().partialProbability());
        f.put("partialMin", c.fills().partialMin());
        f.put("partialMax", c.fills().partialMax());
        f.put("maxParticipation", c.fills().maxParticipation());
        ObjectNode r = o.putObject("rejection");
        r.put("exchangeRules", c.rejection().exchangeRules());
        if (Double.isInfinite(c.rejection().maxNotionalUsd())) {
            r.putNull("maxNotionalUsd");
        } else {
            r.put("maxNotionalUsd", c.rejection().maxNotionalUsd());
        }
        r.put("randomRate", c.rejection().randomRate());
        ObjectNode fe = o.putObject("fees");
        fe.put("makerBp", c.fees().makerBp());
        fe.put("takerBp", c.fees().takerBp());
        ObjectNode fu = o.putObject("funding");
        fu.put("model", kebab(c.funding().model()));
        fu.put("fallbackHourlyRate", c.funding().fallbackHourlyRate());
    }

    static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    // ------------------------------------------------------------------ the binder

    /**
     * One mapping of the config tree being bound: reads fields with defaults, records the
     * effective value into the canonical output tree, and refuses unknown keys on {@link #done}.
     */
    static final class Node {
        final String source;
        final String path;
        final ObjectNode in;
        final ObjectNode out;
        final List<String> seen = new ArrayList<>();

        Node(String source, String path, ObjectNode in, ObjectNode out) {
            this.source = source;
            this.path = path;
            this.in = in;
            this.out = out;
        }

        String at(String key) {
            return key == null ? (path.isEmpty() ? "(top level)" : path) : path.isEmpty() ? key : path + "." + key;
        }

        UserError error(String key, String value, String rule) {
            return UserError.usage(source + ": " + at(key) + " = " + value + ": " + rule);
        }

        boolean present() {
            return in != null;
        }

        boolean has(String key) {
            return in != null && in.has(key) && !in.get(key).isNull();
        }

        String raw(String key) {
            JsonNode v = in == null ? null : in.get(key);
            return v == null ? "null" : v.isTextual() ? v.asText() : v.toString();
        }

        private JsonNode get(String key) {
            seen.add(key);
            JsonNode v = in == null ? null : in.get(key);
            return v == null || v.isNull() ? null : v;
        }

        Node child(String key) {
            seen.add(key);
            JsonNode v = in == null ? null : in.get(key);
            if (v != null && !v.isNull() && !v.isObject()) {
                throw error(key, v.toString(), "must be a section (a mapping of keys), got " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
            }
            ObjectNode o = out.putObject(key);
            return new Node(source, at(key), v == null || v.isNull() ? null : (ObjectNode) v, o);
        }

        List<String> keys() {
            List<String> k = new ArrayList<>();
            if (in != null) {
                in.fieldNames().forEachRemaining(k::add);
            }
            return k;
        }

        String text(String key, String def) {
            JsonNode v = get(key);
            if (v == null) {
                out.put(key, def);
                return def;
            }
            if (!v.isValueNode() || v.isBinary()) {
                throw error(key, v.toString(), "must be a single value");
            }
            String s = v.asText().trim();
            out.put(key, s);
            return s;
        }

        double num(String key, double def, double lo, boolean loIncl, double hi, boolean hiIncl) {
            JsonNode v = get(key);
            double x;
            if (v == null) {
                if (Double.isNaN(def)) {
                    throw error(key, "(missing)", "a number is required");
                }
                x = def;
            } else {
                if (!v.isNumber()) {
                    throw error(key, v.isTextual() ? "'" + v.asText() + "'" : v.toString(), "must be a number");
                }
                x = v.asDouble();
                checkRange(key, x, lo, loIncl, hi, hiIncl);
            }
            out.put(key, x);
            return x;
        }

        /** A number that may be null (returned as {@code def}, which may be NaN or infinity). */
        double optNum(String key, double def, double lo, boolean loIncl, double hi, boolean hiIncl) {
            JsonNode v = get(key);
            if (v == null) {
                if (Double.isNaN(def) || Double.isInfinite(def)) {
                    out.putNull(key);
                } else {
                    out.put(key, def);
                }
                return def;
            }
            if (!v.isNumber()) {
                throw error(key, v.isTextual() ? "'" + v.asText() + "'" : v.toString(), "must be a number or null");
            }
            double x = v.asDouble();
            checkRange(key, x, lo, loIncl, hi, hiIncl);
            out.put(key, x);
            return x;
        }

        private void checkRange(String key, double x, double lo, boolean loIncl, double hi, boolean hiIncl) {
            boolean ok = Double.isFinite(x) && (loIncl ? x >= lo : x > lo) && (hiIncl ? x <= hi : x < hi);
            if (!ok) {
                String range = (loIncl ? "[" : "(") + fmt(lo) + ", " + (Double.isInfinite(hi) ? "inf" : fmt(hi)) + (hiIncl ? "]" : ")");
                throw error(key, fmt(x), "out of range: must be in " + range);
            }
        }

        int integer(String key, int def, int lo, int hi) {
            JsonNode v = get(key);
            int x;
            if (v == null) {
                x = def;
            } else {
                if (!v.isIntegralNumber() && !(v.isNumber() && v.asDouble() == Math.rint(v.asDouble()))) {
                    throw error(key, v.toString(), "must be a whole number");
                }
                double d = v.asDouble();
                if (d < lo || d > hi) {
                    throw error(key, fmt(d), "out of range: must be in [" + lo + ", " + hi + "]");
                }
                x = (int) d;
            }
            out.put(key, x);
            return x;
        }

        boolean bool(String key, boolean def) {
            JsonNode v = get(key);
            if (v == null) {
                out.put(key, def);
                return def;
            }
            if (!v.isBoolean()) {
                throw error(key, v.toString(), "must be true or false");
            }
            out.put(key, v.asBoolean());
            return v.asBoolean();
        }

        <E extends Enum<E>> E choice(String key, E def, E[] values) {
            JsonNode v = get(key);
            E x = def;
            if (v != null) {
                String t = v.asText().trim().toLowerCase(Locale.ROOT).replace('_', '-');
                x = null;
                for (E e : values) {
                    if (kebab(e).equals(t)) {
                        x = e;
                    }
                }
                if (x == null) {
                    List<String> names = new ArrayList<>();
                    for (E e : values) {
                        names.add(kebab(e));
                    }
                    throw error(key, v.asText(), "must be one of " + String.join(", ", names));
                }
            }
            out.put(key, kebab(x));
            return x;
        }

        List<Double> numList(String key, List<Double> def, double lo, double hi) {
            JsonNode v = get(key);
            List<Double> list = new ArrayList<>();
            if (v == null) {
                list.addAll(def);
            } else {
                if (!v.isArray()) {
                    throw error(key, v.toString(), "must be a list of numbers, e.g. [0.618]");
                }
                for (JsonNode e : v) {
                    if (!e.isNumber() || !(e.asDouble() > lo && e.asDouble() < hi)) {
                        throw error(key, v.toString(), "each entry must be a number in (" + fmt(lo) + ", " + fmt(hi) + ")");
                    }
                    list.add(e.asDouble());
                }
            }
            var arr = out.putArray(key);
            list.forEach(arr::add);
            return list;
        }

        /** Refuses keys that were never read. */
        void done() {
            if (in == null) {
                return;
            }
            var it = in.fieldNames();
            while (it.hasNext()) {
                String k = it.next();
                if (!seen.contains(k)) {
                    throw UserError.usage(source + ": " + at(k) + ": unknown key"
                            + (seen.isEmpty() ? "" : " (expected one of " + String.join(", ", seen) + ")"));
                }
            }
        }

        String json() {
            try {
                return JSON.writeValueAsString(out);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
