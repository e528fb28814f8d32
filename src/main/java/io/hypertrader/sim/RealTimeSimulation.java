package io.hypertrader.sim;

/**
 * Drives a {@link SimulatedVenue} from live prices in real time (paper trading): the same venue
 * and models a backtest replays, moved along the path the live mids draw instead of a bar's
 * four points. O(1) work per price point (plus the venue's own events on the way).
 *
 * <p>Orders arrive at decision time + the latency model's delay and fill at the last live price
 * then ({@link #arrive}: the next point is not known yet), plus the latency model's noise and the
 * slippage; between two live points the path is the straight line from the earlier to the later,
 * and resting orders and triggers fire where it crosses them; funding is paid on the hour at the
 * live rate ({@link SimulatedVenue#payFundingNow}). {@link #dueTime} says when the runner must
 * wake for an arrival if no price comes first.
 *
 * <p>The spread a taker pays is the live book's ({@link #quote}) where the feed reports it.
 *
 * <p>Market state for slippage and participation: at every closed bar the bar's close, traded
 * volume and range join the trailing window ({@link SimulatedVenue#pushMarketWindow}), and the
 * bar's volume becomes the liquidity of the next bar, a third per third of a bar, as a replay
 * gives each of a bar's three segments a third of its volume.
 */
public final class RealTimeSimulation {
    private final SimulatedVenue venue;
    private final long barMs;
    private final long[] liquiditySince;
    private final boolean[] started;

    public RealTimeSimulation(SimulatedVenue venue, int coins, long barMs) {
        this.venue = venue;
        this.barMs = barMs;
        this.liquiditySince = new long[coins];
        this.started = new boolean[coins];
    }

    /** True once coin c has had its first live point. */
    public boolean started(int c) {
        return started[c];
    }

    /**
     * The live price of coin c is {@code price} at {@code timeMs}: the path moves there along a
     * straight line, stopping at every venue event on the way (arrivals, resting orders and
     * triggers crossed, liquidation), then the venue acts at the point itself. The first point is
     * a jump (nothing lies before it).
     */
    public void point(int c, long timeMs, double price) {
        if (!started[c]) {
            started[c] = true;
            liquiditySince[c] = timeMs;
            venue.jump(c, timeMs, price);
            return;
        }
        long t1 = Math.max(timeMs, venue.time(c)); // the wall clock may step back a hair; the path never does
        boolean fresh = t1 - liquiditySince[c] >= barMs / 3;
        if (fresh) {
            liquiditySince[c] = t1;
        }
        venue.beginSegment(c, t1, price, fresh);
        for (int guard = 0; ; guard++) {
            if (guard > 100_000) {
                throw new IllegalStateException("paper path stuck at " + venue.time(c));
            }
            long te = venue.idle(c) ? Long.MAX_VALUE : venue.nextEventTime(c);
            if (te <= t1 && te < Long.MAX_VALUE && te > venue.time(c)) {
                venue.advance(c, te, Double.NaN);
                continue;
            }
            venue.advance(c, t1, price);
            return;
        }
    }

    /**
     * Every order or cancel of coin c due by {@code timeMs} arrives at its due time, at the last
     * live price: the price known then (the next point is still in the future). Called before
     * each new live point, and when the runner wakes for an arrival, so the path between two
     * points only ever moves resting orders and triggers, never an arrival.
     */
    public void arrive(int c, long timeMs) {
        for (int guard = 0; guard < 10_000; guard++) {
            long due = dueTime(c);
            if (due > timeMs) {
                return;
            }
            point(c, due, venue.price(c));
        }
        throw new IllegalStateException("paper: more than 10,000 arrivals at " + timeMs);
    }

    /**
     * When the next order or cancel in flight of coin c arrives, or {@link Long#MAX_VALUE}: the
     * runner moves the path to then at the last price if no live point comes first.
     */
    public long dueTime(int c) {
        return started[c] ? venue.nextArrivalTime(c) : Long.MAX_VALUE;
    }

    /**
     * Coin c's best bid and offer as the live feed reports them: half their spread, relative to
     * their midpoint, is what a taker pays as the spread from now on (instead of the profile's
     * constant). Ignored when either side is missing or the book is crossed.
     */
    public void quote(int c, double bid, double ask) {
        if (bid > 0 && ask >= bid) {
            venue.setLiveHalfSpread(c, (ask - bid) / (ask + bid));
        }
    }

    /** No live quote for coin c (the feed fell back to polling): the profile's spread again. */
    public void noQuote(int c) {
        venue.setLiveHalfSpread(c, Double.NaN);
    }

    /** Coin c's bar closed with this range and volume: the market window and the next bar's liquidity. */
    public void barClosed(int c, double high, double low, double close, double volume) {
        venue.pushMarketWindow(c, close, volume, SimulatedVenue.parkinsonVariance(high, low));
        venue.beginBarLiquidity(c, volume);
        liquiditySince[c] = venue.time(c);
    }
}
