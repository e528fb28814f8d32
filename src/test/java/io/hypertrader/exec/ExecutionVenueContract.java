package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.OrderStatus;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every {@link ExecutionVenue} promises, as one suite that each venue runs (exchange-core's
 * habit: one suite, several implementations): the simulator ({@code sim.SimulatedVenueContractTest})
 * and the Hyperliquid venue against the local fake exchange ({@code live.HyperliquidVenueContractTest}).
 * A strategy sees only the interface, so a behaviour that differs here is a backtest that lies.
 *
 * <p>The market: BTC (5 size decimals) at {@link #START_PRICE}, an account of
 * {@link #START_USDC} at the default 20x, no slippage, fees of the venue's schedule. Where the
 * venues legitimately differ, the difference is a hook, not a weaker assertion: how the market
 * moves ({@link #marketAt}: the simulator walks its path there, the fake exchange sets its mid),
 * how events are collected ({@link #settle}: the simulator settles zero-latency arrivals, the live
 * venue polls the exchange), how a partial fill is provoked ({@link #limitRestingLiquidity}) and how
 * an answer is lost ({@link #loseNextAnswer}).
 */
public abstract class ExecutionVenueContract {

    protected static final Coin BTC = Coin.of("BTC");
    protected static final double START_PRICE = 30_000;
    protected static final double START_USDC = 10_000;

    protected final List<OrderEvent> events = new ArrayList<>();

    /** The venue under test: BTC at {@link #START_PRICE}, {@link #START_USDC} of USDC, flat, listener set to {@link #events}. */
    protected abstract ExecutionVenue venue();

    /** Builds a fresh venue (called before each test). */
    protected abstract void open() throws Exception;

    /** The market of BTC moves to {@code price} (passing every price in between), then {@link #settle()}. */
    protected abstract void marketAt(double price) throws Exception;

    /** Lets the venue finish what is due now and hand every pending event to the listener. */
    protected abstract void settle() throws Exception;

    /** From now on resting orders of BTC find only {@code coins} to fill against in all (until the next call). */
    protected abstract void limitRestingLiquidity(double coins) throws Exception;

    /** The next order's answer is lost on the way back (a venue that cannot lose one does nothing). */
    protected abstract void loseNextAnswer() throws Exception;

    @BeforeEach
    void openVenue() throws Exception {
        events.clear();
        open();
    }

    // ------------------------------------------------------------------ life cycles

    @Test
    void aMarketOrderIsAcceptedThenFilledAtTheMarketAndMovesThePosition() throws Exception {
        long id = venue().submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        assertThat(events).as("nothing is delivered from inside submit").isEmpty();
        settle();
        assertThat(kinds(id)).containsExactly("Accepted", "Filled");
        OrderEvent.Filled f = last(id, OrderEvent.Filled.class);
        assertThat(f.filledSize()).isEqualTo(0.01);
        assertThat(f.fill().price()).isEqualTo(START_PRICE);
        assertThat(f.avgPrice()).isEqualTo(START_PRICE);
        assertThat(f.fill().maker()).as("a market order takes liquidity").isFalse();
        assertThat(f.fill().fee()).isPositive();
        assertThat(venue().position(BTC)).isEqualTo(0.01, within(1e-12));
        assertThat(venue().entryPrice(BTC)).isEqualTo(START_PRICE, within(1e-9));
        assertThat(venue().openOrders(BTC)).isEmpty();
        assertThat(venue().equity()).isEqualTo(START_USDC - f.fill().fee(), within(0.01));
        assertThat(venue().freeCollateral()).as("the position holds initial margin")
                .isLessThan(venue().equity() - 0.01 * START_PRICE / 20 + 1);
    }

    @Test
    void aRestingLimitWaitsThenFillsAtItsLimitAsMakerWhenTheMarketTradesThrough() throws Exception {
        long id = venue().submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29_000, TimeInForce.GTC, "dip"));
        settle();
        assertThat(kinds(id)).containsExactly("Accepted");
        assertThat(venue().openOrders(BTC)).extracting(TrackedOrder::id).containsExactly(id);
        marketAt(29_500);
        assertThat(kinds(id)).as("above its limit it only waits").containsExactly("Accepted");
        assertThat(venue().position(BTC)).isZero();
        marketAt(28_900);
        assertThat(kinds(id)).containsExactly("Accepted", "Filled");
        OrderEvent.Filled f = last(id, OrderEvent.Filled.class);
        assertThat(f.fill().price()).as("a resting limit fills at its limit").isEqualTo(29_000.0);
        assertThat(f.fill().maker()).isTrue();
        assertThat(venue().position(BTC)).isEqualTo(0.01, within(1e-12));
        assertThat(venue().openOrders(BTC)).isEmpty();
    }

    @Test
    void aPostOnlyLimitAwayFromTheMarketRests() throws Exception {
        long id = venue().submit(OrderRequest.limit(BTC, Side.SELL, 0.01, 31_000, TimeInForce.ALO, "offer"));
        settle();
        assertThat(kinds(id)).containsExactly("Accepted");
        assertThat(venue().openOrders(BTC)).extracting(TrackedOrder::id).containsExactly(id);
    }

    @Test
    void aPostOnlyLimitThatWouldTakeLiquidityIsRejected() throws Exception {
        long id = submitAndSettle(OrderRequest.limit(BTC, Side.BUY, 0.01, 30_100, TimeInForce.ALO, "bid"));
        assertRejected(id, RejectCode.POST_ONLY_WOULD_TAKE);
        assertThat(venue().position(BTC)).isZero();
    }

    // ------------------------------------------------------------------ partial fills

    @Test
    void aRestingLimitWithLittleLiquidityFillsPartlyKeepsRestingAndACancelReportsTheFilledPart() throws Exception {
        long id = venue().submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29_000, TimeInForce.GTC, "dip"));
        settle();
        limitRestingLiquidity(0.004);
        marketAt(28_900);
        assertThat(kinds(id)).containsExactly("Accepted", "PartiallyFilled");
        OrderEvent.PartiallyFilled p = last(id, OrderEvent.PartiallyFilled.class);
        assertThat(p.filledSize()).isPositive().isLessThanOrEqualTo(0.004 + 1e-12);
        assertThat(p.remaining()).isEqualTo(0.01 - p.filledSize(), within(1e-12));
        assertThat(p.fill().price()).isEqualTo(29_000.0);
        assertThat(venue().position(BTC)).isEqualTo(p.filledSize(), within(1e-12));
        assertThat(venue().openOrders(BTC)).as("the rest keeps resting").extracting(TrackedOrder::id).containsExactly(id);
        assertThat(venue().openOrders(BTC).get(0).status()).isEqualTo(OrderStatus.OPEN);
        assertThat(venue().openOrders(BTC).get(0).filledSize()).isEqualTo(p.filledSize(), within(1e-12));

        venue().cancel(id);
        settle();
        assertThat(kinds(id)).containsExactly("Accepted", "PartiallyFilled", "Cancelled");
        assertThat(last(id, OrderEvent.Cancelled.class).filledSize()).isEqualTo(p.filledSize(), within(1e-12));
        assertThat(venue().openOrders(BTC)).isEmpty();
        assertThat(venue().position(BTC)).isEqualTo(p.filledSize(), within(1e-12));
    }

    // ------------------------------------------------------------------ reduce-only

    @Test
    void aReduceOnlyOrderLargerThanThePositionClosesItAndTheRestIsCancelled() throws Exception {
        long open = venue().submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        settle();
        assertThat(kinds(open)).containsExactly("Accepted", "Filled");
        long close = venue().submit(OrderRequest.market(BTC, Side.SELL, 0.02, true, "exit"));
        settle();
        assertThat(kinds(close)).containsExactly("Accepted", "PartiallyFilled", "Cancelled");
        assertThat(last(close, OrderEvent.PartiallyFilled.class).filledSize()).isEqualTo(0.01, within(1e-12));
        assertThat(last(close, OrderEvent.Cancelled.class).filledSize()).isEqualTo(0.01, within(1e-12));
        assertThat(venue().position(BTC)).isZero();
    }

    @Test
    void aReduceOnlyOrderThatWouldOpenAPositionIsRejected() throws Exception {
        long id = venue().submit(OrderRequest.market(BTC, Side.SELL, 0.01, true, "exit"));
        settle();
        assertRejected(id, RejectCode.REDUCE_ONLY);
        assertThat(venue().position(BTC)).isZero();
    }

    // ------------------------------------------------------------------ rejections

    @Test
    void anOrderWorthLessThanTenDollarsIsRejected() throws Exception {
        assertRejected(submitAndSettle(OrderRequest.market(BTC, Side.BUY, 0.0001, false, "tiny")), RejectCode.MIN_NOTIONAL);
        assertRejected(submitAndSettle(OrderRequest.limit(BTC, Side.BUY, 0.0003, 29_000, TimeInForce.GTC, "tiny")),
                RejectCode.MIN_NOTIONAL);
    }

    @Test
    void aPriceOffTheGridIsRejected() throws Exception {
        // 6 significant figures
        assertRejected(submitAndSettle(OrderRequest.limit(BTC, Side.BUY, 0.01, 29_000.5, TimeInForce.GTC, "bad")),
                RejectCode.PRICE_OFF_GRID);
        assertRejected(submitAndSettle(OrderRequest.stop(BTC, Side.SELL, 0.01, 29_000.5, false, "bad")),
                RejectCode.PRICE_OFF_GRID);
    }

    @Test
    void aSizeOffTheGridIsRejected() throws Exception {
        assertRejected(submitAndSettle(OrderRequest.market(BTC, Side.BUY, 0.000_001, false, "bad")), RejectCode.SIZE_OFF_GRID);
    }

    @Test
    void anOrderBeyondTheMarginIsRejected() throws Exception {
        // 10 BTC = 300000 USDC needs 15000 of margin at 20x, more than the 10000 there are
        assertRejected(submitAndSettle(OrderRequest.market(BTC, Side.BUY, 10, false, "big")), RejectCode.INSUFFICIENT_MARGIN);
        assertThat(venue().position(BTC)).isZero();
    }

    @Test
    void anOrderForACoinTheVenueDoesNotTradeIsRejected() throws Exception {
        assertRejected(submitAndSettle(OrderRequest.market(Coin.of("NOPE"), Side.BUY, 1, false, "x")), RejectCode.UNKNOWN_COIN);
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancellingARestingOrderEndsItOnceAndCancellingAgainOrAnEndedOrderDoesNothing() throws Exception {
        long id = venue().submit(OrderRequest.limit(BTC, Side.BUY, 0.01, 29_000, TimeInForce.GTC, "dip"));
        settle();
        venue().cancel(id);
        assertThat(kinds(id)).as("nothing is delivered from inside cancel").containsExactly("Accepted");
        settle();
        assertThat(kinds(id)).containsExactly("Accepted", "Cancelled");
        assertThat(last(id, OrderEvent.Cancelled.class).filledSize()).isZero();
        assertThat(venue().openOrders(BTC)).isEmpty();
        venue().cancel(id);
        venue().cancel(987_654_321L); // an id the venue never gave
        settle();
        marketAt(28_900);
        assertThat(kinds(id)).as("a cancelled order never fills").containsExactly("Accepted", "Cancelled");
        assertThat(venue().position(BTC)).isZero();

        long filled = submitAndSettle(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        venue().cancel(filled);
        settle();
        assertThat(kinds(filled)).containsExactly("Accepted", "Filled");
    }

    // ------------------------------------------------------------------ triggers

    @Test
    void aStopWaitsForItsTriggerThenClosesThePositionAtOrBeyondIt() throws Exception {
        submitAndSettle(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        long stop = venue().submit(OrderRequest.stop(BTC, Side.SELL, 0.01, 29_000, true, "stop"));
        settle();
        assertThat(kinds(stop)).containsExactly("Accepted");
        assertThat(venue().openOrders(BTC)).extracting(TrackedOrder::id).containsExactly(stop);
        marketAt(29_500);
        assertThat(kinds(stop)).as("not crossed yet").containsExactly("Accepted");
        marketAt(28_900);
        assertThat(kinds(stop)).containsExactly("Accepted", "Filled");
        OrderEvent.Filled f = last(stop, OrderEvent.Filled.class);
        assertThat(f.fill().price()).as("between the trigger and the price the market fell to").isBetween(28_900.0, 29_000.0);
        assertThat(f.fill().maker()).isFalse();
        assertThat(venue().position(BTC)).isZero();
        assertThat(venue().openOrders(BTC)).isEmpty();
    }

    @Test
    void aTakeProfitWaitsForItsTriggerThenClosesThePositionAtOrBeyondIt() throws Exception {
        submitAndSettle(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        long tp = venue().submit(OrderRequest.takeProfit(BTC, Side.SELL, 0.01, 31_000, true, "target"));
        settle();
        marketAt(30_500);
        assertThat(kinds(tp)).containsExactly("Accepted");
        marketAt(31_100);
        assertThat(kinds(tp)).containsExactly("Accepted", "Filled");
        assertThat(last(tp, OrderEvent.Filled.class).fill().price()).isBetween(31_000.0, 31_100.0);
        assertThat(venue().position(BTC)).isZero();
    }

    // ------------------------------------------------------------------ identity and resubmission

    @Test
    void anOrderWhoseAnswerWasLostIsPlacedExactlyOnce() throws Exception {
        loseNextAnswer();
        long id = venue().submit(OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry"));
        settle();
        settle();
        assertThat(kinds(id)).containsExactly("Accepted", "Filled");
        assertThat(venue().position(BTC)).as("one order, not two").isEqualTo(0.01, within(1e-12));
    }

    @Test
    void submittingTheSameRequestAgainIsASecondOrderWithItsOwnId() throws Exception {
        OrderRequest r = OrderRequest.market(BTC, Side.BUY, 0.01, false, "entry");
        long a = submitAndSettle(r);
        long b = submitAndSettle(r);
        assertThat(a).isNotEqualTo(b);
        assertThat(kinds(a)).containsExactly("Accepted", "Filled");
        assertThat(kinds(b)).containsExactly("Accepted", "Filled");
        assertThat(venue().position(BTC)).isEqualTo(0.02, within(1e-12));
        assertThat(events.stream().filter(e -> e instanceof OrderEvent.Filled).map(OrderEvent::orderId)).containsExactly(a, b);
    }

    /** Whatever a test did, no order has an event after its one terminal event. */
    @AfterEach
    void everyOrderEndsAtMostOnce() {
        java.util.Set<Long> ended = new java.util.HashSet<>();
        for (OrderEvent e : events) {
            assertThat(ended).as("an event after the end of order " + e.orderId() + ": " + e).doesNotContain(e.orderId());
            if (e instanceof OrderEvent.Filled || e instanceof OrderEvent.Cancelled || e instanceof OrderEvent.Rejected) {
                ended.add(e.orderId());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    protected long submitAndSettle(OrderRequest r) throws Exception {
        long id = venue().submit(r);
        settle();
        return id;
    }

    /** The simple class names of the events of one order, in delivery order. */
    protected List<String> kinds(long orderId) {
        return events.stream().filter(e -> e.orderId() == orderId).map(e -> e.getClass().getSimpleName()).toList();
    }

    protected <E extends OrderEvent> E last(long orderId, Class<E> type) {
        E found = null;
        for (OrderEvent e : events) {
            if (e.orderId() == orderId && type.isInstance(e)) {
                found = type.cast(e);
            }
        }
        assertThat(found).as(type.getSimpleName() + " of order " + orderId + " in " + events).isNotNull();
        return found;
    }

    /** Exactly one event for the order, a rejection with {@code code} and a reason; nothing filled. */
    protected void assertRejected(long orderId, RejectCode code) {
        assertThat(kinds(orderId)).as("events of order " + orderId + ": " + events).containsExactly("Rejected");
        OrderEvent.Rejected r = last(orderId, OrderEvent.Rejected.class);
        assertThat(r.code()).as(r.message()).isEqualTo(code);
        assertThat(r.message()).isNotBlank();
        assertThat(venue().openOrders(r.coin())).noneMatch(o -> o.id() == orderId);
    }
}
