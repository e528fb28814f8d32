package io.hypertrader.sim;

import io.hypertrader.core.Instrument;
import io.hypertrader.exec.EventLog;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.ExecutionVenueContract;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.model.FundingSchedule;
import io.hypertrader.sim.model.SimModels;

import java.util.List;

/**
 * The venue contract on the simulator, driven the way the replay loop drives it: the market is a
 * path the venue walks segment by segment, stopping at every event it announces; zero latency,
 * no slippage, Hyperliquid's rules and fees, and a participation cap so that liquidity can be
 * made scarce (otherwise unlimited).
 */
class SimulatedVenueContractTest extends ExecutionVenueContract {

    /** No frictions except Hyperliquid's own rules and fees; fills capped by the segment's liquidity. */
    static final SimConfig CONTRACT = new SimConfig("contract", PathMode.BULLISH_LOW_FIRST, false,
            SimConfig.IDEAL.latency(), SimConfig.IDEAL.slippage(),
            new SimConfig.Fills(SimConfig.FillModelKind.VOLUME_CAPPED, 10_000, 0, 0.5, 0.9, 1.0),
            new SimConfig.Rejection(true, Double.POSITIVE_INFINITY, 0),
            new SimConfig.Fees(1.5, 4.5), SimConfig.IDEAL.funding());
    static final long T0 = 1_700_000_000_000L;
    static final long STEP_MS = 60_000;
    /** Volume of a path segment when liquidity is not limited: the cap never binds. */
    static final double PLENTY = 1e12;

    private SimulatedVenue venue;
    private long time;
    private double segmentVolume = PLENTY;

    @Override
    protected ExecutionVenue venue() {
        return venue;
    }

    @Override
    protected void open() {
        venue = new SimulatedVenue(CONTRACT, SimModels.of(CONTRACT, 1), new Account(List.of(new Instrument(BTC, 5, 40)), START_USDC),
                List.of(FundingSchedule.NONE), STEP_MS, new EventLog());
        venue.setListener(events::add);
        time = T0;
        venue.beginBarLiquidity(0, 3 * segmentVolume);
        venue.jump(0, time, START_PRICE);
    }

    @Override
    protected void marketAt(double price) {
        // one segment with its own liquidity, walked as Backtester.segment walks it
        long t1 = time + STEP_MS;
        venue.beginBarLiquidity(0, 3 * segmentVolume);
        venue.beginSegment(0, t1, price, false);
        for (int guard = 0; guard < 1000; guard++) {
            long te = venue.idle(0) ? Long.MAX_VALUE : venue.nextEventTime(0);
            if (te <= t1) {
                venue.advance(0, te, Double.NaN);
                continue;
            }
            venue.advance(0, t1, price);
            time = t1;
            settle();
            return;
        }
        throw new AssertionError("the segment never ended");
    }

    @Override
    protected void settle() {
        venue.settle(0);
    }

    @Override
    protected void limitRestingLiquidity(double coins) {
        segmentVolume = coins; // the cap is 100% of the segment's volume
    }

    @Override
    protected void loseNextAnswer() {
        // the simulator's answers travel nowhere: nothing to lose
    }
}
