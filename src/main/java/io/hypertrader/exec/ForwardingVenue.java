package io.hypertrader.exec;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A venue in front of another that forwards every call unchanged: a decorator (the risk check,
 * a deployment's capital view) extends it and overrides only what it changes, so what it adds
 * stands out and a method added to {@link ExecutionVenue} reaches every decorator at once.
 */
public abstract class ForwardingVenue implements ExecutionVenue {
    /** The venue behind this one. */
    protected final ExecutionVenue inner;

    protected ForwardingVenue(ExecutionVenue inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public long submit(OrderRequest request) {
        return inner.submit(request);
    }

    @Override
    public void cancel(long orderId) {
        inner.cancel(orderId);
    }

    @Override
    public void setLeverage(Coin coin, int leverage) {
        inner.setLeverage(coin, leverage);
    }

    @Override
    public Instrument instrument(Coin coin) {
        return inner.instrument(coin);
    }

    @Override
    public double position(Coin coin) {
        return inner.position(coin);
    }

    @Override
    public double entryPrice(Coin coin) {
        return inner.entryPrice(coin);
    }

    @Override
    public double netPnl(Coin coin) {
        return inner.netPnl(coin);
    }

    @Override
    public double equity() {
        return inner.equity();
    }

    @Override
    public double freeCollateral() {
        return inner.freeCollateral();
    }

    @Override
    public void transferToSavings(double usd) {
        inner.transferToSavings(usd);
    }

    @Override
    public List<TrackedOrder> openOrders(Coin coin) {
        return inner.openOrders(coin);
    }

    @Override
    public void setListener(Consumer<OrderEvent> listener) {
        inner.setListener(listener);
    }

    @Override
    public double maxOpeningNotional(Coin coin) {
        return inner.maxOpeningNotional(coin);
    }
}
