package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.strategy.QuietBar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks orders before they reach a venue and positions on every price update, against
 * {@link RiskLimits}. One instance per account: a paper or live deployment or a backtest run,
 * shared by every coin's guarded strategy, whose checked venues join its {@link #account() view
 * of the account}, so the account-wide rules (total leverage, open coins, the daily loss, the
 * order rate) see every coin. Not thread-safe.
 *
 * <p>Orders that only reduce risk (reduce-only, or shrinking a position without flipping it) are
 * always allowed: a risk manager that could block a close would be the risk. Every other order
 * must pass every rule; the first failing rule refuses it with a {@link RiskEvent}.
 *
 * <p>Time comes from the caller (replay time in backtests), never from the wall clock.
 */
public final class RiskManager {

    private static final long DAY_MS = 86_400_000L;
    private static final long MINUTE_MS = 60_000L;

    private final RiskLimits limits;
    private final Consumer<RiskEvent> sink;
    private final RiskAccount account = new RiskAccount();
    /** Ring buffer of accepted order times, for the per-minute rate; grows up to the limit as orders come. */
    private long[] recentOrders;
    private int recentCount;
    private int recentHead;

    private long nextRefusalId = -1;
    /** The daily loss rule's UTC day: its bounds, starting equity, halt level and whether it halted. */
    private final LossDay day = new LossDay();
    /** A scratch day for {@link #quietOver}, which tries a bar's points without changing {@link #day}. */
    private final LossDay probeDay = new LossDay();

    public RiskManager(RiskLimits limits, Consumer<RiskEvent> sink) {
        this.limits = limits;
        this.sink = sink;
        this.recentOrders = new long[Math.min(limits.maxOrdersPerMinute(), 64)];
    }

    public RiskLimits limits() {
        return limits;
    }

    /** The account over every coin of every strategy this manager guards (what {@link RiskCheckedVenue} checks against). */
    public AccountView account() {
        return account;
    }

    /** A strategy's checked venue joins the account with the coins it trades. */
    void join(RiskCheckedVenue member, List<Coin> coins) {
        account.join(member, coins);
    }

    /** The id of the next refused order: -1, -2, ... unique over every coin this manager guards. */
    public long nextRefusalId() {
        return nextRefusalId--;
    }

    /** True while the daily loss limit blocks risk-increasing orders. */
    public boolean haltedForDay() {
        return day.halted;
    }

    /** Equity at the start of the current UTC day, NaN before the first update. */
    public double dayStartEquity() {
        return day.startEquity;
    }

    /**
     * Tracks the UTC day's starting equity and the daily loss limit. Call on every equity update
     * (each price point in a backtest); cheap and allocation-free.
     */
    public void onEquity(long timeMs, double equity) {
        if (day.crossesInto(timeMs, equity, limits.dailyLossFraction())) {
            day.halted = true;
            sink.accept(new RiskEvent(timeMs, RiskRule.DAILY_LOSS, "*", RiskEvent.Action.HALTED, String.format(Locale.ROOT,
                    "equity %.2f is %.2f%% below the day's start %.2f (limit %.2f%%): risk-increasing orders blocked until 00:00 UTC",
                    equity, 100 * (1 - equity / day.startEquity), day.startEquity, 100 * limits.dailyLossFraction())));
        }
    }

    /**
     * The daily loss rule's UTC day, [fromMs, toMs), empty before the first update. {@link #onEquity}
     * keeps the manager's; {@link #quietOver} rolls a copy over a bar's points with the same code.
     */
    private static final class LossDay {
        long fromMs = Long.MAX_VALUE;
        long toMs = Long.MIN_VALUE;
        double startEquity = Double.NaN;
        /** Equity at or below which the day halts: startEquity * (1 - dailyLossFraction). */
        double haltBelow = Double.NaN;
        boolean halted;

        /**
         * Equity {@code equity} at {@code timeMs}: starts a new day from it when the time is past the
         * current one (two compares, no division per price), then returns true when this equity
         * newly reaches the halt level (the caller halts the day).
         */
        boolean crossesInto(long timeMs, double equity, double dailyLossFraction) {
            if (timeMs < fromMs || timeMs >= toMs) {
                fromMs = Math.floorDiv(timeMs, DAY_MS) * DAY_MS;
                toMs = fromMs + DAY_MS;
                startEquity = equity;
                haltBelow = startEquity * (1 - dailyLossFraction);
                halted = false;
            }
            return !halted && equity <= haltBelow;
        }

        void copyFrom(LossDay o) {
            fromMs = o.fromMs;
            toMs = o.toMs;
            startEquity = o.startEquity;
            haltBelow = o.haltBelow;
            halted = o.halted;
        }
    }

    /**
     * True when {@link #onEquity} at each point of the bar, in order, would halt nothing (the
     * daily loss rule's part of the quiet-bar test; a day that starts inside the bar starts from
     * the equity there, as onEquity would). Changes nothing.
     */
    public boolean quietOver(QuietBar bar) {
        if (bar.time(0) >= day.fromMs && bar.time(bar.points() - 1) < day.toMs
                && (day.halted || bar.lowestEquity() > day.haltBelow)) {
            return true; // inside the day, and no point can be at or below the limit
        }
        probeDay.copyFrom(day);
        for (int j = 0; j < bar.points(); j++) {
            if (probeDay.crossesInto(bar.time(j), bar.equity(j), limits.dailyLossFraction())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Passes a bar {@link #quietOver} found quiet: what {@link #onEquity} at its points does then,
     * which is only starting a new day at the first point past midnight.
     */
    public void passQuiet(QuietBar bar) {
        for (int j = 0; j < bar.points(); j++) {
            long t = bar.time(j);
            if (t < day.fromMs || t >= day.toMs) {
                onEquity(t, bar.equity(j)); // a new day: starts from this equity, halts nothing (quietOver)
            }
        }
    }

    /**
     * True when the position has lost at least its stop fraction of margin (margin = entry
     * notional / leverage) and must be closed. Allocation-free, for the per-price-point loop.
     */
    public boolean stopHit(double size, double entryPrice, double mark, double leverage) {
        if (size == 0 || !(entryPrice > 0) || !(leverage > 0)) {
            return false;
        }
        double margin = Math.abs(size) * entryPrice / leverage;
        double unrealized = size * (mark - entryPrice);
        return unrealized <= -limits.positionStopFraction() * margin;
    }

    /**
     * A price bound outside which {@link #stopHit} is certainly false for this position: for a long,
     * marks above it; for a short, marks below it. It lies a relative 1e-9 beyond the exact stop
     * price, so a caller may skip {@link #stopHit} there and call it otherwise with the same answer.
     * For a position {@link #stopHit} never stops (flat, unknown entry or leverage), every mark is
     * outside.
     */
    public double stopBound(double size, double entryPrice, double leverage) {
        if (size == 0 || !(entryPrice > 0) || !(leverage > 0)) {
            return size >= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double move = limits.positionStopFraction() / leverage;
        return size > 0 ? entryPrice * (1 - move) * (1 + 1e-9) : entryPrice * (1 + move) * (1 - 1e-9);
    }

    /** Checks every open position's stop; returns (and reports) the coins that must be closed. */
    public List<String> positionsToClose(AccountView account, long timeMs) {
        List<String> close = new ArrayList<>(0);
        for (String coin : account.openCoins()) {
            double size = account.position(coin);
            double entry = account.entryPrice(coin);
            double mark = account.mark(coin);
            double lev = account.leverage(coin);
            if (stopHit(size, entry, mark, lev)) {
                close.add(coin);
                reportStop(coin, size, entry, mark, lev, timeMs);
            }
        }
        return close;
    }

    /** Reports the forced close of a position whose {@link #stopHit} is true (one CLOSE event with the numbers). */
    public void reportStop(String coin, double size, double entry, double mark, double leverage, long timeMs) {
        double margin = Math.abs(size) * entry / leverage;
        sink.accept(new RiskEvent(timeMs, RiskRule.POSITION_STOP, coin, RiskEvent.Action.CLOSE, String.format(Locale.ROOT,
                "position %s %.6f from %.6f at mark %.6f lost %.2f, %.1f%% of its margin %.2f (stop %.1f%%)",
                coin, size, entry, mark, -size * (mark - entry), 100 * size * (entry - mark) / margin, margin,
                100 * limits.positionStopFraction())));
    }

    /**
     * Checks one order. Returns null when it may go, otherwise the refusal (also sent to the sink).
     * An allowed order counts towards the per-minute rate.
     */
    public RiskEvent check(OrderCheck order, AccountView account) {
        double position = account.position(order.coin());
        double after = position + order.sizeDelta();
        if (order.reduceOnly() || reducesOnly(position, after)) {
            return null;
        }
        RiskEvent refusal = firstBrokenRule(order, account, position, after);
        if (refusal != null) {
            sink.accept(refusal);
            return refusal;
        }
        recordOrder(order.timeMs());
        return null;
    }

    private RiskEvent firstBrokenRule(OrderCheck o, AccountView a, double position, double after) {
        double equity = a.equity();
        String coin = o.coin();
        if (day.halted) {
            return refuse(o, RiskRule.DAILY_LOSS, String.format(Locale.ROOT,
                    "daily loss limit %.2f%% reached (day start equity %.2f): no risk-increasing orders until 00:00 UTC",
                    100 * limits.dailyLossFraction(), day.startEquity));
        }
        double orderNotional = Math.abs(o.sizeDelta()) * o.price();
        if (orderNotional > limits.maxOrderNotionalUsd()) {
            return refuse(o, RiskRule.ORDER_NOTIONAL, String.format(Locale.ROOT,
                    "order notional %.2f USDC above the cap %.2f", orderNotional, limits.maxOrderNotionalUsd()));
        }
        if (ordersInLastMinute(o.timeMs()) >= limits.maxOrdersPerMinute()) {
            return refuse(o, RiskRule.ORDER_RATE, String.format(Locale.ROOT,
                    "%d orders in the last minute (limit %d)", limits.maxOrdersPerMinute(), limits.maxOrdersPerMinute()));
        }
        if (!(equity > 0)) {
            return refuse(o, RiskRule.LEVERAGE, String.format(Locale.ROOT, "account value %.2f is not positive", equity));
        }
        double positionNotional = Math.abs(after) * o.price();
        if (positionNotional > limits.maxPositionFraction() * equity + 1e-9) {
            return refuse(o, RiskRule.POSITION_SIZE, String.format(Locale.ROOT,
                    "%s position notional would be %.2f USDC, %.1f%% of account value %.2f (limit %.1f%%)",
                    coin, positionNotional, 100 * positionNotional / equity, equity, 100 * limits.maxPositionFraction()));
        }
        if (positionNotional > limits.maxPositionNotionalUsd() + 1e-9) {
            return refuse(o, RiskRule.POSITION_CAP, String.format(Locale.ROOT,
                    "%s position notional would be %.2f USDC, above the cap %.2f USDC", coin, positionNotional,
                    limits.maxPositionNotionalUsd()));
        }
        // every other coin of the account at the larger of its position and what its working orders would make it
        double total = positionNotional;
        int openCoins = after != 0 ? 1 : 0;
        for (String other : a.activeCoins()) {
            if (!other.equals(coin)) {
                double size = a.position(other);
                double exposure = Math.max(Math.abs(size), Math.abs(size + a.working(other)));
                if (exposure != 0) {
                    total += exposure * a.mark(other);
                    openCoins++;
                }
            }
        }
        if (total / equity > limits.maxLeverage() + 1e-9) {
            return refuse(o, RiskRule.LEVERAGE, String.format(Locale.ROOT,
                    "total notional would be %.2f USDC, %.2fx account value %.2f (limit %.2fx)",
                    total, total / equity, equity, limits.maxLeverage()));
        }
        if (position == 0 && after != 0 && openCoins > limits.maxOpenCoins()) {
            return refuse(o, RiskRule.OPEN_COINS, String.format(Locale.ROOT,
                    "opening %s would make %d coins with positions or working orders (limit %d)", coin, openCoins,
                    limits.maxOpenCoins()));
        }
        return null;
    }

    private static boolean reducesOnly(double before, double after) {
        return before != 0 && Math.abs(after) < Math.abs(before) && (after == 0 || Math.signum(after) == Math.signum(before));
    }

    private RiskEvent refuse(OrderCheck o, RiskRule rule, String reason) {
        return new RiskEvent(o.timeMs(), rule, o.coin(), RiskEvent.Action.REFUSED, reason);
    }

    private int ordersInLastMinute(long now) {
        int n = 0;
        long[] ring = recentOrders;
        for (int i = 0, at = recentHead; i < recentCount; i++) { // no division per entry: the index wraps by compare
            if (now - ring[at] < MINUTE_MS) {
                n++;
            }
            if (++at == ring.length) {
                at = 0;
            }
        }
        return n;
    }

    private void recordOrder(long time) {
        if (recentCount == recentOrders.length && recentOrders.length < limits.maxOrdersPerMinute()) {
            // full but below the limit: unroll the ring into a larger buffer (oldest first)
            long[] grown = new long[(int) Math.min(limits.maxOrdersPerMinute(), 2L * recentOrders.length)];
            for (int i = 0; i < recentCount; i++) {
                grown[i] = recentOrders[(recentHead + i) % recentOrders.length];
            }
            recentOrders = grown;
            recentHead = 0;
        }
        if (recentCount < recentOrders.length) {
            recentOrders[(recentHead + recentCount) % recentOrders.length] = time;
            recentCount++;
        } else {
            recentOrders[recentHead] = time;
            recentHead = (recentHead + 1) % recentOrders.length;
        }
    }
}
