package io.hypertrader.sim;

import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.FundingSchedule;

import java.util.List;

/**
 * Funding settlements of a replay (docs/simulator.md, "Funding"): each coin's precomputed
 * schedule, paid as the path passes each settlement time, at the path price there (or at a
 * bar's open when the path jumped over it). A position of signed size s pays s * price * rate.
 */
final class FundingPayments {

    private final Account account;
    private final PricePath path;
    private final FundingSchedule[] schedule;
    /** Per coin: the index of the next unpaid settlement in its schedule. */
    private final int[] nextIndex;
    /** Time of each coin's next funding settlement (Long.MAX_VALUE after the last): the per-point test. */
    private final long[] nextTime;

    FundingPayments(Account account, PricePath path, List<FundingSchedule> schedules) {
        this.account = account;
        this.path = path;
        this.schedule = schedules.toArray(new FundingSchedule[0]);
        int n = schedule.length;
        nextIndex = new int[n];
        nextTime = new long[n];
        for (int c = 0; c < n; c++) {
            long[] ft = schedule[c].times();
            nextTime[c] = ft.length > 0 ? ft[0] : Long.MAX_VALUE;
        }
    }

    /** Time of coin c's next settlement, UTC ms ({@link Long#MAX_VALUE} when none is left). */
    long nextTime(int c) {
        return nextTime[c];
    }

    /**
     * Pays coin c's settlements in (from, to] ({@code from == Long.MIN_VALUE}: everything up to
     * {@code to}) at {@code jumpPrice}, or at the path price at each time when it is NaN.
     */
    void pay(int c, long from, long to, double jumpPrice) {
        if (nextTime[c] > to) {
            return;
        }
        FundingSchedule fs = schedule[c];
        int i = nextIndex[c];
        long[] times = fs.times();
        if (i >= times.length || times[i] > to) {
            return;
        }
        while (i < times.length && times[i] <= to) {
            if (times[i] > from || from == Long.MIN_VALUE) {
                double px = Double.isNaN(jumpPrice) ? path.priceAt(c, times[i]) : jumpPrice;
                if (account.position(c) != 0 && px > 0) {
                    account.fund(c, px, fs.rates()[i]);
                }
            }
            i++;
        }
        nextIndex[c] = i;
        nextTime[c] = i < times.length ? times[i] : Long.MAX_VALUE;
    }
}
