package io.hypertrader.live.runner;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.UserError;
import io.hypertrader.live.store.LiveStore;
import io.hypertrader.strategy.PositionExpectation;
import io.hypertrader.strategy.StatefulStrategy;
import io.hypertrader.strategy.StrategyState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * A deployment's strategy memory across restarts: each coin's whole strategy state (state, E, H,
 * Lo, frozen levels, legs, stops, cycle, the orders it waits on) is journaled as kind
 * {@value #STATE} whenever it changed, and a new runner restores the newest one before it sees
 * a price. The restart protocol is {@link StatefulStrategy}'s; this class applies it:
 * <ol>
 *   <li>{@link #restore()}: the saved state goes into the fresh strategy, journaled as kind
 *       {@value #RESTORE} whose detail starts with the state's name ({@code HEDGED BTC ...}). A
 *       state that cannot be restored (another config, a newer version) halts the runner: it
 *       never falls back to a fresh strategy while a state exists.</li>
 *   <li>The runner then settles the orders in flight (their missed fills and final events reach
 *       the restored strategy through the venue).</li>
 *   <li>{@link #reconcile}: each coin's expectation against the exchange's position. They agree:
 *       trading resumes (or completes a decision taken before the stop) without a new decision.
 *       They differ (a manual trade, a fill missed while down): the runner halts with exit 5
 *       saying what differs. A coin with no saved state whose deployment has traded it before
 *       must find it flat at the exchange, for the same reason.</li>
 * </ol>
 * Paper and live share this class; only the venue differs.
 */
final class StrategyStates {
    /** Journal kind of a saved state (detail: {@link StrategyState#format()}). */
    static final String STATE = "state";
    /** Journal kind of a restored state (detail: the strategy's summary, starting with the state's name). */
    static final String RESTORE = "restore";

    private final LiveStore store;
    private final String deploymentId;
    private final LongSupplier clock;
    private final Map<Coin, StatefulStrategy> strategies = new LinkedHashMap<>();
    private final Map<Coin, String> lastSaved = new HashMap<>();
    private final Set<Coin> restored = new LinkedHashSet<>();
    /** The journal sequence number of each restored state. */
    private final Map<Coin, Long> savedSeq = new HashMap<>();

    StrategyStates(LiveStore store, String deploymentId, LongSupplier clock) {
        this.store = store;
        this.deploymentId = deploymentId;
        this.clock = clock;
    }

    /** Registers one coin's strategy (before {@link #restore()}). */
    void add(Coin coin, StatefulStrategy strategy) {
        strategies.put(coin, strategy);
    }

    /**
     * Restores every coin that has a saved state into its fresh (started, not yet run) strategy.
     *
     * @return the coins restored; the others start fresh
     * @throws UserError REFUSED when a saved state does not fit the strategy (it names the difference)
     */
    Set<Coin> restore() {
        for (Map.Entry<Coin, StatefulStrategy> e : strategies.entrySet()) {
            Coin coin = e.getKey();
            Optional<LiveStore.Entry> saved = store.latest(deploymentId, STATE, coin.name());
            if (saved.isEmpty()) {
                continue;
            }
            if (!e.getValue().restorable()) {
                String[] head = saved.get().detail().split(" ", 3); // "<STATE> strategy=<type> ..."
                journal(RESTORE, coin, head[0] + " " + coin + " not restorable (" + (head.length > 1 ? head[1] : "?")
                        + "): starts fresh on the warm-up bars; its coin must be flat to resume");
                continue;
            }
            String text = saved.get().detail();
            try {
                e.getValue().restore(StrategyState.parse(text));
            } catch (IllegalArgumentException ex) { // StrategyStateException included
                String why = "the saved " + coin + " strategy state (journal #" + saved.get().seq() + ") cannot be restored: "
                        + ex.getMessage() + "; the runner halts rather than start a fresh strategy over a traded position";
                journal(RESTORE, coin, "refused: " + why);
                throw new UserError(UserError.Kind.REFUSED, "deployment " + deploymentId + ": " + why);
            }
            lastSaved.put(coin, text);
            savedSeq.put(coin, saved.get().seq());
            restored.add(coin);
            journal(RESTORE, coin, e.getValue().summary());
        }
        return Set.copyOf(restored);
    }

    /**
     * The events of the restored strategy's orders in flight that were journaled after its state
     * was: the venue journals each event before it hands it over, so a process killed in between
     * left events the restored strategy never heard of. In journal order, rebuilt from the journal
     * and the fills table; the runner hands them to the strategy before it reads the exchange.
     */
    List<OrderEvent> missedEvents(Coin coin) {
        Long after = savedSeq.get(coin);
        if (after == null) {
            return List.of();
        }
        Set<Long> ids = Set.copyOf(strategies.get(coin).expectation(coin).ordersInFlight());
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, LiveStore.FillRow> fills = new HashMap<>();
        for (LiveStore.FillRow f : store.fills(deploymentId)) {
            fills.put(f.fillKey(), f);
        }
        Map<Long, LiveStore.OrderRow> rows = new HashMap<>();
        for (LiveStore.OrderRow o : store.orders(deploymentId)) {
            rows.put(o.orderId(), o);
        }
        Map<Long, double[]> filled = new HashMap<>(); // order -> {size, notional}
        List<OrderEvent> missed = new ArrayList<>();
        for (LiveStore.Entry e : store.journal(deploymentId)) {
            Long id = e.orderId();
            if (id == null || !ids.contains(id) || rows.get(id) == null) {
                continue;
            }
            boolean unseen = e.seq() > after;
            long t = e.eventMs() != null ? e.eventMs() : e.wallMs();
            switch (e.kind()) {
                case "fill" -> {
                    LiveStore.FillRow f = fills.get(fillKey(e.detail()));
                    if (f == null) {
                        continue;
                    }
                    double[] cum = filled.computeIfAbsent(id, k -> new double[2]);
                    cum[0] += f.size();
                    cum[1] += f.size() * f.price();
                    if (unseen) {
                        Fill fill = new Fill(id, coin, Side.valueOf(f.side()), f.timeMs(), f.price(), f.size(), f.fee(), f.maker(),
                                f.price(), 0, f.forced());
                        double remaining = rows.get(id).size() - cum[0];
                        missed.add(remaining <= 1e-9 * rows.get(id).size()
                                ? new OrderEvent.Filled(id, coin, f.timeMs(), fill, cum[0], cum[1] / cum[0])
                                : new OrderEvent.PartiallyFilled(id, coin, f.timeMs(), fill, cum[0], remaining));
                    }
                }
                case "accepted" -> {
                    if (unseen) {
                        missed.add(new OrderEvent.Accepted(id, coin, t));
                    }
                }
                case "cancelled" -> {
                    if (unseen) {
                        double[] cum = filled.getOrDefault(id, new double[2]);
                        missed.add(new OrderEvent.Cancelled(id, coin, t, e.size() != null ? e.size() : cum[0], e.detail()));
                    }
                }
                case "rejected" -> {
                    if (unseen) {
                        missed.add(rejected(id, coin, t, e.detail()));
                    }
                }
                default -> {
                }
            }
        }
        return missed;
    }

    private static String fillKey(String detail) {
        if (detail == null || !detail.startsWith("key=")) {
            return "";
        }
        int end = detail.indexOf(' ');
        return detail.substring(4, end < 0 ? detail.length() : end);
    }

    private static OrderEvent.Rejected rejected(long id, Coin coin, long t, String detail) {
        String d = detail == null ? "" : detail;
        int colon = d.indexOf(": ");
        RejectCode code = RejectCode.EXCHANGE;
        if (colon > 0) {
            try {
                code = RejectCode.valueOf(d.substring(0, colon));
            } catch (IllegalArgumentException ignored) {
                // a reason journaled by an older version: the generic code
            }
        }
        return new OrderEvent.Rejected(id, coin, t, code, colon > 0 ? d.substring(colon + 2) : d);
    }

    /** The coins restored by {@link #restore()}. */
    Set<Coin> restored() {
        return restored;
    }

    /**
     * The restart rule per coin, after the orders in flight were settled: journals one
     * {@code reconcile} line per coin and returns the differences (empty: trading may go on).
     *
     * @param exchangePosition the exchange's signed position per coin
     * @param tradedBefore     coins this deployment has fills for (a coin without a saved state
     *                         must then be flat at the exchange)
     */
    List<String> reconcile(ToDoubleFunction<Coin> exchangePosition, Set<Coin> tradedBefore) {
        List<String> differ = new ArrayList<>();
        for (Map.Entry<Coin, StatefulStrategy> e : strategies.entrySet()) {
            Coin coin = e.getKey();
            double held = exchangePosition.applyAsDouble(coin);
            PositionExpectation exp = e.getValue().expectation(coin);
            if (!restored.contains(coin)) {
                if (tradedBefore.contains(coin) && !exp.agreesWith(held)) {
                    differ.add(coin + ": no saved strategy state, but this deployment traded " + coin + " before and the exchange holds "
                            + PositionExpectation.num(held) + "; a fresh strategy would trade over it blind");
                }
                continue;
            }
            PositionExpectation.Reconciliation rule = exp.reconcile(held);
            journal("reconcile", coin, "restart rule " + rule + ": " + exp.describe(held));
            if (rule == PositionExpectation.Reconciliation.HALT) {
                differ.add(exp.describe(held));
            }
        }
        return differ;
    }

    /** Journals the state of every coin whose state changed since it was last journaled. */
    void save() {
        for (Map.Entry<Coin, StatefulStrategy> e : strategies.entrySet()) {
            String text = e.getValue().snapshot().format();
            String last = lastSaved.get(e.getKey());
            if (last == null || !material(text).equals(material(last))) {
                journal(STATE, e.getKey(), text);
                lastSaved.put(e.getKey(), text);
            }
        }
    }

    /** The last price point a state carries changes with every price. */
    private static final java.util.regex.Pattern LAST_POINT = java.util.regex.Pattern.compile("(^| )(time|price)=\\S*");

    /**
     * A state without its last price point: a state is journaled when this changed, not on every
     * mid (which would open the database for every push). The point a restored state carries is
     * then that of its last real change; the first live price after the restart replaces it before
     * the strategy decides anything on it.
     */
    static String material(String stateText) {
        return LAST_POINT.matcher(stateText).replaceAll("");
    }

    private void journal(String kind, Coin coin, String detail) {
        store.append(deploymentId, LiveStore.Entry.of(clock.getAsLong(), null, kind, null, null, coin.name(), null, null, null, detail));
    }
}
