package io.hypertrader.bench.refrule;

import static io.hypertrader.bench.refrule.ReferenceRule.EXIT_RETRACE;
import static io.hypertrader.bench.refrule.ReferenceRule.FEE_RATE;
import static io.hypertrader.bench.refrule.ReferenceRule.FIRST_ENTRY_BAR;
import static io.hypertrader.bench.refrule.ReferenceRule.MIN_RUN;
import static io.hypertrader.bench.refrule.ReferenceRule.REENTRY_BOUNCE;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.Side;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.QuietBar;
import io.hypertrader.strategy.QuietBarAbsorber;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The reference rule as a {@link Strategy} inside our engine: {@link Backtester} with the
 * simulator's {@code ideal} profile (no latency, slippage, partial fills, rejections or funding)
 * plus a 4.5 bp taker fee, in close mode. One instance per run.
 *
 * <p>How it maps onto the engine: the rule needs each bar's high and low as well as its close, so
 * it decides in {@link #onBarClose} (which the replay calls at the bar's close point, with the
 * venue's price at the close) and sends a market order; with zero latency the venue fills it at
 * that same close before the next bar. A buy is sized all-in from the venue's equity,
 * {@code equity / (close (1 + fee))}; a sell closes the whole position. The final equity is the
 * engine's own figure ({@link BacktestResult.Summary#finalEquity()}: cash plus the position marked
 * at the last close).
 *
 * <p>The venue rounds every fill down to the coin's size step, as Hyperliquid would. The
 * benchmark uses the finest step the engine allows ({@code szDecimals} 8, 10^-8 coin), so the
 * engine keeps up to 10^-8 coin of cash per buy uninvested; the bench prints the resulting equity
 * gap beside the others.
 */
public final class EngineReferenceRule implements Strategy, QuietBarAbsorber {

    /** Size decimals of the instrument used for the reference run (the finest the engine allows). */
    public static final int SZ_DECIMALS = 8;

    /** The simulator settings of the reference run: {@code ideal} with the rule's 4.5 bp taker fee. */
    public static final SimConfig SIM = new SimConfig("ideal+4.5bp", SimConfig.IDEAL.path(), SimConfig.IDEAL.tickRounding(),
            SimConfig.IDEAL.latency(), SimConfig.IDEAL.slippage(), SimConfig.IDEAL.fills(), SimConfig.IDEAL.rejection(),
            new SimConfig.Fees(0, FEE_RATE * 10_000), SimConfig.IDEAL.funding());

    private final Coin coin;
    private StrategyContext context;
    private int bar = -1;
    private boolean inPosition;
    private boolean exitedOnce;
    private double entry;
    private double peak;
    private double peakAtExit;
    private double trough;
    private int[] fills = new int[16];
    private int nFills;
    private int awaiting = -1; // bar of the order in flight, -1 when none
    private double awaitingPrice; // the close it must fill at

    public EngineReferenceRule(Coin coin) {
        this.coin = coin;
    }

    /** Runs the rule over the candles through the engine and reads the outcome. */
    public static ReferenceRule.Result run(CandleSeries candles) {
        Coin coin = candles.coin();
        BacktestInput in = new BacktestInput(List.of(candles), Map.of(), List.of(new Instrument(coin, SZ_DECIMALS, 40)),
                SIM, 1, ReferenceRule.INITIAL_CASH);
        EngineReferenceRule rule = new EngineReferenceRule(coin);
        BacktestResult r = Backtester.run(in, List.of(new StrategySlot(rule, List.of(coin))));
        return rule.result(r);
    }

    ReferenceRule.Result result(BacktestResult r) {
        if (awaiting >= 0) {
            throw new IllegalStateException("the order of bar " + awaiting + " never filled");
        }
        return new ReferenceRule.Result(nFills / 2, r.summary().finalEquity(), inPosition, Arrays.copyOf(fills, nFills));
    }

    @Override
    public void start(StrategyContext context) {
        this.context = context;
    }

    @Override
    public PriceMode priceMode() {
        return PriceMode.CLOSE;
    }

    /** Nothing to do: the close point is followed at once by {@link #onBarClose}, which also carries the high and low. */
    @Override
    public void onPrice(Coin c, long timeMs, double price) {
    }

    /** A bar absorbs when the rule would not trade at its close; then its high or low is tracked as onBarClose would. */
    @Override
    public boolean absorbQuietBar(QuietBar b) {
        double high = b.high();
        double low = b.low();
        double close = b.close();
        if (inPosition) {
            double pk = Math.max(peak, high);
            if (exits(pk, close)) {
                return false;
            }
            peak = pk;
        } else if (exitedOnce) {
            double tr = Math.min(trough, low);
            if (reenters(tr, close)) {
                return false;
            }
            trough = tr;
        } else if (bar + 1 == FIRST_ENTRY_BAR) {
            return false;
        }
        bar++;
        return true;
    }

    @Override
    public void onBarClose(Coin c, long openTimeMs, double open, double high, double low, double close, double volume) {
        bar++;
        if (inPosition) {
            peak = Math.max(peak, high);
            if (exits(peak, close)) {
                inPosition = false;
                exitedOnce = true;
                peakAtExit = peak;
                trough = close;
                send(OrderRequest.market(coin, Side.SELL, context.venue().position(coin), true, "exit"), close);
            }
        } else {
            boolean buy;
            if (exitedOnce) {
                trough = Math.min(trough, low);
                buy = reenters(trough, close);
            } else {
                buy = bar == FIRST_ENTRY_BAR;
            }
            if (buy) {
                inPosition = true;
                entry = close;
                peak = close;
                // On the coin's grid, as every order must be: the venue rejects, never rounds.
                double size = OrderRounding.roundSize(context.venue().equity() / (close * (1 + FEE_RATE)), SZ_DECIMALS);
                send(OrderRequest.market(coin, Side.BUY, size, false, "entry"), close);
            }
        }
    }

    /** The exit signal with H = {@code peak}: a 2% run from the entry, then a 23.6% retrace of it at the close. */
    private boolean exits(double peak, double close) {
        double run = peak - entry;
        return run >= MIN_RUN * entry && close <= peak - EXIT_RETRACE * run;
    }

    /** The re-entry signal with L = {@code trough}: the close back 38.2% of the way from L to the last exit's H. */
    private boolean reenters(double trough, double close) {
        return close >= trough + REENTRY_BOUNCE * (peakAtExit - trough);
    }

    private void send(OrderRequest request, double close) {
        if (awaiting >= 0) {
            throw new IllegalStateException("bar " + bar + ": a new order while the one of bar " + awaiting + " is open");
        }
        awaiting = bar;
        awaitingPrice = close;
        context.venue().submit(request);
    }

    /** Records the fill's bar; under the ideal profile anything but a complete fill is a bench failure. */
    @Override
    public void onOrderEvent(OrderEvent event) {
        switch (event) {
            case OrderEvent.Filled f -> {
                if (awaiting < 0 || f.fill().price() != awaitingPrice) {
                    throw new IllegalStateException("fill at " + f.fill().price() + " does not match the order of bar "
                            + awaiting + " at its close " + awaitingPrice);
                }
                if (nFills == fills.length) {
                    fills = Arrays.copyOf(fills, nFills * 2);
                }
                fills[nFills++] = awaiting;
                awaiting = -1;
            }
            case OrderEvent.Cancelled x -> throw new IllegalStateException("reference order cancelled: " + x.reason());
            case OrderEvent.Rejected x -> throw new IllegalStateException("reference order rejected: " + x.message());
            default -> {
                // Accepted, PartiallyFilled: the Filled event follows
            }
        }
    }
}
