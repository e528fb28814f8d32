package io.hypertrader.live.runner;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.ForwardingVenue;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.kernel.TradingKernel;
import io.hypertrader.live.control.StopControl;
import io.hypertrader.live.deployment.TradingPlan;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.feed.MarketFeed;
import io.hypertrader.live.replay.PaperEngine;
import io.hypertrader.live.replay.PaperSimulation;
import io.hypertrader.live.store.DbJournal;
import io.hypertrader.live.store.DeploymentLease;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.portfolio.Account;
import io.hypertrader.sim.RealTimeSimulation;
import io.hypertrader.sim.SimulatedVenue;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs a paper deployment in real time: live market data (pushed mids, REST polling as the
 * fallback, closed candles, the live funding rate) through the one {@link TradingKernel} to the
 * simulator's {@code realistic} profile with the deployment's seed. Each decision is made at the
 * live price that triggered it; its order reaches the simulated venue after the latency model's
 * delay and fills at the live price then ({@link RealTimeSimulation}); funding is paid on the
 * hour at the live rate. Work per event is O(1). The journal keeps wall-clock decision and fill
 * times; {@code parity} replays the recorded candles through the backtester and lists where the
 * two differ.
 *
 * <p>Restart: the simulated account is rebuilt from the journal (fills and funding in time
 * order), order ids continue after the journal's, the strategies are restored from their
 * journaled states ({@link StrategyStates}) and checked against the rebuilt positions (a
 * difference halts, exit 5). Orders that were resting in the old process's simulated book are
 * journaled cancelled and the restored strategy is told.
 *
 * <p>A run holds the deployment's lease ({@link DeploymentLease}); every order is journaled in a
 * unit of work that verifies it.
 *
 * <p>The loop is {@link RunnerBase}'s, the same as live's; one poll here ({@link #step}): prices,
 * arrivals due, closed bars, funding, snapshot. Between polls the wait also wakes when an order in
 * flight is due ({@link #nextArrival}).
 *
 * <p><b>One file (about 400 lines).</b> Start-up (the paper book rebuilt from the journal, restore,
 * warm-up), the step, funding on the hour and the halt share the simulated venue and the kernel of
 * one run; the simulation itself is {@code replay.PaperSimulation}.
 */
public final class PaperRunner extends RunnerBase {

    private SimulatedVenue venue;
    private RealTimeSimulation sim;
    private DbJournal journal;
    private boolean warming;
    private int orders;
    private int fills;
    /** Fills per order id (paper fill keys are p{order}.{n}, unique across runs because ids are). */
    private final Map<Long, Integer> fillsOf = new HashMap<>();
    /** The hour (epoch hours) up to which funding is settled. */
    private long fundedHour = Long.MIN_VALUE;

    public PaperRunner(LiveStore store, LiveStore.Deployment deployment, TradingPlan plan, MarketFeed feed, StopControl stops,
                       LongSupplier clock, Sleeper sleeper, PrintWriter out) {
        super(store, deployment, plan, feed, stops, clock, sleeper, out, "market data");
    }

    /** Start-up: the paper book rebuilt from the journal, the strategies restored (exit 5 on a difference), the warm-up. */
    @Override
    void startUp(long started) throws TransportException {
        runNo = store.runStarted(id, ProcessHandle.current().pid(), started);
        journal("start", null, "paper run " + runNo + " (profile " + PaperEngine.PROFILE.profile() + ", seed " + deployment.seed()
                + ", config " + plan.shortHash() + ", capital " + fmt(capital()) + " USDC): live prices, simulated venue, real time");
        say("paper " + id + ": run " + runNo + " started (config " + plan.shortHash() + ", " + plan.coins() + " " + interval.code() + ")");
        build();
        Set<Coin> restored = restoreStrategies();
        warm(restored);
    }

    @Override
    Outcome end(String reason) {
        flushStream();
        ended(reason, "");
        say("paper " + id + ": run " + runNo + " ended (" + reason + "): " + liveBars + " live bars, " + orders + " orders, " + fills
                + " fills");
        return new Outcome(reason, liveBars, orders, fills, List.copyOf(discrepancies));
    }

    /**
     * Stops a paper deployment whose runner is not running: rebuilds its paper book from the
     * journal, then stops (and flattens at the current mid, or the last recorded close) exactly
     * as a running runner would.
     */
    public String stopOffline(boolean flatten) {
        journal = new DbJournal(store, id, clock);
        build();
        Map<String, Double> mids;
        try {
            mids = feed.mids();
        } catch (TransportException | RuntimeException e) {
            mids = Map.of();
        }
        Map<Coin, List<Candle>> recorded = store.candles(id, interval);
        for (int c = 0; c < kernel.size(); c++) {
            Coin coin = kernel.coin(c);
            Double m = mids.get(coin.name());
            List<Candle> bars = recorded.getOrDefault(coin, List.of());
            double px = m != null && m > 0 ? m : bars.isEmpty() ? Double.NaN : bars.getLast().close();
            if (px > 0) {
                sim.point(c, clock.getAsLong(), px);
            }
        }
        return halt(flatten);
    }

    /** The paper book (rebuilt from the journal), the simulated venue, the strategies behind the risk layer, the kernel. */
    private void build() {
        if (journal == null) {
            journal = new DbJournal(store, id, clock).guardedBy(lease);
        }
        Account account = PaperSimulation.account(plan, capital());
        rebuildBook(account);
        PaperSimulation paper = PaperSimulation.build(plan, limits(), account, deployment.seed() + runNo, entryCap(), clock,
                e -> {
                    journal.risk(e);
                    events.riskEvent(e);
                }, (coin, m) -> journal("sizing", coin.name(), m));
        venue = paper.venue();
        sim = paper.sim();
        kernel = paper.kernel();
        long lastId = store.orders(id).stream().mapToLong(LiveStore.OrderRow::orderId).max().orElse(0);
        venue.continueIdsAfter(lastId);
        states = new StrategyStates(store, id, clock);
        paper.strategies().forEach(states::add);
        venue.setListener(this::venueEvent);
        kernel.venueSync(c -> {
            venue.settle(c);
            if (!warming) {
                states.save();
            }
        });
        kernel.start(new JournaledVenue(venue), journal);
        for (Coin coin : plan.coins()) {
            feed.watchBookAndContext(coin); // the live spread and funding rate, where the feed pushes them
        }
    }

    /** Replays the journal's fills and funding payments, in time order, into a fresh paper account. */
    private void rebuildBook(Account account) {
        record Booked(long timeMs, long seq, Runnable apply) {
        }
        List<Booked> book = new ArrayList<>();
        long seq = 0;
        for (LiveStore.FillRow f : store.fills(id)) {
            int c = account.index(Coin.of(f.coin()));
            if (c >= 0) {
                double signed = ("BUY".equals(f.side()) ? 1 : -1) * f.size();
                book.add(new Booked(f.timeMs(), seq++, () -> account.fill(c, signed, f.price(), f.fee(), f.price())));
            }
            if (f.orderId() != null) {
                fillsOf.merge(f.orderId(), 1, Integer::sum);
            }
        }
        for (LiveStore.Entry e : store.journal(id)) {
            if (e.kind().equals("funding") && e.coin() != null && e.size() != null && e.price() != null && e.eventMs() != null) {
                int c = account.index(Coin.of(e.coin()));
                if (c >= 0) {
                    double rate = e.size();
                    double mark = e.price();
                    book.add(new Booked(e.eventMs(), seq++, () -> account.fund(c, mark, rate)));
                }
                fundedHour = Math.max(fundedHour, Math.floorDiv(e.eventMs(), 3_600_000L));
            }
        }
        book.sort(Comparator.comparingLong(Booked::timeMs).thenComparingLong(Booked::seq));
        book.forEach(b -> b.apply().run());
    }

    /**
     * Restores each coin's journaled strategy state, hands it the events journaled after it,
     * cancels what rested in the old process's simulated book, and checks the restored strategy
     * against the rebuilt paper position (a difference halts: exit 5).
     */
    private Set<Coin> restoreStrategies() {
        Set<Coin> restored = states.restore();
        restored.forEach(coin -> handMissed(coin, states.missedEvents(coin)));
        long now = clock.getAsLong();
        for (LiveStore.OrderRow o : store.orders(id)) {
            if (o.status().equals("PENDING") || o.status().equals("OPEN")) {
                OrderEvent.Cancelled cx = new OrderEvent.Cancelled(o.orderId(), Coin.of(o.coin()), now, o.filled(),
                        "paper restart: the simulated book starts empty");
                journal.event(cx, null);
                kernel.orderEvent(cx);
            }
        }
        List<String> differ = restoredDiffer(venue::position);
        if (!differ.isEmpty()) {
            String what = String.join("; ", differ);
            store.runEnded(id, runNo, clock.getAsLong(), "halted: restored state differs from the paper book");
            journal("end", null, "run " + runNo + " halted before trading: restored state differs from the paper book: " + what);
            throw new io.hypertrader.core.UserError(io.hypertrader.core.UserError.Kind.REFUSED, "deployment " + id
                    + ": the restored strategy and the paper book differ (" + what + "); stop the deployment (hypertrader stop " + id
                    + " --flatten) and promote again.");
        }
        return restored;
    }

    /** The warm-up bars teach fresh strategies (orders refused) and fill the simulator's market window. */
    private void warm(Set<Coin> restored) throws TransportException {
        Map<Coin, List<Candle>> warm = warmUp();
        warming = true;
        venue.refuseNewOrders(PaperSimulation.WARMING);
        teach(warm, restored, venue::settle);
        venue.refuseNewOrders(null);
        warming = false;
        store.db().batch(states::save);
    }

    /** One poll: prices, arrivals due, closed bars, funding, and a snapshot when a bar closed. */
    @Override
    void step() throws TransportException {
        long version = pollVersion();
        prices();
        midsActedOn = Math.max(midsActedOn, version);
        arrivals();
        long now = clock.getAsLong();
        Map<Coin, List<Candle>> bars = closedBars(now);
        funding(now);
        if (!bars.isEmpty()) {
            snapshot();
        }
        flushStream();
    }

    /** A mid moves the simulated path (at the live book's spread), after what was due before it arrives. */
    @Override
    double[] midToVenue(int c, long now, double mid) {
        double[] q = feed.bestBidAsk(kernel.coin(c));
        if (q != null) {
            sim.quote(c, q[0], q[1]); // the live book's spread, before anything fills at this point
        } else {
            sim.noQuote(c);
        }
        sim.arrive(c, now); // what was due before this point arrives at the price known then
        sim.point(c, now, mid);
        return q;
    }

    /** The simulated market learns the closed bar's range before the strategies hear the bar. */
    @Override
    void barToVenue(int c, Candle bar) {
        sim.barClosed(c, bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /** Orders in flight whose latency has passed arrive now, at the last live price. */
    @Override
    void arrivals() {
        long now = clock.getAsLong();
        for (int c = 0; c < kernel.size(); c++) {
            sim.arrive(c, now);
        }
    }

    /** Settles funding for each hour passed while running, at the live rate, at the current mark. */
    private void funding(long now) throws TransportException {
        long hour = Math.floorDiv(now, 3_600_000L);
        if (fundedHour == Long.MIN_VALUE) {
            fundedHour = hour; // nothing is owed for hours before the first run
            return;
        }
        if (hour <= fundedHour) {
            return;
        }
        long at = hour * 3_600_000L;
        for (int c = 0; c < kernel.size(); c++) {
            Coin coin = kernel.coin(c);
            double pos = venue.position(coin);
            if (pos == 0 || !sim.started(c)) {
                continue;
            }
            double rate = feed.fundingRate(coin);
            if (Double.isNaN(rate)) {
                journal("funding", coin.name(), "no live funding rate at " + at + ": this settlement is not paid");
                continue;
            }
            double mark = venue.price(c);
            double paid = venue.payFundingNow(c, at, rate);
            store.append(id, LiveStore.Entry.of(clock.getAsLong(), at, "funding", null, null, coin.name(), null, rate, mark,
                    String.format(Locale.ROOT, "paid %s USDC on %s %s at mark %s, rate %.8f (live)", fmtQ(paid), fmtQ(pos), coin,
                            fmtQ(mark), rate)));
        }
        fundedHour = hour;
    }

    private void snapshot() {
        String pos = positions(venue::position);
        double eq = venue.equity();
        double gross = 0;
        for (Coin c : plan.coins()) {
            double px = kernel.market().lastPrice(c);
            gross += Double.isNaN(px) ? 0 : Math.abs(venue.position(c)) * px;
        }
        events.account(eq, gross);
        store.append(id, LiveStore.Entry.of(clock.getAsLong(), clock.getAsLong(), "snapshot", null, null, null, null, null, eq,
                String.format(Locale.ROOT, "equity=%s cash=%s pnl=%s%s", fmt(eq), fmt(venue.account().cash()), fmt(eq - capital()),
                        pos)));
    }

    /** Each push is acted on as it arrives; orders in flight due by then arrive with it. */
    @Override
    void actOnPush(long version) throws TransportException {
        unit(() -> {
            prices();
            arrivals();
        });
        midsActedOn = version;
    }

    @Override
    long nextArrival() {
        long due = Long.MAX_VALUE;
        for (int c = 0; c < kernel.size(); c++) {
            due = Math.min(due, sim.dueTime(c));
        }
        return due;
    }

    /** Journals each venue event with its wall-clock time, then hands it to the strategy. */
    private void venueEvent(OrderEvent e) {
        String key = null;
        if (e instanceof OrderEvent.PartiallyFilled || e instanceof OrderEvent.Filled) {
            long oid = e.orderId();
            key = "p" + oid + "." + fillsOf.merge(oid, 1, Integer::sum);
            fills++;
        }
        if (!warming) { // a warm-up refusal is the strategy's business only: nothing was sent
            journal.event(e, key);
            observe(e);
        }
        kernel.orderEvent(e);
    }

    /** The paper venue as the strategies see it: every order journaled (lease verified) as it is decided. */
    private final class JournaledVenue extends ForwardingVenue {
        JournaledVenue(ExecutionVenue inner) {
            super(inner);
        }

        @Override
        public long submit(OrderRequest request) {
            long oid = venue.submit(request);
            if (!warming) {
                // decided at the venue's time: the price point or the arrival the strategy was answering (the
                // journal line's wall time says when it was written)
                TrackedOrder o = venue.tracker().get(oid);
                journal.intent(oid, null, request, o.decisionTime(), o.decisionPrice());
                orders++;
            }
            return oid;
        }
    }

    /** Stops: with flatten, closes paper positions at the current price (taker fee of the profile). */
    @Override
    String halt(boolean flatten) {
        StringBuilder report = new StringBuilder("stopped");
        if (flatten) {
            long nextId = store.orders(id).stream().mapToLong(LiveStore.OrderRow::orderId).max().orElse(0) + 1;
            double takerBp = PaperEngine.PROFILE.fees().takerBp();
            for (int c = 0; c < kernel.size(); c++) {
                Coin coin = kernel.coin(c);
                double pos = venue.position(coin);
                double px = venue.price(c);
                if (pos == 0 || !(px > 0)) {
                    continue;
                }
                double size = Math.abs(pos);
                String side = pos > 0 ? "SELL" : "BUY";
                long now = clock.getAsLong();
                long oid = nextId++;
                LiveStore.OrderRow row = new LiveStore.OrderRow(oid, null, null, coin.name(), side, "MARKET", "IOC", size, null, null,
                        true, "flatten", "FILLED", size, px, now, px, now, "stop --flatten");
                store.upsertOrder(id, row);
                store.insertFill(id, new LiveStore.FillRow("flatten-" + coin.name() + "-" + oid, oid, coin.name(), side, now, px, size,
                        size * px * takerBp / 10_000, false, true));
                store.append(id, LiveStore.Entry.of(now, now, "fill", oid, null, coin.name(), side, size, px,
                        "key=flatten-" + coin.name() + "-" + oid + " paper flatten at the current price"));
                report.append(", flattened ").append(coin.name()).append(' ').append(fmtQ(pos)).append(" at ").append(fmtQ(px));
            }
        }
        return stopped(flatten, report.toString(), report.toString());
    }
}
