package io.hypertrader.config;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole strategy config file, bound and validated: the fib-hedge parameters ({@code strategy}),
 * the starting equity ({@code account}), an optional portfolio of coins with weights (one
 * fib-hedge per coin, sharing one cross-margin account), optional instrument grids, and the
 * {@code risk} and {@code promotion} sections used by paper/live trading.
 *
 * @param json canonical JSON of the effective config (after overrides and defaults), the input of {@link #hash}
 * @param hash SHA-256 of {@code json}, lower-case hex
 */
public record StrategyConfig(String name, FibHedgeParams strategy, double initialEquity, Map<Coin, Double> portfolio,
                             Map<Coin, Instrument> instruments, RiskLimits risk, PromotionConfig promotion, String json,
                             String hash) {

    public StrategyConfig {
        portfolio = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(portfolio));
        instruments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(instruments));
    }

    /** True when the config trades several coins with weights. */
    public boolean isPortfolio() {
        return !portfolio.isEmpty();
    }

    /** The coins traded, in config order. */
    public List<Coin> coins() {
        return isPortfolio() ? List.copyOf(portfolio.keySet()) : List.of(strategy.coin());
    }

    /** One parameter record per coin: the portfolio weight replaces sizing.allocation. */
    public List<FibHedgeParams> perCoin() {
        if (!isPortfolio()) {
            return List.of(strategy);
        }
        List<FibHedgeParams> out = new ArrayList<>();
        for (var e : portfolio.entrySet()) {
            FibHedgeParams.Sizing s = strategy.sizing();
            out.add(strategy.withCoin(e.getKey()).withSizing(
                    new FibHedgeParams.Sizing(e.getValue(), s.cashReserve(), s.leverage(), s.fixedQty())));
        }
        return out;
    }

    /** The first 12 hex digits of the hash, for display. */
    public String shortHash() {
        return hash.substring(0, 12);
    }
}
