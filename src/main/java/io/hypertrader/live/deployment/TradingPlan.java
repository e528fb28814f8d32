package io.hypertrader.live.deployment;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deployment runs, taken from a loaded strategy config: one fib-hedge parameter record per
 * coin (all on one interval), the coins' grids, the starting equity of a paper account (USDC),
 * the risk limits, the promotion thresholds, and the config's canonical JSON with its hash (the
 * engine's definition: SHA-256 of that JSON). Built only from the engine's config loader, so
 * backtest and deployment agree on what "this exact config" means.
 */
public record TradingPlan(String name, List<FibHedgeParams> perCoin, Map<Coin, Instrument> instruments, double initialEquity,
                          RiskLimits risk, Promotion promotion, String json, String hash) {

    /**
     * Promotion thresholds (the config's {@code promotion:} section).
     *
     * @param paperMaxDrawdown        a backtest of the hash must have max drawdown at most this (fraction)
     * @param paperMinTrades          ... and at least this many fills
     * @param testnetMinPaperHours    a paper deployment of the hash must have run this many hours
     * @param testnetMinPaperTrades   ... with at least this many fills
     * @param mainnetMinTestnetOrders testnet orders of the hash needed before mainnet
     * @param mainnetMinSuccessRate   fraction of those the exchange accepted
     * @param mainnetMaxPositionUsd   position cap on mainnet until raised deliberately, USDC
     * @param confirmationHours       how long a mainnet confirmation stays valid
     */
    public record Promotion(double paperMaxDrawdown, int paperMinTrades, double testnetMinPaperHours, int testnetMinPaperTrades,
                            int mainnetMinTestnetOrders, double mainnetMinSuccessRate, double mainnetMaxPositionUsd,
                            double confirmationHours) {
        public static final Promotion DEFAULTS = new Promotion(0.25, 10, 24, 5, 100, 0.95, 100, 24);
    }

    public TradingPlan {
        perCoin = List.copyOf(perCoin);
        instruments = new LinkedHashMap<>(instruments);
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(hash, "hash");
        if (perCoin.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one coin");
        }
        Interval iv = perCoin.get(0).interval();
        for (FibHedgeParams p : perCoin) {
            if (p.interval() != iv) {
                throw new IllegalArgumentException("all coins of a deployment must share one interval");
            }
        }
        if (!(initialEquity > 0)) {
            throw new IllegalArgumentException("initial equity must be positive, got " + initialEquity);
        }
    }

    /** The plan of a loaded config (the engine's binding and hash, unchanged). */
    public static TradingPlan of(io.hypertrader.config.StrategyConfig c) {
        io.hypertrader.config.PromotionConfig p = c.promotion();
        return new TradingPlan(c.name(), c.perCoin(), c.instruments(), c.initialEquity(), c.risk(),
                new Promotion(p.paperMaxDrawdown(), p.paperMinTrades(), p.testnetMinPaperHours(), p.testnetMinPaperTrades(),
                        p.mainnetMinTestnetOrders(), p.mainnetMinSuccessRate(), p.mainnetMaxPositionUsd(), p.confirmationHours()),
                c.json(), c.hash());
    }

    /**
     * The plan a deployment runs: its stored canonical JSON parsed again by the engine's loader; the
     * hash must come out as the one the deployment was promoted with.
     */
    public static TradingPlan ofDeployment(LiveStore.Deployment d) {
        TradingPlan p = of(io.hypertrader.config.ConfigLoader.parse(d.configJson(), "deployment " + d.id(), java.util.Map.of()));
        if (!p.hash().equals(d.configHash())) {
            throw new io.hypertrader.core.UserError(io.hypertrader.core.UserError.Kind.FAILURE, "deployment " + d.id()
                    + ": its stored config hashes to " + p.hash() + ", not the promoted " + d.configHash()
                    + " (config format changed?); promote the config again");
        }
        return p;
    }

    public List<Coin> coins() {
        List<Coin> out = new ArrayList<>();
        perCoin.forEach(p -> out.add(p.coin()));
        return out;
    }

    public Interval interval() {
        return perCoin.get(0).interval();
    }

    /** Closed bars fed before live trading starts: the strategy's own warm-up (no entries during it). */
    public int warmupBars() {
        int w = 1;
        for (FibHedgeParams p : perCoin) {
            w = Math.max(w, p.entry().warmupBars());
            if (p.filters() != null || p.isRules()) {
                w = Math.max(w, p.barsBeforeTrading()); // filters' and rules' indicators need their bars before the first decision
            }
        }
        return w;
    }

    /** The coin's grid: from the config, else the well-known table, else a conservative default. */
    public Instrument instrument(Coin coin) {
        Instrument i = instruments.get(coin);
        if (i == null) {
            i = Instrument.known(coin);
        }
        return i != null ? i : new Instrument(coin, 2, 20);
    }

    /** The first 12 hex digits of the hash. */
    public String shortHash() {
        return hash.substring(0, Math.min(12, hash.length()));
    }
}
