package io.hypertrader.risk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RiskManagerTest {

    private static final long T0 = 1_700_000_000_000L; // 2023-11-14 22:13:20 UTC
    private static final long DAY = 86_400_000L;

    /** A simple account: positions at one mark each, fixed leverage. */
    static final class Account implements AccountView {
        double equity;
        final Map<String, double[]> positions = new LinkedHashMap<>(); // coin -> {size, entry, mark, leverage}

        Account(double equity) {
            this.equity = equity;
        }

        Account with(String coin, double size, double entry, double mark, double leverage) {
            positions.put(coin, new double[]{size, entry, mark, leverage});
            return this;
        }

        @Override public double equity() { return equity; }
        @Override public double position(String c) { return positions.containsKey(c) ? positions.get(c)[0] : 0; }
        @Override public double mark(String c) { return positions.containsKey(c) ? positions.get(c)[2] : Double.NaN; }
        @Override public double entryPrice(String c) { return positions.containsKey(c) ? positions.get(c)[1] : Double.NaN; }
        @Override public double leverage(String c) { return positions.containsKey(c) ? positions.get(c)[3] : 1; }
        @Override public Collection<String> openCoins() {
            List<String> open = new ArrayList<>();
            positions.forEach((c, p) -> { if (p[0] != 0) open.add(c); });
            return open;
        }
    }

    private final List<RiskEvent> events = new ArrayList<>();

    private RiskManager manager(RiskLimits limits) {
        return new RiskManager(limits, events::add);
    }

    @Test
    void positionAboveTwentyPercentOfEquityIsRefusedWithTheNumbers() {
        RiskManager rm = manager(RiskLimits.DEFAULTS);
        Account acct = new Account(10_000);
        assertThat(rm.check(new OrderCheck("BTC", 0.05, 40_000, false, T0), acct)).isNull(); // 2000 = 20%
        RiskEvent refused = rm.check(new OrderCheck("BTC", 0.051, 40_000, false, T0), acct);
        assertThat(refused.rule()).isEqualTo(RiskRule.POSITION_SIZE);
        assertThat(refused.reason()).contains("2040.00", "20.4%", "10000.00", "20.0%");
        assertThat(events).containsExactly(refused);
    }

    @Test
    void closingOrReducingIsNeverBlockedEvenWhenHalted() {
        RiskManager rm = manager(RiskLimits.DEFAULTS);
        rm.onEquity(T0, 10_000);
        rm.onEquity(T0 + 1000, 9_400); // -6%: halted
        assertThat(rm.haltedForDay()).isTrue();
        Account acct = new Account(9_400).with("ETH", 5, 2000, 1880, 5); // way over 20% already
        assertThat(rm.check(new OrderCheck("ETH", -2, 1880, false, T0 + 2000), acct)).isNull();
        assertThat(rm.check(new OrderCheck("ETH", -5, 1880, true, T0 + 2000), acct)).isNull();
        // Flipping through zero increases risk on the other side: refused.
        assertThat(rm.check(new OrderCheck("ETH", -6, 1880, false, T0 + 2000), acct).rule()).isEqualTo(RiskRule.DAILY_LOSS);
    }

    @Test
    void dailyLossBlocksUntilTheNextUtcDay() {
        RiskManager rm = manager(RiskLimits.DEFAULTS);
        long dayStart = Math.floorDiv(T0, DAY) * DAY;
        rm.onEquity(dayStart + 1, 10_000);
        rm.onEquity(dayStart + 3_600_000, 9_501); // -4.99%: still fine
        assertThat(rm.haltedForDay()).isFalse();
        rm.onEquity(dayStart + 7_200_000, 9_500); // exactly -5%
        assertThat(rm.haltedForDay()).isTrue();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(RiskRule.DAILY_LOSS);
            assertThat(e.action()).isEqualTo(RiskEvent.Action.HALTED);
        });
        Account acct = new Account(9_500);
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, dayStart + 7_300_000), acct).rule())
                .isEqualTo(RiskRule.DAILY_LOSS);
        // Next UTC day: the day starts afresh at the current equity.
        rm.onEquity(dayStart + DAY, 9_450);
        assertThat(rm.haltedForDay()).isFalse();
        assertThat(rm.dayStartEquity()).isEqualTo(9_450);
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, dayStart + DAY + 1), acct)).isNull();
    }

    @Test
    void positionStopClosesAtTenPercentOfMargin() {
        RiskManager rm = manager(RiskLimits.DEFAULTS);
        // Long 1 BTC from 40,000 at 5x: margin 8,000; -10% of margin = -800 -> stop at 39,200.
        assertThat(rm.stopHit(1, 40_000, 39_201, 5)).isFalse();
        assertThat(rm.stopHit(1, 40_000, 39_200, 5)).isTrue();
        // Short: the mirror.
        assertThat(rm.stopHit(-1, 40_000, 40_799, 5)).isFalse();
        assertThat(rm.stopHit(-1, 40_000, 40_800, 5)).isTrue();
        Account acct = new Account(20_000).with("BTC", 1, 40_000, 39_000, 5).with("ETH", -2, 2000, 1990, 5);
        assertThat(rm.positionsToClose(acct, T0)).containsExactly("BTC");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo(RiskRule.POSITION_STOP);
            assertThat(e.action()).isEqualTo(RiskEvent.Action.CLOSE);
            assertThat(e.reason()).contains("lost 1000.00", "12.5% of its margin 8000.00");
        });
    }

    @Test
    void orderRateIsASlidingMinute() {
        RiskLimits limits = new RiskLimits(10, 100, 0.05, 0.1, 5, 1e9, 3, Double.POSITIVE_INFINITY);
        RiskManager rm = manager(limits);
        Account acct = new Account(1e6);
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, T0), acct)).isNull();
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, T0 + 10_000), acct)).isNull();
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, T0 + 20_000), acct)).isNull();
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, T0 + 59_999), acct).rule()).isEqualTo(RiskRule.ORDER_RATE);
        // The first order leaves the window at T0 + 60s.
        assertThat(rm.check(new OrderCheck("BTC", 0.01, 40_000, false, T0 + 60_000), acct)).isNull();
    }

    @Test
    void aLargeOrderRateLimitHoldsPastTheBuffersInitialSize() {
        // 500 a minute: the window's buffer grows as orders come (it starts small); the 501st in the
        // minute is refused, and each order leaves the window exactly 60 s after it was accepted
        RiskLimits limits = new RiskLimits(100, 200, 0.05, 0.1, 5, 1e12, 500, Double.POSITIVE_INFINITY);
        RiskManager rm = manager(limits);
        Account acct = new Account(1e9);
        for (int i = 0; i < 500; i++) {
            assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 100L * i), acct)).as("order " + i).isNull();
        }
        assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 50_000), acct).rule()).isEqualTo(RiskRule.ORDER_RATE);
        assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 59_999), acct).rule()).isEqualTo(RiskRule.ORDER_RATE);
        assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 60_000), acct)).isNull(); // order 0 left
        assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 60_050), acct).rule()).isEqualTo(RiskRule.ORDER_RATE);
        assertThat(rm.check(new OrderCheck("BTC", 0.001, 40_000, false, T0 + 60_100), acct)).isNull(); // order 1 left
    }

        @Test
    void mainnetCapLimitsAnyPositionToOneHundredDollars() {
        RiskManager rm = manager(RiskLimits.DEFAULTS.withMaxPositionNotionalUsd(100));
        Account acct = new Account(100_000);
        assertThat(rm.check(new OrderCheck("BTC", 0.0025, 40_000, false, T0), acct)).isNull();
        assertThat(rm.check(new OrderCheck("BTC", 0.0026, 40_000, false, T0), acct).rule()).isEqualTo(RiskRule.POSITION_CAP);
    }

    /**
     * Many random accounts and orders: the manager allows an order exactly when an independent
     * evaluation of every rule finds none broken, and a refusal names one of the broken rules.
     */
    @Test
    void everyRuleRefusesWhatItMustOverManyRandomOrders() {
        String[] coins = {"BTC", "ETH", "SOL", "DOGE", "AVAX", "ARB", "OP"};
        Map<RiskRule, Integer> refusalsSeen = new LinkedHashMap<>();
        int allowed = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            RiskLimits limits = new RiskLimits(rnd.nextDouble(0.05, 1.5), rnd.nextDouble(1, 6), 0.05, 0.1,
                    rnd.nextInt(1, 6), rnd.nextDouble(500, 20_000), rnd.nextInt(1, 5),
                    rnd.nextBoolean() ? Double.POSITIVE_INFINITY : rnd.nextDouble(100, 5_000));
            List<RiskEvent> seen = new ArrayList<>();
            RiskManager rm = new RiskManager(limits, seen::add);
            Account acct = new Account(rnd.nextDouble(1_000, 50_000));
            int nOpen = rnd.nextInt(0, 6);
            for (int i = 0; i < nOpen; i++) {
                double mark = rnd.nextDouble(1, 50_000);
                double notional = rnd.nextDouble(10, acct.equity * 0.8);
                acct.with(coins[i], (rnd.nextBoolean() ? 1 : -1) * notional / mark, mark, mark, 3);
            }
            long t = T0 + rnd.nextLong(0, DAY);
            rm.onEquity(t, acct.equity);
            boolean halted = rnd.nextInt(10) == 0;
            if (halted) {
                rm.onEquity(t + 1, acct.equity * 0.9);
                acct.equity *= 0.9;
            }
            int priorOrders = rnd.nextInt(0, 5);
            for (int k = 0; k < priorOrders; k++) { // orders that pass everything but count for the rate
                rm.check(new OrderCheck("XX" + k, 1e-9, 1, false, t + k), new Account(acct.equity));
            }
            long now = t + priorOrders + rnd.nextLong(0, 120_000);
            String coin = coins[rnd.nextInt(coins.length)];
            double price = acct.positions.containsKey(coin) ? acct.mark(coin) : rnd.nextDouble(1, 50_000);
            double delta = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(10, acct.equity * 2) / price;
            boolean reduceOnly = rnd.nextInt(8) == 0;

            Set<RiskRule> broken = independentlyBrokenRules(limits, acct, coin, delta, price, reduceOnly,
                    rm.haltedForDay(), priorOrders, now - t - priorOrders + 1);
            int before = seen.size();
            RiskEvent decision = rm.check(new OrderCheck(coin, delta, price, reduceOnly, now), acct);
            if (broken.isEmpty()) {
                assertThat(decision).as("seed %d: allowed", seed).isNull();
                assertThat(seen).as("seed %d: no event for an allowed order", seed).hasSize(before);
                allowed++;
            } else {
                assertThat(decision).as("seed %d: refused, broken %s", seed, broken).isNotNull();
                assertThat(broken).as("seed %d", seed).contains(decision.rule());
                assertThat(seen.get(seen.size() - 1)).isEqualTo(decision);
                refusalsSeen.merge(decision.rule(), 1, Integer::sum);
            }
        }
        // The random cases exercise every order rule, so none of the assertions above is vacuous.
        assertThat(refusalsSeen.keySet()).contains(RiskRule.POSITION_SIZE, RiskRule.POSITION_CAP, RiskRule.LEVERAGE,
                RiskRule.DAILY_LOSS, RiskRule.OPEN_COINS, RiskRule.ORDER_NOTIONAL, RiskRule.ORDER_RATE);
        assertThat(allowed).as("some random orders pass every rule").isGreaterThan(100);
    }

    /** The rules written out plainly, independent of the manager's code path. */
    private static Set<RiskRule> independentlyBrokenRules(RiskLimits l, Account a, String coin, double delta,
                                                          double price, boolean reduceOnly, boolean halted,
                                                          int priorOrders, long msSinceFirstPrior) {
        Set<RiskRule> broken = EnumSet.noneOf(RiskRule.class);
        double pos = a.position(coin);
        double after = pos + delta;
        boolean reducing = reduceOnly || (pos != 0 && Math.abs(after) < Math.abs(pos) && pos * after >= 0);
        if (reducing) {
            return broken;
        }
        if (halted) broken.add(RiskRule.DAILY_LOSS);
        if (Math.abs(delta) * price > l.maxOrderNotionalUsd()) broken.add(RiskRule.ORDER_NOTIONAL);
        // Prior orders were placed within a few ms; they are all in the window unless a minute passed.
        if (msSinceFirstPrior < 60_000 && priorOrders >= l.maxOrdersPerMinute()) broken.add(RiskRule.ORDER_RATE);
        if (Math.abs(after) * price > l.maxPositionFraction() * a.equity() + 1e-9) broken.add(RiskRule.POSITION_SIZE);
        if (Math.abs(after) * price > l.maxPositionNotionalUsd() + 1e-9) broken.add(RiskRule.POSITION_CAP);
        double total = Math.abs(after) * price;
        int open = after != 0 ? 1 : 0;
        for (var e : a.positions.entrySet()) {
            if (!e.getKey().equals(coin) && e.getValue()[0] != 0) {
                total += Math.abs(e.getValue()[0]) * e.getValue()[2];
                open++;
            }
        }
        if (total > l.maxLeverage() * a.equity() + 1e-9) broken.add(RiskRule.LEVERAGE);
        if (pos == 0 && open > l.maxOpenCoins()) broken.add(RiskRule.OPEN_COINS);
        return broken;
    }
}
