package io.hypertrader.config;

import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.UserError;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.strategy.fib.FibHedgeParams;
import io.hypertrader.strategy.fib.Thesis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static io.hypertrader.core.FieldCheck.fmt;

/**
 * Refuses a config whose sizing could never place an order under its own limits (the risk
 * manager's, the same in backtests, paper and live; the coin's leverage cap and liquidation; the
 * exchange's 10 USDC minimum order), so it is not run to a "+0.00%" of refused orders.
 *
 * <p>Sizing from equity is checked when the config is loaded: the first entry's notional is
 * allocation x leverage x (1 - cashReserve) x account.initialEquity, known without a price. A
 * {@code fixedQty} sizing's notional is fixedQty x price, and the price is known only with the
 * data: {@link #checkFixedQty} runs when a backtest or study has loaded its candles, against the
 * lowest price of the replayed range for the upper limits and the highest for the 10 USDC
 * minimum, at the starting equity (the equity until the first fill). A config refused there could
 * not have placed one entry at any price of the run. With {@code strategy.entry.price} set (a
 * resting limit entry) the price is the config's own, so that check also runs at load time.
 */
public final class SizingRules {

    private SizingRules() {
    }

    /** The checks that need no price: run by the loader on every strategy config. */
    static void checkAtLoad(String source, StrategyConfig cfg, boolean riskGiven) {
        FibHedgeParams p = cfg.strategy();
        for (FibHedgeParams coin : cfg.perCoin()) {
            Instrument inst = cfg.instruments().getOrDefault(coin.coin(), Instrument.known(coin.coin()));
            if (inst != null) { // else checked when the grid is known (database coin_meta)
                checkAgainstInstrument(source, coin, inst, coin.sizing().allocation());
            }
        }
        checkAgainstRisk(source, p, cfg.portfolio(), cfg.initialEquity(), cfg.risk(), riskGiven);
        if (!Double.isNaN(p.sizing().fixedQty()) && !p.entry().atMarket()) {
            for (FibHedgeParams coin : cfg.perCoin()) {
                checkFixedQty(source, cfg, coin, Prices.at(p.entry().price(), "at strategy.entry.price = "
                        + fmt(p.entry().price())));
            }
        }
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
        if (p.isRules()) {
            checkRulesStop(source, p, inst, lev, eff, m);
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

    /**
     * A ta4j-rules strategy's stop is {@code rules.stopLoss} (none: nothing to check), on whichever
     * sides it trades: the same liquidation estimate as the hedge's long stop, the nearer of a
     * long's fall and a short's rise when both sides trade.
     */
    private static void checkRulesStop(String source, FibHedgeParams p, Instrument inst, int lev, double eff, double m) {
        Double stop = p.rules().stopLoss();
        if (stop == null) {
            return;
        }
        boolean longs = p.rules().longEntry() != null;
        boolean shorts = p.rules().shortEntry() != null;
        double fall = (1 / eff - m) / (1 - m);
        double rise = (1 / eff - m) / (1 + m);
        double move = longs && shorts ? Math.min(fall, rise) : longs ? fall : rise;
        if (stop >= move) {
            throw UserError.usage(String.format(Locale.ROOT,
                    "%s: strategy.rules.stopLoss = %s: the stop lies beyond the estimated liquidation of %s at "
                            + "leverage %d (effective %.2fx, liquidated after a move of %.1f%% against the position); lower"
                            + " the leverage or tighten the stop", source, fmt(stop), inst.coin(), lev, eff, 100 * move));
        }
    }

    /**
     * Refuses sizing from equity that the risk limits could never let through: a strategy leverage
     * above risk.maxLeverage; per coin, an entry notional allocation * leverage * (1 - cashReserve)
     * of equity above risk.maxPositionFraction; the first entry at the starting equity above
     * risk.maxOrderNotionalUsd, or below the exchange's minimum order; more coins than
     * risk.maxOpenCoins.
     */
    private static void checkAgainstRisk(String source, FibHedgeParams p, Map<Coin, Double> weights, double equity,
                                         RiskLimits risk, boolean riskGiven) {
        String limits = defaultsNote(riskGiven);
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
            return; // its notional needs a price: checkFixedQty
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
                    + " = %s) = %s of equity", e.getKey(), fmt(e.getValue()), sz.leverage(), fmt(sz.cashReserve()), ratio(fraction));
            if (fraction > risk.maxPositionFraction() + 1e-9) {
                throw UserError.usage(String.format(Locale.ROOT,
                        "%s: %s is above risk.maxPositionFraction = %s%s: the risk manager would refuse every entry"
                                + " (position notional above that fraction of equity); raise risk.maxPositionFraction to at"
                                + " least %s or size down", source, sizing, fmt(risk.maxPositionFraction()), limits,
                        ratio(fraction)));
            }
            double first = fraction * equity;
            if (first > risk.maxOrderNotionalUsd() + 1e-9) {
                throw UserError.usage(String.format(Locale.ROOT,
                        "%s: %s, %.2f USDC at account.initialEquity = %s, is above risk.maxOrderNotionalUsd = %s%s: the"
                                + " risk manager would refuse the first entry; raise risk.maxOrderNotionalUsd or size down",
                        source, sizing, first, fmt(equity), fmt(risk.maxOrderNotionalUsd()), limits));
            }
            if (first < OrderRounding.MIN_NOTIONAL_USD) {
                throw UserError.usage(String.format(Locale.ROOT,
                        "%s: %s, %.2f USDC at account.initialEquity = %s, is below the exchange's minimum order of %s"
                                + " USDC: no entry could ever be placed; raise the equity or size up",
                        source, sizing, first, fmt(equity), fmt(OrderRounding.MIN_NOTIONAL_USD)));
            }
        }
    }

    /**
     * Refuses a {@code fixedQty} sizing that could not place its first entry at any price of the
     * replayed candles: see the class comment. {@code series} are the candles of {@code p.coin()}.
     */
    public static void checkFixedQty(String source, StrategyConfig cfg, FibHedgeParams p, Instrument inst, CandleSeries series) {
        if (Double.isNaN(p.sizing().fixedQty()) || series.size() == 0) {
            return;
        }
        double q = OrderRounding.roundSize(p.sizing().fixedQty(), inst.szDecimals());
        if (!(q > 0)) {
            throw UserError.usage(String.format(Locale.ROOT, "%s: strategy.sizing.fixedQty = %s: rounds to 0 at %s's size"
                            + " step %s (szDecimals %d): no order could be placed; raise fixedQty", source,
                    fmt(p.sizing().fixedQty()), p.coin(), BigDecimal.ONE.movePointLeft(inst.szDecimals()).toPlainString(),
                    inst.szDecimals()));
        }
        int lo = 0;
        int hi = 0;
        for (int i = 1; i < series.size(); i++) {
            lo = series.low(i) < series.low(lo) ? i : lo;
            hi = series.high(i) > series.high(hi) ? i : hi;
        }
        String data = " of the replayed " + p.coin() + " " + p.interval().code() + " candles (";
        checkFixedQty(source, cfg, p, new Prices(series.low(lo), "even at the lowest price" + data + money(series.low(lo))
                + " on " + day(series.openTime(lo)) + ")", series.high(hi), "even at the highest price" + data
                + money(series.high(hi)) + " on " + day(series.openTime(hi)) + ")"));
    }

    /** The price range an entry can happen at, and how to name each end in a message. */
    private record Prices(double low, String lowNote, double high, String highNote) {
        static Prices at(double price, String note) {
            return new Prices(price, note, price, note);
        }
    }

    /**
     * The first entry of fixedQty coins: its notional at the low end against the risk limits at
     * the starting equity, at the high end against the exchange's minimum order.
     */
    private static void checkFixedQty(String source, StrategyConfig cfg, FibHedgeParams p, Prices prices) {
        RiskLimits risk = cfg.risk();
        String limits = defaultsNote(!risk.equals(RiskLimits.DEFAULTS));
        double q = p.sizing().fixedQty();
        double equity = cfg.initialEquity();
        double notional = q * prices.low();
        String what = String.format(Locale.ROOT, "%s: strategy.sizing.fixedQty = %s %s is %s USDC %s", source, fmt(q),
                p.coin(), money(notional), prices.lowNote());
        String refuse = limits + ": the risk manager would refuse every entry; lower fixedQty or size from equity"
                + " (fixedQty: null)";
        if (notional > risk.maxOrderNotionalUsd() + 1e-9) {
            throw UserError.usage(what + ", above risk.maxOrderNotionalUsd = " + fmt(risk.maxOrderNotionalUsd()) + refuse);
        }
        if (notional > risk.maxPositionFraction() * equity + 1e-9) {
            throw UserError.usage(String.format(Locale.ROOT, "%s, %s of account.initialEquity = %s, above"
                    + " risk.maxPositionFraction = %s%s", what, ratio(notional / equity), fmt(equity),
                    fmt(risk.maxPositionFraction()), refuse));
        }
        if (notional > risk.maxLeverage() * equity + 1e-9) {
            throw UserError.usage(String.format(Locale.ROOT, "%s, %sx account.initialEquity = %s, above risk.maxLeverage = %s%s",
                    what, ratio(notional / equity), fmt(equity), fmt(risk.maxLeverage()), refuse));
        }
        if (notional > risk.maxPositionNotionalUsd() + 1e-9) {
            throw UserError.usage(what + ", above risk.maxPositionNotionalUsd = " + fmt(risk.maxPositionNotionalUsd()) + refuse);
        }
        double most = q * prices.high();
        if (most < OrderRounding.MIN_NOTIONAL_USD) {
            throw UserError.usage(String.format(Locale.ROOT, "%s: strategy.sizing.fixedQty = %s %s is %s USDC %s, below the"
                            + " exchange's minimum order of %s USDC: no entry could ever be placed; raise fixedQty",
                    source, fmt(q), p.coin(), money(most), prices.highNote(), fmt(OrderRounding.MIN_NOTIONAL_USD)));
        }
    }

    private static String defaultsNote(boolean riskGiven) {
        return riskGiven ? "" : " (the default: the config has no risk: section; add one with limits that fit"
                + " the sizing, see config/fib-hedge.yaml)";
    }

    private static String ratio(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String day(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 10);
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
