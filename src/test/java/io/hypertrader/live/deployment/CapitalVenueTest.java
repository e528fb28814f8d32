package io.hypertrader.live.deployment;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.MarketDataSource;
import io.hypertrader.exec.TrackedOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The deployment's money over an account's: capital + own P&L - savings, bounded by the account; margin charged to it. */
class CapitalVenueTest {

    static final Coin BTC = Coin.of("BTC");

    /** An account with a given value and margin in use; records what passes through. */
    static final class Account implements ExecutionVenue {
        double value;
        double marginUsed;
        double savings;
        Consumer<OrderEvent> listener = e -> { };

        @Override public long submit(OrderRequest request) { return 1; }
        @Override public void cancel(long orderId) { }
        @Override public void setLeverage(Coin coin, int leverage) { }
        @Override public Instrument instrument(Coin coin) { return new Instrument(coin, 5, 40); }
        @Override public double position(Coin coin) { return 0; }
        @Override public double entryPrice(Coin coin) { return Double.NaN; }
        @Override public double netPnl(Coin coin) { return 0; }
        @Override public double equity() { return value - savings; }
        @Override public double freeCollateral() { return value - marginUsed - savings; }
        @Override public void transferToSavings(double usd) { savings += usd; }
        @Override public List<TrackedOrder> openOrders(Coin coin) { return List.of(); }
        @Override public void setListener(Consumer<OrderEvent> l) { listener = l; }
    }

    static final class Marks implements MarketDataSource {
        double btc = Double.NaN;
        @Override public long now() { return 0; }
        @Override public double lastPrice(Coin coin) { return btc; }
        @Override public Interval interval() { return Interval.M1; }
    }

    @Test
    void equityIsTheDeploymentsOwnBoundedByTheAccount() {
        Account account = new Account();
        account.value = 100_000;
        Marks marks = new Marks();
        DeploymentBook book = DeploymentBook.of(List.of(DeploymentBookTest.fill("BTC", "BUY", 100, 1, 1),
                DeploymentBookTest.fill("BTC", "SELL", 150, 1, 1))); // an earlier run made 50 - 2 fees
        CapitalVenue v = new CapitalVenue(account, 1_000, book, marks);
        assertThat(v.equity()).isCloseTo(1_048, within(1e-9));
        assertThat(v.capitalWithRealized()).isCloseTo(1_048, within(1e-9));

        // this run's fills come through the listener into the deployment's book; the position is valued at the mark
        List<OrderEvent> seen = new ArrayList<>();
        v.setListener(seen::add);
        Fill f = new Fill(7, BTC, Side.BUY, 1, 200, 2, 0.5, false, 200, 0, false);
        account.listener.accept(new OrderEvent.Filled(7, BTC, 1, f, 2, 200));
        assertThat(seen).hasSize(1);
        marks.btc = 210;
        assertThat(v.equity()).isCloseTo(1_048 - 0.5 + 2 * 10, within(1e-9));
        assertThat(v.exposure()).isCloseTo(420, within(1e-9));
        // margin the account has in use is charged to the deployment
        account.marginUsed = 140;
        assertThat(v.freeCollateral()).isCloseTo(v.equity() - 140, within(1e-9));
        // savings leave the deployment's equity (and the account's, through the venue below)
        v.transferToSavings(30);
        assertThat(account.savings).isEqualTo(30);
        assertThat(v.equity()).isCloseTo(1_048 - 0.5 + 20 - 30, within(1e-9));

        // an account holding less than the deployment's equity bounds it
        account.value = 600;
        account.savings = 0;
        assertThat(v.equity()).isEqualTo(600);
        assertThat(v.freeCollateral()).isCloseTo(600 - 140, within(1e-9));
    }
}
