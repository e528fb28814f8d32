package io.hypertrader.live.deployment;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.Side;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.ForwardingVenue;
import io.hypertrader.exec.MarketDataSource;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The exchange venue as a live deployment's strategy and risk manager see it: everything is the
 * exchange's, except the money. The equity is the deployment's own, its capital (what {@code
 * promote --capital} stored) plus the P&L of its own fills ({@link DeploymentBook}) minus what it
 * set aside as savings, and never more than the trading account holds. So a deployment sizes from
 * the capital it was given, not from whatever balance the account happens to have, and a
 * deployment on an account that shrank below its capital sizes from what the account can margin.
 *
 * <p>The free collateral is that equity less the margin the account has in use (the exchange's
 * figure: the account's positions are margined from the same money).
 */
public final class CapitalVenue extends ForwardingVenue {

    private final double capital;
    private final DeploymentBook book;
    private final MarketDataSource marks;
    private double savings;

    /**
     * @param capital the deployment's capital, USDC
     * @param book    the deployment's fills so far; this venue books the fills of this run into it
     * @param marks   the prices open positions are valued at (the live mids)
     */
    public CapitalVenue(ExecutionVenue inner, double capital, DeploymentBook book, MarketDataSource marks) {
        super(inner);
        this.capital = capital;
        this.book = Objects.requireNonNull(book);
        this.marks = Objects.requireNonNull(marks);
    }

    /** The deployment's own equity: capital plus the P&L of its own fills (realized and at the marks) minus savings, USDC. */
    double deploymentEquity() {
        return capital + book.realized() + book.unrealized(c -> marks.lastPrice(Coin.of(c))) - savings;
    }

    /** Capital plus the realized P&L of the deployment's own fills (fees paid), USDC. */
    public double capitalWithRealized() {
        return capital + book.realized();
    }

    /** Notional of the deployment's own open positions at the marks, USDC. */
    public double exposure() {
        return book.exposure(c -> marks.lastPrice(Coin.of(c)));
    }

    @Override
    public double equity() {
        return Math.min(deploymentEquity(), inner.equity());
    }

    @Override
    public double freeCollateral() {
        double marginInUse = inner.equity() - inner.freeCollateral();
        return equity() - marginInUse;
    }

    @Override
    public void transferToSavings(double usd) {
        inner.transferToSavings(usd);
        if (usd > 0) {
            savings += usd;
        }
    }

    @Override
    public void setListener(Consumer<OrderEvent> listener) {
        Objects.requireNonNull(listener);
        inner.setListener(e -> {
            Fill f = switch (e) {
                case OrderEvent.Filled x -> x.fill();
                case OrderEvent.PartiallyFilled x -> x.fill();
                default -> null;
            };
            if (f != null) {
                book.add(f.coin().name(), f.side() == Side.BUY, f.size(), f.price(), f.fee());
            }
            listener.accept(e);
        });
    }

    // ------------------------------------------------------------------ the exchange's, unchanged

}
