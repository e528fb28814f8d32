package io.hypertrader.live.replay;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.live.deployment.CapitalSizing;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.sim.RealTimeSimulation;
import io.hypertrader.sim.SimulatedVenue;
import io.hypertrader.strategy.StrategyJournal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replays a deployment's recorded live stream through the one kernel and the simulator, in
 * replay time: the price points its runner acted on ({@link LiveStore#points}), the closed
 * candles at the moments it recorded them, and the funding rates it settled at, with the
 * deployment's config, capital, cap, risk limits and seed. What a paper deployment would have
 * done had every event been handled the instant it was recorded: {@code parity} lists where the
 * deployment differed from it (a runner that woke late for an arrival, a live spread the replay
 * does not have, a restart that re-seeded the simulator, or, live, the exchange itself).
 */
public final class StreamReplay {

    private StreamReplay() {
    }

    /** The replay's orders and fills, and how many points, bars and settlements it replayed. */
    public record Result(List<TrackedOrder> orders, List<Fill> fills, int points, int bars, int settlements) {
    }

    /**
     * One recorded event, in the order the runner met it: by time, and at one time in the order
     * of its poll (price points, then closed bars, then funding).
     */
    private record Event(long timeMs, int order, int coin, double price, Candle bar, double rate, long hourMs, double bid, double ask) {
    }

    /** Replays the recorded stream of {@code d}; null when nothing was recorded (a deployment from before migration 19). */
    public static Result replay(LiveStore store, LiveStore.Deployment d, TradingPlan plan) {
        List<LiveStore.Point> points = store.points(d.id());
        if (points.isEmpty()) {
            return null;
        }
        RiskLimits limits = PaperEngine.limits(plan, d);
        // the first run's seed (a runner's is the deployment's seed + its run number): a restart re-seeds, a replay does not
        PaperSimulation paper = PaperSimulation.build(plan, limits, PaperSimulation.account(plan, d.capital(plan.initialEquity())),
                d.seed() + 1, CapitalSizing.cycleCap(limits), null, e -> { }, (c, m) -> { });
        SimulatedVenue venue = paper.venue();
        RealTimeSimulation sim = paper.sim();
        TradingKernel kernel = paper.kernel();
        venue.setListener(kernel::orderEvent);
        kernel.venueSync(venue::settle);
        kernel.start(venue, StrategyJournal.NONE);

        List<Event> events = new ArrayList<>();
        int seq = 0;
        int bars = 0;
        for (LiveStore.Point p : points) {
            int c = kernel.indexOf(Coin.of(p.coin()));
            if (c >= 0) {
                events.add(new Event(p.timeMs(), seq++, c, p.price(), null, Double.NaN, 0, p.bid(), p.ask()));
            }
        }
        venue.refuseNewOrders(PaperSimulation.WARMING);
        for (LiveStore.CandleRecord r : store.candleRecords(d.id(), plan.interval())) {
            int c = kernel.indexOf(r.coin());
            if (c < 0) {
                continue;
            }
            Candle b = r.candle();
            if (r.warmup()) { // as the runner warmed up: the window, and a fresh strategy taught, no order
                sim.barClosed(c, b.high(), b.low(), b.close(), b.volume());
                kernel.price(c, b.closeTime(), b.close());
                kernel.barClose(c, b.openTime(), b.open(), b.high(), b.low(), b.close(), b.volume());
                venue.settle(c);
            } else {
                events.add(new Event(r.recordedMs(), seq++, c, Double.NaN, b, Double.NaN, 0, Double.NaN, Double.NaN));
                bars++;
            }
        }
        venue.refuseNewOrders(null);
        int settlements = 0;
        for (LiveStore.Entry e : store.journal(d.id())) {
            if (e.kind().equals("funding") && e.coin() != null && e.size() != null && e.eventMs() != null) {
                int c = kernel.indexOf(Coin.of(e.coin()));
                if (c >= 0) {
                    // ordered by when the runner paid it (its poll after the hour), paid as of the hour
                    events.add(new Event(e.wallMs(), seq++, c, Double.NaN, null, e.size(), e.eventMs(), Double.NaN, Double.NaN));
                    settlements++;
                }
            }
        }
        events.sort(Comparator.comparingLong(Event::timeMs).thenComparingInt(Event::order));

        long last = Long.MIN_VALUE;
        for (Event e : events) {
            arrivals(kernel, sim, venue, e.timeMs());
            int c = e.coin();
            if (e.bar() != null) {
                Candle b = e.bar();
                sim.barClosed(c, b.high(), b.low(), b.close(), b.volume());
                kernel.closedBar(c, b.openTime(), b.closeTime(), b.open(), b.high(), b.low(), b.close(), b.volume());
            } else if (!Double.isNaN(e.rate())) {
                if (sim.started(c)) {
                    venue.payFundingNow(c, e.hourMs(), e.rate());
                }
            } else {
                if (Double.isNaN(e.bid())) {
                    sim.noQuote(c);
                } else {
                    sim.quote(c, e.bid(), e.ask()); // the spread the runner's fills paid
                }
                sim.point(c, e.timeMs(), e.price());
                if (kernel.everyPrice(c)) {
                    kernel.price(c, e.timeMs(), e.price());
                } else {
                    kernel.market().set(c, e.timeMs(), e.price());
                }
            }
            last = Math.max(last, e.timeMs());
        }
        kernel.finish(last);
        return new Result(List.copyOf(venue.tracker().all()), List.copyOf(venue.fills()), points.size(), bars, settlements);
    }

    /** Orders in flight whose latency has passed by {@code t} arrive at their due time, at the last price. */
    private static void arrivals(TradingKernel kernel, RealTimeSimulation sim, SimulatedVenue venue, long t) {
        for (int c = 0; c < kernel.size(); c++) {
            sim.arrive(c, t);
        }
    }
}
