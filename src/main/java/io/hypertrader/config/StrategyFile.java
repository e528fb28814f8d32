package io.hypertrader.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hypertrader.core.Coin;
import io.hypertrader.core.FieldCheck;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.StrategyKinds;
import io.hypertrader.strategy.fib.Thesis;
import io.hypertrader.strategy.rules.BarFilters;
import io.hypertrader.strategy.rules.RuleSet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.hypertrader.core.FieldCheck.fmt;

/**
 * A strategy config file as written, section by section: what Jackson binds the (defaults-merged)
 * tree onto, and what the canonical JSON is written from, in this component order. The sections
 * hold the domain records themselves ({@link FibHedgeParams}'s parts, {@link RiskLimits},
 * {@link PromotionConfig}), whose compact constructors check their ranges; the rules across
 * sections live in the compact constructor here. {@link #DEFAULTS} (with the records' own
 * {@code DEFAULT} constants) is the one statement of every default.
 */
record StrategyFile(String name, @JsonInclude(JsonInclude.Include.NON_NULL) Portfolio portfolio, StrategySection strategy,
                    Account account, Map<Coin, InstrumentGrid> instruments, RiskLimits risk, PromotionConfig promotion) {

    static final StrategyFile DEFAULTS = new StrategyFile("fib-hedge", null, StrategySection.DEFAULTS, Account.DEFAULT,
            Map.of(), RiskLimits.DEFAULTS, PromotionConfig.DEFAULTS);

    StrategyFile {
        FieldCheck.present("name", name);
        FieldCheck.present("strategy", strategy);
        FieldCheck.present("account", account);
        FieldCheck.present("risk", risk);
        FieldCheck.present("promotion", promotion);
        if (portfolio != null) {
            FieldCheck.require(strategy.coin() == null, "strategy.coin", String.valueOf(strategy.coin()),
                    "give either strategy.coin or portfolio.weights, not both");
            // the canonical form states the default 1.0, which a portfolio ignores: only another value is an error
            double allocation = strategy.sizing().allocation();
            FieldCheck.require(allocation == FibHedgeParams.Sizing.DEFAULT.allocation(), "strategy.sizing.allocation",
                    fmt(allocation), "a portfolio sets each coin's allocation with portfolio.weights");
        } else if (strategy.coin() == null) {
            strategy = strategy.withCoin(StrategySection.DEFAULT_COIN);
        }
        instruments = Collections.unmodifiableMap(new LinkedHashMap<>(instruments == null ? Map.of() : instruments));
    }

    /** The coin of a single-coin config, the first of a portfolio. */
    Coin firstCoin() {
        return portfolio != null ? portfolio.weights().keySet().iterator().next() : strategy.coin();
    }

    /** The portfolio weights, empty for a single-coin config. */
    Map<Coin, Double> weights() {
        return portfolio == null ? Map.of() : portfolio.weights();
    }

    /** The instrument grids the config names, as the engine's {@link Instrument}s. */
    Map<Coin, Instrument> instrumentMap() {
        Map<Coin, Instrument> out = new LinkedHashMap<>();
        instruments.forEach((coin, g) -> out.put(coin, new Instrument(coin, g.szDecimals(), g.maxLeverage())));
        return out;
    }

    /** {@code portfolio:} the coins and their weights (each coin's allocation). */
    record Portfolio(Map<Coin, Double> weights) {
        Portfolio {
            FieldCheck.require(weights != null && !weights.isEmpty(), "weights", "{}",
                    "a portfolio needs at least one coin with a weight, e.g. BTC: 0.4");
            double sum = 0;
            for (var e : weights.entrySet()) {
                String field = "weights." + e.getKey().name();
                FieldCheck.in(field, FieldCheck.present(field, e.getValue()), "(0, 1]");
                sum += e.getValue();
            }
            FieldCheck.require(sum <= 1 + 1e-9, "weights", fmt(sum), "weights must sum to at most 1 (the rest stays in cash)");
            weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }
    }

    /**
     * {@code strategy:} which strategy (fib-hedge or ta4j-rules), its coin (none in a portfolio)
     * and interval, and the fib-hedge parameter records; the hedge's optional {@code filters:}, or
     * a ta4j-rules strategy's {@code rules:} (which uses coin, interval, trigger and sizing from
     * here). Both are left out of the canonical JSON when absent, so a config without them keeps
     * its hash.
     */
    record StrategySection(String type, @JsonInclude(JsonInclude.Include.NON_NULL) Coin coin, Interval interval,
                           Thesis thesis, PriceMode trigger, FibHedgeParams.Levels levels, FibHedgeParams.Exposure exposure,
                           FibHedgeParams.Arm arm, FibHedgeParams.Entry entry, FibHedgeParams.HedgeExit hedgeExit,
                           FibHedgeParams.Reversal reversal, FibHedgeParams.LongStop longStop,
                           FibHedgeParams.Sizing sizing, FibHedgeParams.Profit profit,
                           @JsonInclude(JsonInclude.Include.NON_NULL) BarFilters filters,
                           @JsonInclude(JsonInclude.Include.NON_NULL) RuleSet rules) {

        static final String FIB_HEDGE = StrategyKinds.FIB_HEDGE;
        static final String TA4J_RULES = StrategyKinds.TA4J_RULES;
        /** The coin of a single-coin config that names none. */
        static final Coin DEFAULT_COIN = Coin.of("BTC");

        /** The spec's defaults; no coin: a single-coin config defaults to {@link #DEFAULT_COIN}, a portfolio has none. */
        static final StrategySection DEFAULTS = of(FIB_HEDGE, null, FibHedgeParams.defaults(DEFAULT_COIN, Interval.H1));

        StrategySection {
            FieldCheck.require(FIB_HEDGE.equals(type) || TA4J_RULES.equals(type), "type", String.valueOf(type),
                    "unknown strategy type (this build knows: " + FIB_HEDGE + ", " + TA4J_RULES + ")");
            if (TA4J_RULES.equals(type)) {
                FieldCheck.require(rules != null, "rules", "(missing)",
                        "a ta4j-rules strategy needs rules: with at least longEntry or shortEntry (docs/strategy.md, \"ta4j-rules\")");
                FieldCheck.require(filters == null, "filters", "(given)",
                        "filters: belong to fib-hedge; a ta4j-rules strategy writes its conditions into its rules");
            } else {
                FieldCheck.require(rules == null, "rules", "(given)",
                        "rules: belong to type ta4j-rules; the hedge takes filters: (docs/strategy.md, \"Filters\")");
            }
            FieldCheck.present("interval", interval);
            FieldCheck.present("thesis", thesis);
            FieldCheck.present("trigger", trigger);
            FieldCheck.present("levels", levels);
            FieldCheck.present("exposure", exposure);
            FieldCheck.present("arm", arm);
            FieldCheck.present("entry", entry);
            FieldCheck.present("hedgeExit", hedgeExit);
            FieldCheck.present("reversal", reversal);
            FieldCheck.present("longStop", longStop);
            FieldCheck.present("sizing", sizing);
            FieldCheck.present("profit", profit);
        }

        static StrategySection of(String type, Coin coin, FibHedgeParams p) {
            return new StrategySection(type, coin, p.interval(), p.thesis(), p.trigger(), p.levels(), p.exposure(), p.arm(),
                    p.entry(), p.hedgeExit(), p.reversal(), p.longStop(), p.sizing(), p.profit(), p.filters(), p.rules());
        }

        StrategySection withCoin(Coin c) {
            return new StrategySection(type, c, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                    longStop, sizing, profit, filters, rules);
        }

        /** The parameter record for {@code forCoin}. */
        FibHedgeParams params(Coin forCoin) {
            return new FibHedgeParams(forCoin, interval, thesis, trigger, levels, exposure, arm, entry, hedgeExit, reversal,
                    longStop, sizing, profit, filters, rules);
        }
    }

    /** {@code account:} the starting equity, USDC. */
    record Account(double initialEquity) {
        static final Account DEFAULT = new Account(10_000);

        Account {
            FieldCheck.in("initialEquity", initialEquity, "(0, 1e12]");
        }
    }

    /** One entry of {@code instruments:}, a coin's grid: size decimals and the exchange's leverage cap. */
    record InstrumentGrid(int szDecimals, int maxLeverage) {
        static final InstrumentGrid DEFAULT = new InstrumentGrid(0, 1);

        InstrumentGrid {
            FieldCheck.in("szDecimals", szDecimals, "[0, 8]");
            FieldCheck.in("maxLeverage", maxLeverage, "[1, 200]");
        }
    }
}
