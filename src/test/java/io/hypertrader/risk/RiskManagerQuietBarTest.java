package io.hypertrader.risk;

import io.hypertrader.core.Coin;
import io.hypertrader.strategy.QuietBar;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily loss rule's part of the quiet-bar fast path: {@link RiskManager#quietOver} must say
 * "quiet" exactly when {@link RiskManager#onEquity} at the same points would report nothing, and
 * {@link RiskManager#passQuiet} must leave the manager where those calls would have.
 */
class RiskManagerQuietBarTest {
    private static final long DAY = 86_400_000L;
    private static final long MIDNIGHT = 19_700 * DAY; // a UTC midnight
    private static final long HOUR = 3_600_000L;
    /** 30% daily loss limit, the shipped config's. */
    private static final RiskLimits LIMITS = new RiskLimits(3.0, 5.0, 0.30, 0.75, 5, 1_000_000, 30, Double.POSITIVE_INFINITY);

    private final List<RiskEvent> events = new ArrayList<>();

    /**
     * A 1h intrabar bar opening at t whose four points show these equities: one coin held from
     * entry 0 with no cash, so the equity at a point is its price (open, low, high, close).
     */
    private static QuietBar bar(long t, double... equities) {
        QuietBar b = new QuietBar();
        b.startRun(Coin.of("BTC"), HOUR, true, 1, 0);
        b.bar(t, equities[0], equities[2], equities[1], equities[3], 1, 0, true);
        for (int j = 0; j < 4; j++) {
            assertThat(b.equity(j)).isEqualTo(equities[j]);
        }
        return b;
    }

    @Test
    void aPointAtOrBelowTheDaysLimitIsNotQuiet() {
        RiskManager rm = new RiskManager(LIMITS, events::add);
        rm.onEquity(MIDNIGHT + 5 * HOUR, 10_000); // the day starts at 10,000: halt at or below 7,000
        assertThat(rm.quietOver(bar(MIDNIGHT + 6 * HOUR, 9_000, 7_000.01, 8_000, 9_500))).isTrue();
        assertThat(rm.quietOver(bar(MIDNIGHT + 6 * HOUR, 9_000, 7_000, 8_000, 9_500))).isFalse();
        assertThat(events).isEmpty(); // the test itself reports nothing and changes nothing
        assertThat(rm.dayStartEquity()).isEqualTo(10_000);
        // the same points through onEquity: the second bar halts, the first does not
        RiskManager replay = new RiskManager(LIMITS, events::add);
        replay.onEquity(MIDNIGHT + 5 * HOUR, 10_000);
        for (double e : new double[]{9_000, 7_000.01, 8_000, 9_500}) {
            replay.onEquity(MIDNIGHT + 6 * HOUR, e);
        }
        assertThat(events).isEmpty();
        replay.onEquity(MIDNIGHT + 7 * HOUR, 7_000);
        assertThat(events).singleElement().extracting(RiskEvent::rule).isEqualTo(RiskRule.DAILY_LOSS);
    }

    @Test
    void aNewDayInsideTheBarStartsFromTheEquityAtItsFirstPoint() {
        RiskManager rm = new RiskManager(LIMITS, events::add);
        rm.onEquity(MIDNIGHT - 5 * HOUR, 10_000); // yesterday: halt at or below 7,000
        // the bar opens at midnight at 5,000: yesterday's limit would halt, but a new day starts
        // there (halt at or below 3,500), so the bar is quiet while it stays above 3,500
        QuietBar b = bar(MIDNIGHT, 5_000, 3_600, 4_000, 4_500);
        assertThat(rm.quietOver(b)).isTrue();
        assertThat(rm.quietOver(bar(MIDNIGHT, 5_000, 3_500, 4_000, 4_500))).isFalse();
        rm.passQuiet(b);
        assertThat(events).isEmpty();
        assertThat(rm.dayStartEquity()).isEqualTo(5_000);
        assertThat(rm.haltedForDay()).isFalse();
        rm.onEquity(MIDNIGHT + 2 * HOUR, 3_500); // the new day's limit is in force
        assertThat(events).singleElement().extracting(RiskEvent::rule).isEqualTo(RiskRule.DAILY_LOSS);
    }

    @Test
    void afterTheDaysHaltABarCannotHaltAgain() {
        RiskManager rm = new RiskManager(LIMITS, events::add);
        rm.onEquity(MIDNIGHT + HOUR, 10_000);
        rm.onEquity(MIDNIGHT + 2 * HOUR, 6_000); // halted for the day
        assertThat(events).hasSize(1);
        assertThat(rm.quietOver(bar(MIDNIGHT + 3 * HOUR, 5_000, 4_000, 4_500, 5_000))).isTrue();
    }
}
