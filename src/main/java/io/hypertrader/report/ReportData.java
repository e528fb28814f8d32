package io.hypertrader.report;

import io.hypertrader.analytics.Metrics;
import io.hypertrader.analytics.PathInterval;
import io.hypertrader.analytics.RunAnalysis;
import io.hypertrader.core.CandleSeries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * Everything a run report shows, already computed: the report package only formats and draws it.
 * Times are UTC epoch ms; money in quote currency (USDC); quantities in coins, positive.
 *
 * @param runId    run identifier, used in titles
 * @param title    one-line description, e.g. "fib-hedge BTC 1h"
 * @param manifest run manifest in display order: config (may be multi-line YAML), config hash, seed,
 *                 data range and rows, code version, event-log hash ... (copied, order kept)
 * @param candles  the replayed candles
 * @param curves   equity, buy and hold, drawdowns and exposure at each mark
 * @param fills    every fill in time order, of every coin
 * @param orders   every order with its final status (rejections and partial fills carry a reason), of every coin
 * @param cycles   strategy cycles with their level prices, of every coin (empty for strategies without cycles)
 * @param metrics  all figures (analytics)
 * @param analysis calendar returns, rolling figures, tail risk, drawdown episodes, trade tables (analytics)
 * @param pathInterval the run under every intrabar path mode, or null when it was not computed
 * @param dataSources  coin to the source its candles came from ("synthetic", "hyperliquid", a file's
 *                     --source ...), in display order
 */
public record ReportData(String runId, String title, SequencedMap<String, String> manifest, CandleSeries candles,
                         Curves curves, List<Fill> fills, List<Order> orders, List<Cycle> cycles, Metrics metrics,
                         RunAnalysis analysis, PathInterval pathInterval, SequencedMap<String, String> dataSources) {

    /** The source name that marks generated candles (hypertrader data generate, the shipped dataset). */
    public static final String SYNTHETIC = "synthetic";

    public ReportData {
        Objects.requireNonNull(runId, "runId");
        if (!runId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("run id '" + runId + "' must be 1-100 letters, digits, '.', '_' or '-'");
        }
        title = title == null ? runId : title;
        manifest = new LinkedHashMap<>(Objects.requireNonNull(manifest, "manifest"));
        Objects.requireNonNull(candles, "candles");
        Objects.requireNonNull(curves, "curves");
        fills = List.copyOf(fills);
        orders = List.copyOf(orders);
        cycles = List.copyOf(cycles);
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(analysis, "analysis");
        dataSources = new LinkedHashMap<>(dataSources == null ? Map.of() : dataSources);
    }

    /** The coins whose candles are synthetic (generated, not market prices), in display order. */
    public List<String> syntheticCoins() {
        return dataSources.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue().toLowerCase(java.util.Locale.ROOT).contains(SYNTHETIC))
                .map(Map.Entry::getKey).toList();
    }

    /** A read-only view of the manifest in display order. */
    public Map<String, String> manifestView() {
        return java.util.Collections.unmodifiableMap(manifest);
    }

    /**
     * The per-mark series of a run (all arrays the same length as {@code time}; not copied).
     *
     * @param time          mark times, strictly ascending (normally bar closes)
     * @param equity        account equity
     * @param buyHold       equity of buying the coin with the initial equity at the first mark
     * @param drawdown      strategy drawdown, a fraction of the running peak (0.25 = 25 % below)
     * @param buyHoldDrawdown buy-and-hold drawdown, same convention
     * @param longNotional  notional of the long leg (>= 0)
     * @param shortNotional notional of the short leg (>= 0)
     * @param netNotional   net position notional, long - short (what the exchange holds)
     */
    public record Curves(long[] time, double[] equity, double[] buyHold, double[] drawdown, double[] buyHoldDrawdown,
                         double[] longNotional, double[] shortNotional, double[] netNotional) {
        public Curves {
            int n = time.length;
            for (double[] a : new double[][]{equity, buyHold, drawdown, buyHoldDrawdown, longNotional, shortNotional, netNotional}) {
                if (a.length != n) {
                    throw new IllegalArgumentException("report curves differ in length: time has " + n + ", another has " + a.length);
                }
            }
            for (int i = 1; i < n; i++) {
                if (time[i] <= time[i - 1]) {
                    throw new IllegalArgumentException("curve times not strictly ascending at index " + i);
                }
            }
        }
    }

    /** Order side. */
    public enum Side { BUY, SELL }

    /**
     * One fill.
     *
     * @param slippageBp cost against the reference price in basis points (positive = worse)
     * @param latencyMs  time from the decision to the fill, ms
     * @param leg        which strategy leg it served ("long", "short", or "" when not split)
     */
    public record Fill(long time, String orderId, Side side, double price, double quantity, double fee,
                       double slippageBp, long latencyMs, boolean maker, String leg, String coin) {
        public Fill {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(side, "side");
            leg = leg == null ? "" : leg;
            coin = coin == null ? "" : coin;
        }

        /** A fill of the report's only coin. */
        public Fill(long time, String orderId, Side side, double price, double quantity, double fee,
                    double slippageBp, long latencyMs, boolean maker, String leg) {
            this(time, orderId, side, price, quantity, fee, slippageBp, latencyMs, maker, leg, "");
        }

        /** price * quantity, USDC. */
        public double notional() {
            return price * quantity;
        }
    }

    /** Final status of an order. */
    public enum OrderStatus { FILLED, PARTIALLY_FILLED, REJECTED, CANCELLED, OPEN }

    /**
     * One order and how it ended.
     *
     * @param price          limit price, NaN for a market order
     * @param filledQuantity how much of {@code quantity} filled
     * @param reason         why it was rejected, cancelled or only partly filled ("" otherwise)
     */
    public record Order(String orderId, long time, Side side, String type, double price, double quantity,
                        double filledQuantity, OrderStatus status, String reason, String coin) {
        public Order {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(status, "status");
            type = type == null ? "" : type;
            reason = reason == null ? "" : reason;
            coin = coin == null ? "" : coin;
        }

        /** An order of the report's only coin. */
        public Order(String orderId, long time, Side side, String type, double price, double quantity,
                     double filledQuantity, OrderStatus status, String reason) {
            this(orderId, time, side, type, price, quantity, filledQuantity, status, reason, "");
        }
    }

    /** A Fibonacci level of a cycle: ratio r and its price L(r) = H - r (H - E). */
    public record Level(double ratio, double price) {
    }

    /**
     * A strategy cycle as the candle chart draws it (capture figures come from {@link Metrics}).
     *
     * @param index     1-based, matching {@link Metrics.CycleCapture#index()}
     * @param entry     E
     * @param extreme   H (frozen when the hedge fired)
     * @param levels    the level prices, ascending ratio
     */
    public record Cycle(int index, long startTime, long endTime, double entry, double extreme, List<Level> levels,
                        String coin) {
        public Cycle {
            levels = List.copyOf(levels);
            coin = coin == null ? "" : coin;
        }

        /** A cycle of the report's only coin. */
        public Cycle(int index, long startTime, long endTime, double entry, double extreme, List<Level> levels) {
            this(index, startTime, endTime, entry, extreme, levels, "");
        }

        /** True when the cycle belongs to the coin of the candle chart ("" = the only coin). */
        public boolean of(String chartCoin) {
            return coin.isEmpty() || coin.equals(chartCoin);
        }
    }
}
