package io.hypertrader.live.exchange;

import io.hypertrader.data.MalformedResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.live.sign.Addresses;
import io.hypertrader.live.sign.Cloid;
import io.hypertrader.live.sign.ExchangeRequest;
import io.hypertrader.live.sign.HyperliquidSigner;
import io.hypertrader.live.sign.NonceSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Signed trading on Hyperliquid: orders (limit Gtc/Ioc/Alo, trigger stop/take-profit,
 * reduce-only, cloid), market orders as slippage-bounded IOC limits, cancel, cancelByCloid,
 * scheduleCancel (dead-man switch) and updateLeverage.
 *
 * <h2>Retry rule (no duplicate orders)</h2>
 * Each request is signed once, with one nonce. When the transport says the request certainly did
 * not arrive or was refused at the edge (connection refused, 429), the identical body is re-sent
 * after a backoff. When the outcome is unknown (timeout after sending, reset, 5xx), the client
 * first looks every order's cloid up with orderStatus: orders the exchange knows are reported
 * from that lookup ({@link OrderResult#recovered()}); only if none is known is the identical body
 * (same nonce) re-sent, which the exchange refuses as a duplicate nonce if the first copy did land
 * after all, and a refusal after a lost answer triggers one more lookup. Orders without a cloid
 * cannot be looked up: an unknown outcome then raises {@link OutcomeUnknownException} for the
 * caller to reconcile. Non-order actions are re-sent identically after an unknown outcome.
 *
 * <p>Queries use the account address (or the vault, when trading one), never the signer's:
 * with an API wallet the two differ.
 *
 * <p><b>One file (about 430 lines).</b> Every signed action (orders, market orders and closes,
 * cancels, the dead man's schedule, leverage) goes through the same nonce, signing and retry
 * rules; the wire records and the signer live apart.
 */
public final class HyperliquidExchangeClient {

    /** Retry and pricing settings. */
    public record Settings(BigDecimal defaultSlippage, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                           Duration expiresAfter) {
        /** 5 % market slippage (as the SDKs), 4 attempts, 250 ms .. 4 s backoff, no expiresAfter. */
        public static final Settings DEFAULTS = new Settings(new BigDecimal("0.05"), 4, Duration.ofMillis(250),
                Duration.ofSeconds(4), null);

        public Settings {
            Objects.requireNonNull(defaultSlippage, "defaultSlippage");
            if (defaultSlippage.signum() < 0 || defaultSlippage.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException("slippage must be in [0, 1), got " + defaultSlippage.toPlainString());
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
            }
        }

        public Settings withSlippage(BigDecimal s) {
            return new Settings(s, maxAttempts, initialBackoff, maxBackoff, expiresAfter);
        }

        public Settings withBackoff(Duration initial, Duration max) {
            return new Settings(defaultSlippage, maxAttempts, initial, max, expiresAfter);
        }

        public Settings withExpiresAfter(Duration d) {
            return new Settings(defaultSlippage, maxAttempts, initialBackoff, maxBackoff, d);
        }
    }

    /** Sleeps between attempts (injectable so tests need not wait). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final HyperliquidTransport transport;
    private final HyperliquidSigner signer;
    private final NonceSource nonces;
    private final TradingInfoClient info;
    private volatile AssetRegistry assets;
    private final String accountAddress;
    private final String vaultAddress;
    private final Settings settings;
    private final LongSupplier clockMs;
    private final Sleeper sleeper;

    /**
     * @param accountAddress the trading account (master or sub-account); differs from the signer for API wallets
     * @param vaultAddress   sub-account/vault to act for (sent as vaultAddress), or null
     */
    public HyperliquidExchangeClient(HyperliquidTransport transport, HyperliquidSigner signer, NonceSource nonces,
                                     TradingInfoClient info, AssetRegistry assets, String accountAddress,
                                     String vaultAddress, Settings settings, LongSupplier clockMs, Sleeper sleeper) {
        this.transport = Objects.requireNonNull(transport);
        this.signer = Objects.requireNonNull(signer);
        this.nonces = Objects.requireNonNull(nonces);
        this.info = Objects.requireNonNull(info);
        this.assets = Objects.requireNonNull(assets);
        this.accountAddress = Addresses.normalize(accountAddress, "account address");
        this.vaultAddress = vaultAddress == null ? null : Addresses.normalize(vaultAddress, "vault address");
        this.settings = Objects.requireNonNull(settings);
        this.clockMs = Objects.requireNonNull(clockMs);
        this.sleeper = Objects.requireNonNull(sleeper);
    }

    /** A client with the system clock and real sleeps. */
    public static HyperliquidExchangeClient create(HyperliquidTransport transport, HyperliquidSigner signer,
                                                   TradingInfoClient info, AssetRegistry assets,
                                                   String accountAddress, String vaultAddress, Settings settings) {
        return new HyperliquidExchangeClient(transport, signer, NonceSource.systemClock(), info, assets, accountAddress,
                vaultAddress, settings, System::currentTimeMillis, Thread::sleep);
    }

    /** The address whose orders, positions and fills this client trades (vault if set, else account). */
    public String tradingUser() {
        return vaultAddress != null ? vaultAddress : accountAddress;
    }

    public AssetRegistry assets() {
        return assets;
    }

    /** Re-reads meta (new listings append to the universe). */
    public void refreshAssets() throws TransportException {
        this.assets = info.meta();
    }

    public TradingInfoClient info() {
        return info;
    }

    // ------------------------------------------------------------------ orders

    private volatile java.util.function.LongConsumer orderLeaving = t -> { };

    /**
     * Called with {@link System#nanoTime()} each time a signed order batch is handed to the
     * transport (before any retry): the end of the runner's push-to-order latency.
     */
    public void onOrderLeaving(java.util.function.LongConsumer listener) {
        this.orderLeaving = Objects.requireNonNull(listener);
    }

    /** Places one order. */
    public OrderResult place(ExchangeOrder order) throws OutcomeUnknownException, ExchangeUnavailableException {
        return placeOrders(List.of(order), OrderWire.Grouping.NA).get(0);
    }

    /**
     * Places a batch (one signature, one nonce); results come back in batch order. A whole-batch
     * refusal ({@code "status":"err"} or a pre-validation error) marks every order REJECTED.
     */
    public List<OrderResult> placeOrders(List<ExchangeOrder> orders, OrderWire.Grouping grouping)
            throws OutcomeUnknownException, ExchangeUnavailableException {
        ObjectNode action = OrderWire.orderAction(orders, grouping, assets);
        ExchangeRequest req = sign(action);
        orderLeaving.accept(System.nanoTime()); // signed, handed to the transport: where push-to-order latency ends
        List<Cloid> cloids = orders.stream().map(ExchangeOrder::cloid).toList();
        boolean allHaveCloids = cloids.stream().allMatch(Objects::nonNull);
        int weight = 1 + orders.size() / 40;

        boolean outcomeWasUnknown = false;
        TransportException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                JsonNode resp = transport.post(HyperliquidTransport.EXCHANGE, req.toJson(), weight);
                List<OrderResult> results = parseOrderResponse(resp, cloids);
                if (outcomeWasUnknown && results.stream().anyMatch(OrderResult::isRejected)) {
                    // The lost first copy may have landed (duplicate nonce/cloid refusal): the lookup is the truth.
                    List<OrderResult> found = lookUp(cloids, req);
                    if (found != null) {
                        return merge(found, results);
                    }
                }
                return results;
            } catch (TransportException e) {
                last = e;
                if (e.kind() == TransportException.Kind.REJECTED) {
                    throw new ExchangeUnavailableException("the exchange refused the request: " + e.getMessage(), e);
                }
                if (!e.certainlyNotApplied()) {
                    outcomeWasUnknown = true;
                    if (!allHaveCloids) {
                        throw new OutcomeUnknownException("order outcome unknown (" + e.getMessage()
                                + ") and not every order has a cloid to look up: reconcile open orders and fills", req, e);
                    }
                    List<OrderResult> found = lookUp(cloids, req);
                    if (found == null) {
                        throw new OutcomeUnknownException("order outcome unknown (" + e.getMessage()
                                + ") and the cloid lookup failed too: reconcile before re-sending", req, e);
                    }
                    if (found.stream().allMatch(Objects::nonNull)) {
                        return found;
                    }
                    if (found.stream().anyMatch(Objects::nonNull)) {
                        // Part of a batch known, part not: never re-send; report what is known.
                        throw new OutcomeUnknownException("order outcome partly unknown after " + e.getMessage()
                                + ": some cloids are known to the exchange, others not", req, e);
                    }
                }
                backoff(attempt, e);
            }
        }
        if (outcomeWasUnknown) {
            throw new OutcomeUnknownException("order outcome unknown after " + settings.maxAttempts() + " attempts: "
                    + (last == null ? "" : last.getMessage()), req, last);
        }
        throw new ExchangeUnavailableException("order not sent after " + settings.maxAttempts() + " attempts: "
                + (last == null ? "" : last.getMessage()), last);
    }

    /**
     * A market order: an IOC limit at mid * (1 +/- slippage) (mid from allMids), rounded to the
     * grid as the SDKs do. {@code slippage} null means the configured default (5 %).
     */
    public OrderResult marketOrder(String coin, boolean isBuy, BigDecimal size, BigDecimal slippage, boolean reduceOnly,
                                   Cloid cloid) throws OutcomeUnknownException, ExchangeUnavailableException {
        BigDecimal mid = mid(coin);
        BigDecimal px = OrderWire.slippagePrice(mid, isBuy, slippage == null ? settings.defaultSlippage() : slippage,
                assets.get(coin));
        return place(new ExchangeOrder(coin, isBuy, px, size, reduceOnly, new ExchangeOrder.Limit(ExchangeOrder.Tif.IOC), cloid));
    }

    /**
     * Closes (all of) the position in {@code coin} with a reduce-only market order; empty result
     * list when there is no position.
     */
    public List<OrderResult> marketClose(String coin, BigDecimal slippage, Cloid cloid)
            throws OutcomeUnknownException, ExchangeUnavailableException {
        AccountState state;
        try {
            state = info.clearinghouseState(tradingUser());
        } catch (TransportException e) {
            throw new ExchangeUnavailableException("could not read the position of " + coin + ": " + e.getMessage(), e);
        }
        var pos = state.position(coin);
        if (pos.isEmpty() || pos.get().szi().signum() == 0) {
            return List.of();
        }
        BigDecimal szi = pos.get().szi();
        return List.of(marketOrder(coin, szi.signum() < 0, szi.abs(), slippage, true, cloid));
    }

    private BigDecimal mid(String coin) throws ExchangeUnavailableException {
        Map<String, BigDecimal> mids;
        try {
            mids = info.allMids();
        } catch (TransportException e) {
            throw new ExchangeUnavailableException("could not read the mid of " + coin + ": " + e.getMessage(), e);
        }
        BigDecimal mid = mids.get(coin);
        if (mid == null || mid.signum() <= 0) {
            throw new ExchangeUnavailableException("no mid price for " + coin + " in allMids", null);
        }
        return mid;
    }

    // ------------------------------------------------------------------ cancels and settings

    /** Cancels one order by exchange id. */
    public CancelResult cancel(String coin, long oid) throws OutcomeUnknownException, ExchangeUnavailableException {
        return cancelOrders(List.of(new long[]{assets.get(coin).asset(), oid})).get(0);
    }

    /** Cancels a batch of {asset, oid} pairs. */
    public List<CancelResult> cancelOrders(List<long[]> assetAndOid) throws OutcomeUnknownException, ExchangeUnavailableException {
        JsonNode resp = sendIdempotent(sign(OrderWire.cancelAction(assetAndOid)), 1 + assetAndOid.size() / 40);
        return parseCancelResponse(resp, assetAndOid.size());
    }

    /** Cancels by client order id. */
    public CancelResult cancelByCloid(String coin, Cloid cloid) throws OutcomeUnknownException, ExchangeUnavailableException {
        JsonNode resp = sendIdempotent(sign(OrderWire.cancelByCloidAction(assets.get(coin).asset(), List.of(cloid))), 1);
        return parseCancelResponse(resp, 1).get(0);
    }

    /**
     * Dead-man switch: all open orders are cancelled at {@code timeMs} unless this is called again
     * before (at least 5 s ahead; at most 10 triggers per day). Null clears the schedule.
     */
    public ActionResult scheduleCancel(Long timeMs) throws OutcomeUnknownException, ExchangeUnavailableException {
        if (timeMs != null && timeMs < clockMs.getAsLong() + 5_000) {
            throw new IllegalArgumentException("scheduleCancel time must be at least 5 s in the future");
        }
        return ActionResult.parse(sendIdempotent(sign(OrderWire.scheduleCancelAction(timeMs)), 1));
    }

    /** Sets leverage and margin mode (cross or isolated) for a coin. */
    public ActionResult updateLeverage(String coin, boolean isCross, int leverage)
            throws OutcomeUnknownException, ExchangeUnavailableException {
        AssetRegistry.Asset a = assets.get(coin);
        if (leverage > a.maxLeverage()) {
            throw new IllegalArgumentException(coin + ": leverage " + leverage + " exceeds the maximum " + a.maxLeverage());
        }
        return ActionResult.parse(sendIdempotent(sign(OrderWire.updateLeverageAction(a.asset(), isCross, leverage)), 1));
    }

    // ------------------------------------------------------------------ plumbing

    private ExchangeRequest sign(ObjectNode action) {
        long nonce = nonces.next();
        OptionalLong exp = settings.expiresAfter() == null ? OptionalLong.empty()
                : OptionalLong.of(clockMs.getAsLong() + settings.expiresAfter().toMillis());
        return signer.signL1(action, nonce, vaultAddress, exp);
    }

    /**
     * Sends an action whose repetition is harmless (cancel, leverage, schedule): the identical body
     * is re-sent after any failure; a duplicate-nonce refusal after a lost answer means the first
     * copy landed, reported as {@code {"status":"ok","response":{"type":"default"}}}.
     */
    private JsonNode sendIdempotent(ExchangeRequest req, int weight) throws OutcomeUnknownException, ExchangeUnavailableException {
        boolean outcomeWasUnknown = false;
        TransportException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                JsonNode resp = transport.post(HyperliquidTransport.EXCHANGE, req.toJson(), weight);
                if (outcomeWasUnknown && isDuplicateNonce(resp)) {
                    throw new OutcomeUnknownException("the first copy of this " + req.type()
                            + " landed but its answer was lost; check the state", req, last);
                }
                return resp;
            } catch (TransportException e) {
                last = e;
                if (e.kind() == TransportException.Kind.REJECTED) {
                    throw new ExchangeUnavailableException("the exchange refused the request: " + e.getMessage(), e);
                }
                outcomeWasUnknown |= !e.certainlyNotApplied();
                backoff(attempt, e);
            }
        }
        if (outcomeWasUnknown) {
            throw new OutcomeUnknownException(req.type() + " outcome unknown after " + settings.maxAttempts()
                    + " attempts: " + last.getMessage(), req, last);
        }
        throw new ExchangeUnavailableException(req.type() + " not sent after " + settings.maxAttempts() + " attempts: "
                + (last == null ? "" : last.getMessage()), last);
    }

    static boolean isDuplicateNonce(JsonNode resp) {
        return resp != null && "err".equals(resp.path("status").asText())
                && resp.path("response").asText().startsWith("Invalid nonce");
    }

    /**
     * Looks every cloid up; null when the lookup itself failed. Each element is the recovered
     * result, or null when the exchange does not know that cloid.
     */
    private List<OrderResult> lookUp(List<Cloid> cloids, ExchangeRequest req) {
        List<OrderResult> out = new ArrayList<>();
        for (Cloid c : cloids) {
            if (c == null) {
                return null;
            }
            try {
                OrderStatusInfo s = info.orderStatus(tradingUser(), c);
                out.add(s.found() ? OrderResult.fromStatus(s, c) : null);
            } catch (TransportException | MalformedResponseException e) {
                return null;
            }
        }
        return out;
    }

    private static List<OrderResult> merge(List<OrderResult> found, List<OrderResult> answered) {
        List<OrderResult> out = new ArrayList<>();
        for (int i = 0; i < answered.size(); i++) {
            out.add(found.get(i) != null ? found.get(i) : answered.get(i));
        }
        return out;
    }

    private void backoff(int attempt, TransportException e) throws ExchangeUnavailableException {
        if (attempt >= settings.maxAttempts()) {
            return;
        }
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long ms = Math.min(settings.maxBackoff().toMillis(), base);
        if (e.retryAfterMs() >= 0) {
            ms = Math.max(ms, e.retryAfterMs());
        }
        try {
            sleeper.sleep(ms);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ExchangeUnavailableException("interrupted while backing off", ie);
        }
    }

    static List<OrderResult> parseOrderResponse(JsonNode resp, List<Cloid> cloids) {
        String status = Json.object(resp, "exchange response").path("status").asText();
        if ("err".equals(status)) {
            String msg = resp.path("response").asText();
            return cloids.stream().map(c -> OrderResult.rejected(msg, c)).toList();
        }
        if (!"ok".equals(status)) {
            throw new MalformedResponseException("exchange response status '" + status + "'");
        }
        JsonNode statuses = Json.array(resp.path("response").path("data").get("statuses"), "response.data.statuses");
        List<OrderResult> out = new ArrayList<>();
        if (statuses.size() == 1 && cloids.size() > 1 && statuses.get(0).has("error")) {
            // Pre-validation errors come back once for the whole batch.
            String msg = statuses.get(0).get("error").asText();
            return cloids.stream().map(c -> OrderResult.rejected(msg, c)).toList();
        }
        if (statuses.size() != cloids.size()) {
            throw new MalformedResponseException("expected " + cloids.size() + " order statuses, got " + statuses.size());
        }
        for (int i = 0; i < statuses.size(); i++) {
            out.add(OrderResult.parse(statuses.get(i), cloids.get(i)));
        }
        return List.copyOf(out);
    }

    static List<CancelResult> parseCancelResponse(JsonNode resp, int n) {
        String status = Json.object(resp, "exchange response").path("status").asText();
        if ("err".equals(status)) {
            CancelResult r = new CancelResult(false, resp.path("response").asText());
            return java.util.Collections.nCopies(n, r);
        }
        JsonNode statuses = Json.array(resp.path("response").path("data").get("statuses"), "response.data.statuses");
        if (statuses.size() == 1 && n > 1 && !statuses.get(0).isTextual()) {
            return java.util.Collections.nCopies(n, CancelResult.parse(statuses.get(0)));
        }
        if (statuses.size() != n) {
            throw new MalformedResponseException("expected " + n + " cancel statuses, got " + statuses.size());
        }
        List<CancelResult> out = new ArrayList<>();
        statuses.forEach(s -> out.add(CancelResult.parse(s)));
        return List.copyOf(out);
    }
}
