package io.hypertrader.live.venue;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.exec.OrderTracker;
import io.hypertrader.exec.TrackedOrder;
import io.hypertrader.exec.VenueRules;
import io.hypertrader.live.exchange.AccountState;
import io.hypertrader.live.exchange.ActionResult;
import io.hypertrader.live.exchange.CancelResult;
import io.hypertrader.live.exchange.ExchangeUnavailableException;
import io.hypertrader.live.exchange.HyperliquidExchangeClient;
import io.hypertrader.live.exchange.HyperliquidWebSocket;
import io.hypertrader.live.exchange.OpenOrder;
import io.hypertrader.live.exchange.OrderResult;
import io.hypertrader.live.exchange.OrderStatusInfo;
import io.hypertrader.live.exchange.OutcomeUnknownException;
import io.hypertrader.live.exchange.TradingInfoClient;
import io.hypertrader.live.exchange.TransportException;
import io.hypertrader.live.exchange.UserFill;
import io.hypertrader.live.sign.Cloid;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The {@link ExecutionVenue} of testnet and mainnet: orders go to Hyperliquid through
 * {@link HyperliquidExchangeClient}, state comes back from the info endpoint.
 *
 * <p><b>Identity.</b> Order ids are the deployment's sequence numbers; each order carries the
 * cloid derived from (deployment id, sequence), so the exchange client's lookup-before-resend
 * rule can never turn a retry into a second order, and a restarted runner finds its orders again.
 *
 * <p><b>Write-ahead.</b> Every order is written to the {@link OrderJournal} before it is sent; if
 * the journal cannot keep it, the order is not sent (the journal's exception propagates).
 *
 * <p><b>Mapping.</b> LIMIT keeps its time in force; MARKET is an IOC limit at mid * (1 +/- slippage)
 * (the SDKs' market order); STOP and TAKE_PROFIT are market trigger orders whose worst price is
 * the trigger moved by the same slippage. Prices and sizes must already be on the grid
 * ({@link OrderRounding}): an order off the grid, or worth less than $10, is refused here before
 * it is signed, by the simulator's own {@link VenueRules}, with the simulator's codes.
 *
 * <p><b>State.</b> Answers to /exchange give acceptance; fills come from {@code userFillsByTime}
 * (de-duplicated by trade id), terminal states of resting orders from {@code openOrders} and
 * {@code orderStatus}, positions and account value from {@code clearinghouseState}, all in
 * {@link #poll()}, fills first so the positions read afterwards always include every fill already
 * reported. An order whose answer was lost is looked up by cloid on each poll until the exchange
 * knows it or a grace period proves it never arrived.
 *
 * <p>Single-threaded: call {@link #submit}, {@link #poll} and {@link #deliver} from the runner's
 * thread. Events reach the listener only from {@link #deliver}, never from inside {@link #submit}.
 * Money in USDC, sizes in coins (positions signed), times UTC epoch ms of the wall clock.
 *
 * <p><b>Beside it.</b> The order mapping and the exchange's error codes are {@link WireOrders}
 * (pure); what the account holds is {@link AccountBook}; the user stream's queue is
 * {@link UserStreamInbox}; an order's exchange identity is {@link LiveOrder}. What stays here is
 * one state machine: placement, the held sends, the stream's and the polls' fills and statuses all
 * move the same in-flight orders (by id, oid and cloid) and the same event outbox, and it reads
 * best whole (about 800 lines).
 */
public final class HyperliquidVenue implements ExecutionVenue {

    private static final double EPS = 1e-9;

    /** How long an order with an unknown outcome may stay unknown to the exchange before it counts as never placed. */
    public static final long UNKNOWN_GRACE_MS = 15_000;

    /** What the venue needs to continue after a restart (from the journal, after reconciliation). */
    public record Resume(long nextSequence, long fillCursorMs, Set<String> seenFillKeys, List<OpenOrderState> openOrders,
                         Map<String, double[]> realizedAndFees, double savings) {
        public Resume {
            seenFillKeys = Set.copyOf(seenFillKeys);
            openOrders = List.copyOf(openOrders);
            realizedAndFees = Map.copyOf(realizedAndFees);
        }

        /** A fresh deployment. */
        public static Resume fresh() {
            return new Resume(1, 0, Set.of(), List.of(), Map.of(), 0);
        }
    }

    /** An order that was open when the last runner stopped: its request, identity and past events. */
    public record OpenOrderState(long id, OrderRequest request, Cloid cloid, Long oid, long decisionTimeMs,
                                 double decisionPrice, List<OrderEvent> pastEvents) {
    }

    private final HyperliquidExchangeClient exchange;
    private final TradingInfoClient info;
    private final String deploymentId;
    private final OrderJournal journal;
    private final LongSupplier clock;
    private final Supplier<String> refusal;
    private final BigDecimal slippage;
    private final OrderTracker tracker = new OrderTracker();
    private final Map<Long, LiveOrder> orders = new LinkedHashMap<>();
    private final Map<Long, Long> idByOid = new HashMap<>();
    private final Map<String, Long> idByCloid = new HashMap<>();
    private final Set<String> seenFills = new HashSet<>();
    private final ArrayDeque<OrderEvent> outbox = new ArrayDeque<>();
    private final Map<String, Double> mids = new HashMap<>();
    private final AccountBook account;
    private Consumer<OrderEvent> listener = e -> {
    };
    private long nextSeq;
    private long fillCursor;
    /** Fills before this time come only from REST (the stream's snapshot repeats older history). */
    private final long streamFloor;
    private final UserStreamInbox inbox = new UserStreamInbox();
    /** Where the user socket's ups and downs go (see {@link #onUserSocket}); nowhere until a runner asks. */
    private java.util.function.Consumer<Boolean> userSocket = up -> { };
    private int fillsFromStream;
    private int fillsFromRest;
    private int duplicateFills;
    private double savings;

    /**
     * @param refusal       why no new order may be placed now (a runner warming up on recorded bars,
     *                      a stop requested), or null while orders may go: a submission is then
     *                      refused with {@link RejectCode#RISK} and that reason, never sent
     * @param slippage      market-order slippage bound as a fraction (0.05 = 5 %)
     */
    public HyperliquidVenue(HyperliquidExchangeClient exchange, String deploymentId, OrderJournal journal, LongSupplier clock,
                            Supplier<String> refusal, BigDecimal slippage, Resume resume) {
        this.exchange = Objects.requireNonNull(exchange);
        this.info = exchange.info();
        this.deploymentId = Objects.requireNonNull(deploymentId);
        this.journal = Objects.requireNonNull(journal);
        this.clock = Objects.requireNonNull(clock);
        this.refusal = Objects.requireNonNull(refusal);
        this.slippage = Objects.requireNonNull(slippage);
        this.nextSeq = resume.nextSequence();
        this.fillCursor = resume.fillCursorMs();
        this.streamFloor = resume.fillCursorMs();
        this.seenFills.addAll(resume.seenFillKeys());
        this.account = new AccountBook(resume.realizedAndFees());
        this.savings = resume.savings();
        for (OpenOrderState s : resume.openOrders()) {
            TrackedOrder t = tracker.register(s.id(), s.request(), s.decisionTimeMs(), s.decisionPrice());
            for (OrderEvent e : s.pastEvents()) {
                tracker.apply(e);
            }
            LiveOrder lo = new LiveOrder(t, s.cloid());
            lo.oid = s.oid();
            if (s.oid() == null) {
                // Journaled but never answered: the signed request died with the old process, so it
                // can no longer arrive late; the first poll looks the cloid up and settles it.
                lo.unknownSince = clock.getAsLong() - UNKNOWN_GRACE_MS;
            }
            index(s.id(), lo);
        }
    }

    /** The cloid of order {@code sequence} of deployment {@code deploymentId}. */
    public static Cloid cloid(String deploymentId, long sequence) {
        return Cloid.derive(deploymentId, sequence);
    }

    private void index(long id, LiveOrder lo) {
        orders.put(id, lo);
        idByCloid.put(lo.cloid.hex(), id);
        if (lo.oid != null) {
            idByOid.put(lo.oid, id);
        }
    }

    // ================================================================== ExecutionVenue

    @Override
    public long submit(OrderRequest req) {
        long id = nextSeq++;
        Cloid cloid = cloid(deploymentId, id);
        long now = clock.getAsLong();
        String coin = req.coin().name();
        double ref = mid(coin);
        TrackedOrder t = tracker.register(id, req, now, ref);
        LiveOrder lo = new LiveOrder(t, cloid);
        index(id, lo);
        String refused = refusal.get();
        if (refused != null) {
            journal.intent(id, cloid, req, now, ref);
            journal.answer(id, cloid, "NOT_SENT", null, refused, now);
            emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.RISK, refused + ": no new orders"));
            return id;
        }
        var asset = exchange.assets().find(coin);
        if (asset.isEmpty()) {
            journal.intent(id, cloid, req, now, ref);
            journal.answer(id, cloid, "NOT_SENT", null, "unknown coin", now);
            emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.UNKNOWN_COIN, "the exchange does not list " + coin));
            return id;
        }
        int sz = asset.get().szDecimals();
        BigDecimal size = BigDecimal.valueOf(req.size());
        // The simulator's rules, checked before anything is signed. The position is left unknown
        // (NaN): the one read at the last poll may miss a fill, so reduce-only orders are the
        // exchange's to judge (VenueRules says why).
        RejectCode rule = VenueRules.refusal(req, sz, ref, Double.NaN);
        if (rule != null) {
            journal.intent(id, cloid, req, now, ref);
            journal.answer(id, cloid, "NOT_SENT", null, rule.name(), now);
            emit(new OrderEvent.Rejected(id, req.coin(), now, rule, "not sent: "
                    + VenueRules.message(rule, req, sz, Double.NaN, req.size() * VenueRules.referencePrice(req, ref))));
            return id;
        }
        io.hypertrader.live.exchange.ExchangeOrder wire;
        try {
            wire = WireOrders.toWire(req, asset.get(), size, cloid, ref, slippage);
        } catch (IllegalStateException e) {
            journal.intent(id, cloid, req, now, ref);
            journal.answer(id, cloid, "NOT_SENT", null, e.getMessage(), now);
            emit(new OrderEvent.Rejected(id, req.coin(), now, RejectCode.EXCHANGE, e.getMessage()));
            return id;
        }
        journal.intent(id, cloid, req, now, ref); // write-ahead: throws (and nothing is sent) if it cannot persist
        if (holding) {
            held.add(new HeldOrder(lo, wire));
            return id;
        }
        send(lo, wire);
        return id;
    }

    /** Orders decided while sends are held, in decision order (see {@link #holdSends(boolean)}). */
    private record HeldOrder(LiveOrder order, io.hypertrader.live.exchange.ExchangeOrder wire) {
    }

    private final List<HeldOrder> held = new ArrayList<>();
    private boolean holding;

    /**
     * From now on an order is journaled when decided but leaves only at {@link #releaseSends()}.
     * The runner holds sends through a strategy callback, journals the strategy's state (which
     * now names the orders it waits on), then releases them: no order is ever at the exchange
     * that the last journaled state does not know of, so a restart after any crash restores a
     * strategy that expects every order it finds.
     */
    public void holdSends(boolean hold) {
        holding = hold;
    }

    /** True when orders wait for {@link #releaseSends()}. */
    public boolean hasHeldSends() {
        return !held.isEmpty();
    }

    /** Sends the orders held so far, in decision order (holding stays as it is). */
    public void releaseSends() {
        List<HeldOrder> due = List.copyOf(held);
        held.clear();
        for (HeldOrder h : due) {
            if (!h.order().tracked.status().terminal()) {
                send(h.order(), h.wire());
            }
        }
    }

    private void send(LiveOrder lo, io.hypertrader.live.exchange.ExchangeOrder wire) {
        long id = lo.tracked.id();
        Cloid cloid = lo.cloid;
        OrderRequest req = lo.tracked.request();
        OrderResult r;
        try {
            r = exchange.place(wire);
        } catch (OutcomeUnknownException e) {
            lo.unknownSince = clock.getAsLong();
            journal.answer(id, cloid, "UNKNOWN", null, e.getMessage(), lo.unknownSince);
            return;
        } catch (ExchangeUnavailableException e) {
            journal.answer(id, cloid, "NOT_SENT", null, e.getMessage(), clock.getAsLong());
            emit(new OrderEvent.Rejected(id, req.coin(), clock.getAsLong(), RejectCode.EXCHANGE, "not sent: " + e.getMessage()));
            return;
        }
        journal.answer(id, cloid, r.kind().name(), r.oid(), r.error(), clock.getAsLong());
        handleResult(lo, r);
        if (r.kind() == OrderResult.Kind.FILLED) {
            syncFillsQuietly();
        }
    }

    private void handleResult(LiveOrder lo, OrderResult r) {
        TrackedOrder t = lo.tracked;
        long now = clock.getAsLong();
        Coin coin = t.request().coin();
        lo.unknownSince = -1;
        if (r.oid() != null) {
            lo.oid = r.oid();
            idByOid.put(r.oid(), t.id());
        }
        switch (r.kind()) {
            case RESTING, WAITING_FOR_TRIGGER, WAITING_FOR_FILL -> accept(lo, now);
            case FILLED -> {
                accept(lo, now);
                lo.answeredFilled = r.totalSz() == null ? BigDecimal.valueOf(t.request().size()) : r.totalSz();
            }
            case CLOSED -> {
                accept(lo, now);
                lo.closedStatus = r.error() == null ? "closed" : r.error();
            }
            case REJECTED -> emit(new OrderEvent.Rejected(t.id(), coin, now, WireOrders.rejectCode(r.error()), r.error()));
        }
    }

    private void accept(LiveOrder lo, long now) {
        TrackedOrder t = lo.tracked;
        if (t.status() == io.hypertrader.core.OrderStatus.PENDING) {
            tracker.arrived(t, now, mid(t.request().coin().name()));
            emit(new OrderEvent.Accepted(t.id(), t.request().coin(), now));
        }
    }

    @Override
    public void cancel(long orderId) {
        LiveOrder lo = orders.get(orderId);
        if (lo == null || lo.tracked.status().terminal()) {
            return;
        }
        String coin = lo.tracked.request().coin().name();
        long now = clock.getAsLong();
        if (held.removeIf(h -> h.order() == lo)) {
            // decided and cancelled in one callback: it never leaves
            journal.answer(orderId, lo.cloid, "NOT_SENT", null, "cancelled before it was sent", now);
            emit(new OrderEvent.Cancelled(orderId, lo.tracked.request().coin(), now, 0, "cancelled before it was sent"));
            return;
        }
        try {
            CancelResult r = lo.oid != null ? exchange.cancel(coin, lo.oid) : exchange.cancelByCloid(coin, lo.cloid);
            journal.note("cancel", coin, "order " + orderId + " cloid " + lo.cloid + ": "
                    + (r.success() ? "success" : r.error()), now);
            if (r.success()) {
                lo.closedStatus = "canceled";
            }
        } catch (OutcomeUnknownException | ExchangeUnavailableException e) {
            journal.note("cancel", coin, "order " + orderId + ": cancel outcome unknown, next poll decides: " + e.getMessage(), now);
        }
        syncFillsQuietly();
        finishClosed();
    }

    @Override
    public void setLeverage(Coin coin, int leverage) {
        long now = clock.getAsLong();
        try {
            var asset = exchange.assets().get(coin.name());
            int lev = Math.max(1, Math.min(leverage, asset.maxLeverage()));
            ActionResult r = exchange.updateLeverage(coin.name(), true, lev);
            journal.note("leverage", coin.name(), "cross " + lev + "x: " + (r.ok() ? "ok" : r.error()), now);
        } catch (IllegalArgumentException | OutcomeUnknownException | ExchangeUnavailableException e) {
            // The risk manager's leverage rule still bounds the account; the journal says why this failed.
            journal.note("leverage", coin.name(), "updateLeverage " + leverage + "x failed: " + e.getMessage(), now);
        }
    }

    @Override
    public Instrument instrument(Coin coin) {
        var a = exchange.assets().get(coin.name());
        return new Instrument(coin, a.szDecimals(), Math.max(1, a.maxLeverage()));
    }

    @Override
    public double position(Coin coin) {
        return account.position(coin.name());
    }

    @Override
    public double entryPrice(Coin coin) {
        return account.entryPrice(coin.name());
    }

    /** Leverage the exchange holds the coin's position at; NaN when flat or unknown. */
    public double leverage(Coin coin) {
        return account.leverage(coin.name());
    }

    @Override
    public double netPnl(Coin coin) {
        return account.netPnl(coin.name());
    }

    @Override
    public double equity() {
        ensureState();
        return account.value() - savings;
    }

    @Override
    public double freeCollateral() {
        ensureState();
        return account.value() - account.marginUsed() - savings;
    }

    @Override
    public void transferToSavings(double usd) {
        // Hyperliquid has no savings sub-account for perps: the amount is set aside in the
        // venue's books (not traded against), which is what the strategy's skim means.
        if (usd > 0) {
            savings += usd;
            journal.note("savings", "*", String.format(Locale.ROOT, "%.2f USDC set aside (total %.2f)", usd, savings),
                    clock.getAsLong());
        }
    }

    /** USDC set aside by {@link #transferToSavings}. */
    public double savings() {
        return savings;
    }

    @Override
    public List<TrackedOrder> openOrders(Coin coin) {
        return tracker.open(coin);
    }

    @Override
    public void setListener(Consumer<OrderEvent> listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    // ================================================================== user stream

    /**
     * The listener to give a {@link HyperliquidWebSocket} subscribed to this account's
     * {@code userFills} and {@code orderUpdates}. It only queues (it runs on okhttp's threads);
     * {@link #poll()} applies the queue first, on the runner's thread, through the same path as
     * REST fills, so a fill seen on both paths is booked once (by trade id).
     */
    public HyperliquidWebSocket.Listener userStreamListener() {
        return inbox.listener();
    }

    /**
     * Tells {@code listener} on the runner's thread, during {@link #poll()}, each time the user
     * socket connects (true) or drops or goes stale (false): operations keep its outage clock (the
     * "socket down longer than" alert and the uptime metric), as they do for the market socket.
     */
    public void onUserSocket(java.util.function.Consumer<Boolean> listener) {
        this.userSocket = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Applies what the user stream queued: notes, then fills (time order), then order status changes. */
    private void drainStream() {
        long now = clock.getAsLong();
        for (String n; (n = inbox.pollNote()) != null; ) {
            journal.note("ws", "*", n, now);
        }
        for (Boolean up; (up = inbox.pollState()) != null; ) {
            userSocket.accept(up);
        }
        List<UserFill> fills = new ArrayList<>();
        for (UserFill f; (f = inbox.pollFill()) != null; ) {
            // Before the floor only our own orders' fills: their times are the exchange's clock,
            // which may run behind ours, so a fill of an order sent just after the start can be
            // stamped before it (the one missing fill of issue 10).
            if (f.time() >= streamFloor || ownOrder(f)) {
                fills.add(f);
            }
        }
        fills.sort(Comparator.comparingLong(UserFill::time).thenComparing(f -> f.tid() == null ? 0L : f.tid()));
        for (UserFill f : fills) {
            if (ingestFill(f, now)) {
                fillsFromStream++;
            }
        }
        for (OrderStatusInfo u; (u = inbox.pollUpdate()) != null; ) {
            applyUpdate(u);
        }
    }

    /** An orderUpdates entry: learns the oid of an order whose answer was lost, and when it ended. */
    private void applyUpdate(OrderStatusInfo u) {
        if (u.order() == null) {
            return;
        }
        Long id = u.order().cloid() != null ? idByCloid.get(u.order().cloid().hex()) : null;
        if (id == null) {
            id = idByOid.get(u.order().oid());
        }
        LiveOrder lo = id == null ? null : orders.get(id);
        if (lo == null || lo.tracked.status().terminal()) {
            return;
        }
        if (lo.oid == null) {
            lo.oid = u.order().oid();
            idByOid.put(lo.oid, lo.tracked.id());
        }
        if (lo.unknownSince >= 0) {
            journal.answer(lo.tracked.id(), lo.cloid, u.isFilled() ? "FILLED" : u.isLive() ? "RESTING" : "CLOSED", lo.oid,
                    "recovered from the orderUpdates stream (" + u.status() + ")", clock.getAsLong());
            lo.unknownSince = -1;
            accept(lo, clock.getAsLong());
        }
        if (u.isFilled()) {
            // the fills themselves arrive on userFills / REST; the order ends once they are all in
            lo.answeredFilled = BigDecimal.valueOf(lo.tracked.request().size());
            lo.closedStatus = null;
            fillsDue = true;
        } else if (!u.isLive() && lo.answeredFilled == null) {
            lo.closedStatus = u.status();
            fillsDue = true; // a cancel may follow partial fills: read them before ending the order
        }
    }

    /** Fills and order updates the stream queued that {@link #poll()} has not applied yet. */
    int streamBacklog() {
        return inbox.backlog();
    }

    /** Fills booked from the WebSocket, from REST, and copies dropped because the other path had them. */
    public int[] fillSources() {
        return new int[]{fillsFromStream, fillsFromRest, duplicateFills};
    }

    // ================================================================== driving

    /** Hands every pending event to the listener, in order. */
    public void deliver() {
        while (!outbox.isEmpty()) {
            listener.accept(outbox.poll());
        }
    }

    /** Updates the mid prices the venue prices market orders with (from allMids or the feed). */
    public void setMid(String coin, double mid) {
        if (mid > 0) {
            mids.put(coin, mid);
        }
    }

    /**
     * Synchronises with the exchange: new fills, account state, then the fate of every open order
     * (including those whose answer was lost). Events are queued for {@link #deliver()}.
     *
     * @throws TransportException when the exchange cannot be read (nothing is changed then)
     */
    public void poll() throws TransportException {
        drainStream();
        long now = clock.getAsLong();
        // userFillsByTime weighs 20 of the 1200-per-minute budget: read it while an order of ours
        // is live (or just ended) and otherwise every FILL_SWEEP_MS to notice fills of foreign orders.
        if (tracker.hasOpen() || fillsDue || now - lastFillSweep >= FILL_SWEEP_MS) {
            syncFills();
            lastFillSweep = now;
            fillsDue = tracker.hasOpen();
        }
        syncState();
        syncOrders();
        finishClosed();
    }

    /**
     * How far behind the fill cursor each REST read of the account's fills reaches, ms: more than
     * any clock difference between this machine and the exchange a run tolerates (TimeChecks warns
     * from 2 s).
     */
    public static final long FILL_LOOKBACK_MS = 10 * 60_000;

    /** Longest time between two reads of the account's fills when no order is live, ms. */
    public static final long FILL_SWEEP_MS = 30_000;
    private long lastFillSweep = Long.MIN_VALUE / 2;
    private boolean fillsDue = true;

    private void syncFillsQuietly() {
        try {
            syncFills();
        } catch (TransportException | io.hypertrader.data.MalformedResponseException e) {
            journal.note("poll", "*", "fills not read yet: " + e.getMessage(), clock.getAsLong());
        }
    }

    private void syncFills() throws TransportException {
        long now = clock.getAsLong();
        // The window reaches FILL_LOOKBACK_MS behind the cursor: the cursor mixes our clock (a fresh
        // deployment starts it at the run's start) with the exchange's (fill times), and a fill is
        // never lost to the difference; trade ids make the overlap harmless.
        List<UserFill> fills = new ArrayList<>(info.userFillsByTime(exchange.tradingUser(), Math.max(0, fillCursor - FILL_LOOKBACK_MS),
                now + 60_000));
        fills.sort(Comparator.comparingLong(UserFill::time).thenComparing(f -> f.tid() == null ? 0L : f.tid()));
        for (UserFill f : fills) {
            if (f.time() < streamFloor && !ownOrder(f)) {
                continue; // before this deployment's history: someone else's trade, not a discrepancy of ours
            }
            if (ingestFill(f, now)) {
                fillsFromRest++;
            }
            // REST returns every fill from the cursor on, in time order: the cursor may pass them all
            if (isOwnCoin(f.coin()) || idByOid.containsKey(f.oid())) {
                fillCursor = Math.max(fillCursor, f.time());
            }
        }
    }

    /**
     * Books one exchange fill unless its trade id was seen (on either path). Returns true when it
     * was booked (as a fill of one of this venue's orders or as a discrepancy on one of its coins).
     */
    private boolean ingestFill(UserFill f, long now) {
        String key = f.dedupeKey();
        if (seenFills.contains(key)) {
            duplicateFills++;
            return false;
        }
        Long id = f.cloid() != null ? idByCloid.get(Cloid.parse(f.cloid()).hex()) : null;
        if (id == null) {
            id = idByOid.get(f.oid());
        }
        LiveOrder lo = id == null ? null : orders.get(id);
        if (lo == null || lo.tracked.status().terminal()) {
            if (!isOwnCoin(f.coin()) || !seenFills.add(key)) {
                return false;
            }
            journal.note("discrepancy", f.coin(), "fill " + key + " of an order this runner does not track (oid " + f.oid()
                    + ", cloid " + f.cloid() + "): " + f.side() + " " + f.sz().toPlainString() + " @ " + f.px().toPlainString(), now);
            account.book(f);
            return true;
        }
        seenFills.add(key);
        if (lo.oid == null) {
            lo.oid = f.oid();
            idByOid.put(f.oid(), id);
        }
        if (lo.unknownSince >= 0) {
            lo.unknownSince = -1;
            accept(lo, f.time());
        }
        applyFill(lo, f, key);
        return true;
    }

    /** True when the fill belongs to an order of this deployment (by client order id, else exchange order id). */
    private boolean ownOrder(UserFill f) {
        return (f.cloid() != null && idByCloid.containsKey(Cloid.parse(f.cloid()).hex())) || idByOid.containsKey(f.oid());
    }

    private boolean isOwnCoin(String coin) {
        for (LiveOrder lo : orders.values()) {
            if (lo.tracked.request().coin().name().equals(coin)) {
                return true;
            }
        }
        return false;
    }

    private void applyFill(LiveOrder lo, UserFill f, String key) {
        TrackedOrder t = lo.tracked;
        OrderRequest req = t.request();
        if (t.status() == io.hypertrader.core.OrderStatus.PENDING) {
            accept(lo, f.time());
        }
        account.book(f);
        double size = Math.min(f.sz().doubleValue(), t.remaining());
        double px = f.px().doubleValue();
        double fee = f.fee() == null ? 0 : f.fee().doubleValue();
        double arrival = Double.isNaN(t.arrivalPrice()) ? t.decisionPrice() : t.arrivalPrice();
        double slip = Double.isNaN(arrival) ? 0 : req.side().sign() * size * (px - arrival);
        Fill fill = new Fill(t.id(), req.coin(), req.side(), f.time(), px, size, fee, !f.crossed(),
                arrival, slip, false);
        double filled = t.filledSize() + size;
        double remaining = req.size() - filled;
        OrderEvent e;
        if (remaining <= EPS * Math.max(1, req.size())) {
            double avg = (t.filledSize() * (Double.isNaN(t.avgFillPrice()) ? 0 : t.avgFillPrice()) + px * size) / filled;
            e = new OrderEvent.Filled(t.id(), req.coin(), f.time(), fill, filled, avg);
        } else {
            e = new OrderEvent.PartiallyFilled(t.id(), req.coin(), f.time(), fill, filled, remaining);
        }
        emit(e, key);
    }

    private void syncState() throws TransportException {
        AccountState s = info.clearinghouseState(exchange.tradingUser());
        account.read(s); // read after the fills: the snapshot includes them
    }

    private void ensureState() {
        if (!account.fresh()) {
            try {
                syncState();
            } catch (TransportException e) {
                throw new IllegalStateException("account state unavailable: " + e.getMessage(), e);
            }
        }
    }

    private void syncOrders() throws TransportException {
        long now = clock.getAsLong();
        Set<Long> openOids = null;
        for (LiveOrder lo : new ArrayList<>(orders.values())) {
            TrackedOrder t = lo.tracked;
            if (t.status().terminal()) {
                continue;
            }
            if (lo.unknownSince >= 0) {
                OrderStatusInfo s = info.orderStatus(exchange.tradingUser(), lo.cloid);
                if (s.found()) {
                    OrderResult r = OrderResult.fromStatus(s, lo.cloid);
                    journal.answer(t.id(), lo.cloid, r.kind().name(), r.oid(), "recovered by cloid lookup", now);
                    handleResult(lo, r);
                } else if (now - lo.unknownSince >= UNKNOWN_GRACE_MS) {
                    journal.answer(t.id(), lo.cloid, "NEVER_PLACED", null, "the exchange does not know the cloid "
                            + (now - lo.unknownSince) + " ms after the lost answer", now);
                    emit(new OrderEvent.Rejected(t.id(), t.request().coin(), now, RejectCode.EXCHANGE,
                            "answer lost and the exchange never received the order"));
                }
                continue;
            }
            if (lo.oid == null || lo.answeredFilled != null || lo.closedStatus != null) {
                continue;
            }
            if (openOids == null) {
                openOids = new HashSet<>();
                for (OpenOrder o : info.openOrders(exchange.tradingUser())) {
                    openOids.add(o.oid());
                }
            }
            if (!openOids.contains(lo.oid)) {
                OrderStatusInfo s = info.orderStatus(exchange.tradingUser(), lo.oid);
                if (s.found() && !s.isLive()) {
                    lo.closedStatus = s.status();
                    if (s.isFilled()) {
                        lo.answeredFilled = BigDecimal.valueOf(t.request().size());
                        lo.closedStatus = null;
                    }
                }
            }
        }
    }

    /** Ends orders the exchange has closed once all their fills are in. */
    private void finishClosed() {
        long now = clock.getAsLong();
        for (LiveOrder lo : new ArrayList<>(orders.values())) {
            TrackedOrder t = lo.tracked;
            if (t.status().terminal()) {
                continue;
            }
            if (lo.answeredFilled != null && t.filledSize() >= lo.answeredFilled.doubleValue() - EPS) {
                if (t.remaining() > EPS * Math.max(1, t.request().size())) {
                    emit(new OrderEvent.Cancelled(t.id(), t.request().coin(), now, t.filledSize(),
                            "IOC: the rest could not fill within the slippage bound"));
                }
            } else if (lo.closedStatus != null && lo.answeredFilled == null) {
                emit(new OrderEvent.Cancelled(t.id(), t.request().coin(), now, t.filledSize(), "exchange status " + lo.closedStatus));
            }
        }
    }

    private double mid(String coin) {
        Double m = mids.get(coin);
        if (m == null) {
            try {
                for (Map.Entry<String, BigDecimal> e : info.allMids().entrySet()) {
                    mids.put(e.getKey(), e.getValue().doubleValue());
                }
            } catch (TransportException | io.hypertrader.data.MalformedResponseException e) {
                return Double.NaN;
            }
            m = mids.get(coin);
        }
        return m == null ? Double.NaN : m;
    }

    private void emit(OrderEvent e) {
        emit(e, null);
    }

    private void emit(OrderEvent e, String fillKey) {
        tracker.apply(e);
        journal.event(e, fillKey);
        outbox.add(e);
    }

    // ================================================================== views

    public OrderTracker tracker() {
        return tracker;
    }

    /** The cloid of one of this venue's orders, or null. */
    public Cloid cloidOf(long orderId) {
        LiveOrder lo = orders.get(orderId);
        return lo == null ? null : lo.cloid;
    }

    /** The exchange order id of one of this venue's orders, or null while unknown. */
    public Long oidOf(long orderId) {
        LiveOrder lo = orders.get(orderId);
        return lo == null ? null : lo.oid;
    }

    /** The next sequence number (order id) this venue will use. */
    public long nextSequence() {
        return nextSeq;
    }

    /** Latest fill time seen, UTC ms. */
    public long fillCursor() {
        return fillCursor;
    }

    /** Account value as last read from the exchange (savings included), USDC. */
    public double accountValue() {
        ensureState();
        return account.value();
    }

    /** Positions as last read, coin to signed size (only non-zero). */
    public Map<String, Double> positions() {
        return account.nonZeroPositions();
    }

    /** True when an order's answer was lost and it is still being looked up. */
    public boolean hasUnknownOutcomes() {
        return orders.values().stream().anyMatch(lo -> lo.unknownSince >= 0 && !lo.tracked.status().terminal());
    }
}
