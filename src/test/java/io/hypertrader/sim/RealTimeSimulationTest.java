package io.hypertrader.sim;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.EventLog;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulator driven in real time, as paper trading drives it (issue 11): orders arrive after
 * the latency model's delay at the live price then, a taker pays the live book's half spread
 * instead of the profile's constant, and funding is paid at the rate given at the hour.
 */
class RealTimeSimulationTest {
    static final Coin BTC = Coin.of("BTC");
    static final long BAR = 60_000;
    static final long T0 = 1_700_000_000_000L;

    record Rig(SimulatedVenue venue, RealTimeSimulation sim, Account account) {
    }

    static Rig rig() {
        Account account = new Account(List.of(new Instrument(BTC, 5, 40)), 100_000);
        SimulatedVenue venue = new SimulatedVenue(SimConfig.REALISTIC, SimModels.of(SimConfig.REALISTIC, 7), account,
                List.of(FundingSchedule.NONE), BAR, new EventLog());
        RealTimeSimulation sim = new RealTimeSimulation(venue, 1, BAR);
        for (int i = 0; i < 30; i++) { // closed bars: the trailing window that slippage reads (volatility, volume)
            sim.barClosed(0, 30_150, 29_850, 30_000, 200);
        }
        return new Rig(venue, sim, account);
    }

    /** A market buy decided at T0 on a flat live price of 30,000, then the live price stays there. */
    static Fill buyAtFlatPrice(Rig r, double bid, double ask) {
        if (bid > 0) {
            r.sim().quote(0, bid, ask);
        }
        r.sim().point(0, T0, 30_000);
        r.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.5, false, "test"));
        long due = r.sim().dueTime(0);
        assertThat(due).as("in flight for the latency model's delay").isGreaterThan(T0);
        r.sim().point(0, due, 30_000); // the runner wakes at the arrival, at the last live price
        assertThat(r.venue().fills()).hasSize(1);
        return r.venue().fills().getFirst();
    }

    @Test
    void anOrderArrivesAfterItsLatencyAndATakerPaysTheLiveBooksHalfSpread() {
        Fill plain = buyAtFlatPrice(rig(), 0, 0);
        Fill quoted = buyAtFlatPrice(rig(), 29_985, 30_015); // 30 USD wide: half spread 5 bp
        assertThat(quoted.timeMs()).as("same seed, same delay").isEqualTo(plain.timeMs());
        double profile = SimConfig.REALISTIC.slippage().halfSpreadBp() / 10_000;
        // only the half spread changed: the fill moved by the difference at the arrival price (to the
        // price grid: five significant figures, a 1 USD tick at 30,000)
        assertThat(quoted.price() - plain.price()).isCloseTo((0.0005 - profile) * plain.arrivalPrice(), within(1.0));
        assertThat(quoted.price() - plain.price()).as("the live spread is wider than the profile's").isGreaterThanOrEqualTo(10.0);
        assertThat(quoted.price()).as("a buy pays at least the live half spread").isGreaterThan(30_015 - 1e-9);
    }

    @Test
    void anOrderDueBetweenTwoLivePointsArrivesAtItsDueTimeAtTheLastLivePriceNotAtTheNextOne() {
        Rig r = rig();
        r.sim().point(0, T0, 30_000);
        r.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.5, false, "test"));
        long due = r.sim().dueTime(0);
        r.sim().point(0, T0 + (due - T0) / 2, 30_100); // a live point before the arrival: nothing fills yet
        assertThat(r.venue().fills()).isEmpty();
        long next = T0 + 4 * (due - T0);
        r.sim().arrive(0, next); // as the runner does before a new point: the order was due in between
        r.sim().point(0, next, 30_400);
        Fill f = r.venue().fills().getFirst();
        assertThat(f.timeMs()).isEqualTo(due);
        // the price known at the due time was 30,100; 30,400 lay in the future then
        assertThat(f.arrivalPrice()).isCloseTo(30_100, within(30_100 * 0.002)); // the latency model's noise aside
        assertThat(f.arrivalPrice()).isLessThan(30_250);
    }

    @Test
    void fundingIsPaidAtTheGivenRateOnThePositionAtTheMark() {
        Rig r = rig();
        Fill f = buyAtFlatPrice(r, 0, 0);
        double cash = r.account().cash();
        r.sim().point(0, f.timeMs() + 1_000, 31_000);
        double paid = r.venue().payFundingNow(0, f.timeMs() + 2_000, 0.0001);
        assertThat(paid).isCloseTo(0.5 * 31_000 * 0.0001, within(1e-9));
        assertThat(r.account().cash()).isCloseTo(cash - paid, within(1e-9));
    }
}
