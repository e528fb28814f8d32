package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' edges that the venue contract does not reach: the order of the rules, and an unknown position or price. */
class VenueRulesTest {
    static final Coin SOL = Coin.of("SOL");

    @Test
    void theFirstBrokenRuleDecides() {
        // off the size grid, reduce-only while flat and worth $0.15: the grid is named
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.001, true, ""), 2, 150, 0))
                .isEqualTo(RejectCode.SIZE_OFF_GRID);
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.01, true, ""), 2, 150, 0))
                .isEqualTo(RejectCode.REDUCE_ONLY);
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.01, false, ""), 2, 150, 0))
                .isEqualTo(RejectCode.MIN_NOTIONAL);
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.07, false, ""), 2, 150, 0)).isNull();
    }

    @Test
    void aReduceOnlyOrderClosingTheWholePositionMayBeWorthLessThanTenDollars() {
        OrderRequest close = OrderRequest.market(SOL, Side.SELL, 0.05, true, "");
        assertThat(VenueRules.refusal(close, 2, 150, 0.05)).isNull();
        assertThat(VenueRules.refusal(close, 2, 150, 0.06)).as("leaves 0.01").isEqualTo(RejectCode.MIN_NOTIONAL);
        assertThat(VenueRules.refusal(close, 2, 150, -0.05)).as("a sell grows a short").isEqualTo(RejectCode.REDUCE_ONLY);
    }

    @Test
    void anUnknownPositionLeavesReduceOnlyOrdersToTheExchangeAndAnUnknownPriceLeavesMarketOrders() {
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.01, true, ""), 2, 150, Double.NaN)).isNull();
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.SELL, 0.01, false, ""), 2, 150, Double.NaN))
                .isEqualTo(RejectCode.MIN_NOTIONAL);
        assertThat(VenueRules.refusal(OrderRequest.market(SOL, Side.BUY, 0.01, false, ""), 2, Double.NaN, 0)).isNull();
        // a limit is judged at its own price, whatever the market
        assertThat(VenueRules.refusal(OrderRequest.limit(SOL, Side.BUY, 0.06, 150, TimeInForce.GTC, ""), 2, Double.NaN, 0))
                .isEqualTo(RejectCode.MIN_NOTIONAL);
    }

    @Test
    void aPostOnlyOrderWouldTakeWhenTheMarketIsAtOrThroughItsLimit() {
        OrderRequest bid = OrderRequest.limit(SOL, Side.BUY, 1, 150, TimeInForce.ALO, "");
        assertThat(VenueRules.postOnlyWouldTake(bid, 150)).isTrue();
        assertThat(VenueRules.postOnlyWouldTake(bid, 150.01)).isFalse();
        assertThat(VenueRules.postOnlyWouldTake(OrderRequest.limit(SOL, Side.BUY, 1, 150, TimeInForce.GTC, ""), 149)).isFalse();
    }

    @Test
    void theTickIsFiveSignificantFiguresWithinTheDecimalsAllowed() {
        assertThat(VenueRules.tick(29_000, 5)).isEqualTo(1.0);
        assertThat(VenueRules.tick(150_000, 5)).isEqualTo(1.0);
        assertThat(VenueRules.tick(150.25, 2)).isEqualTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(VenueRules.tick(0.5, 0)).isEqualTo(0.00001, org.assertj.core.data.Offset.offset(1e-18));
        assertThat(VenueRules.tick(0.5, 4)).isEqualTo(0.01, org.assertj.core.data.Offset.offset(1e-15));
    }
}
