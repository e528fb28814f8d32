package io.hypertrader.kernel;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.strategy.LegView;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import io.hypertrader.strategy.StrategyJournal;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one trading kernel: the single place where market events become strategy callbacks, for
 * backtest, paper and live alike (nautilus_trader's design: one kernel; only the source of the
 * events and the venue change).
 *
 * <p>A <b>source</b> feeds it market events in time order: price points ({@link #price}, which
 * includes the exact trigger crossings a replayed bar path produces), bar closes
 * ({@link #barClose}) and order events ({@link #orderEvent}, from the venue). The replay source
 * is the backtester's bar path over stored candles; the live source is the exchange's pushed mids
 * (REST polling as the fallback) and its closed candles. The <b>venue</b> is the simulator
 * (backtest, paper) or Hyperliquid (testnet, mainnet), behind the risk layer the source wires in
 * front of the strategies ({@link io.hypertrader.risk.RiskGuardedStrategy}).
 *
 * <p>After every callback the kernel hands control to the venue ({@link VenueSync#afterCallback}):
 * the simulator executes zero-latency orders at the decision time; the Hyperliquid venue
 * journals the strategies' states and then lets the orders they decided leave. So the order of
 * operations per event is the same everywhere: price known to the market view, strategy, venue.
 *
 * <p>Coins are addressed by index (the order given at construction) so the replay's hot path
 * creates no objects. Single-threaded, like the strategies it drives.
 */
public final class TradingKernel {

    /** What the venue does after each strategy callback on a coin. */
    @FunctionalInterface
    public interface VenueSync {
        void afterCallback(int coin);
    }

    private final Coin[] coins;
    private final List<Coin> coinList;
    private final Strategy[] owner;
    private final List<StrategySlot> slots;
    private final boolean[] everyPrice;
    private final KernelMarket market;
    private VenueSync sync = c -> { };

    /**
     * @param coins  every coin of the run, in index order
     * @param slots  the strategies (risk-guarded by the caller where limits apply) and their coins;
     *               a coin without a strategy is replayed (its prices move the venue) but drives nothing
     * @param interval the bar interval the strategies are driven with
     * @param clock  the wall clock live ({@code now()} of the market view), or null: replay time,
     *               the time of the last price point
     */
    public TradingKernel(List<Coin> coins, List<StrategySlot> slots, Interval interval, LongSupplier clock) {
        this.coinList = List.copyOf(coins);
        this.coins = coinList.toArray(new Coin[0]);
        this.slots = List.copyOf(slots);
        this.owner = new Strategy[this.coins.length];
        for (StrategySlot slot : this.slots) {
            for (Coin c : slot.coins()) {
                int i = coinList.indexOf(c);
                if (i < 0) {
                    throw new IllegalArgumentException("no market data for " + c + " traded by " + slot.strategy());
                }
                if (owner[i] != null) {
                    throw new IllegalArgumentException(c + " is traded by two strategies");
                }
                owner[i] = slot.strategy();
            }
        }
        this.everyPrice = new boolean[this.coins.length];
        for (int c = 0; c < owner.length; c++) {
            everyPrice[c] = owner[c] != null && owner[c].priceMode() == PriceMode.INTRABAR;
        }
        this.market = new KernelMarket(coinList, interval, clock);
    }

    /** Sets what the venue does after every strategy callback (default: nothing). */
    public void venueSync(VenueSync sync) {
        this.sync = java.util.Objects.requireNonNull(sync);
    }

    /** Starts every strategy on {@code venue} with this kernel's market view and {@code journal}. */
    public void start(ExecutionVenue venue, StrategyJournal journal) {
        for (StrategySlot slot : slots) {
            slot.strategy().start(StrategyContext.of(venue, market, journal, slot.coins()));
        }
    }

    /** The market view the strategies read (last prices, now). */
    public KernelMarket market() {
        return market;
    }

    /** Index of {@code coin}, or -1. */
    public int indexOf(Coin coin) {
        for (int i = 0; i < coins.length; i++) {
            if (coins[i].equals(coin)) {
                return i;
            }
        }
        return -1;
    }

    public Coin coin(int c) {
        return coins[c];
    }

    public int size() {
        return coins.length;
    }

    /** The strategy trading coin c, or null. */
    public Strategy owner(int c) {
        return owner[c];
    }

    /** Coin c's strategy as a {@link LegView}, or null. */
    public LegView legs(int c) {
        return owner[c] instanceof LegView lv ? lv : null;
    }

    /** True when coin c's strategy trades within a bar: every price point goes to it, not only the bar's close. */
    public boolean everyPrice(int c) {
        return everyPrice[c];
    }

    /** A price point of coin c at {@code timeMs}: the market view moves, the strategy hears it, the venue acts. */
    public void price(int c, long timeMs, double price) {
        market.set(c, timeMs, price);
        Strategy s = owner[c];
        if (s != null) {
            s.onPrice(coins[c], timeMs, price);
            sync.afterCallback(c);
        }
    }

    /** Coin c's bar that opened at {@code openTimeMs} has closed (its close point was delivered first). */
    public void barClose(int c, long openTimeMs, double open, double high, double low, double close, double volume) {
        Strategy s = owner[c];
        if (s != null) {
            s.onBarClose(coins[c], openTimeMs, open, high, low, close, volume);
            sync.afterCallback(c);
        }
    }

    /**
     * A closed bar seen by a live source: a strategy that trades on closes gets the close as its
     * price point first (a strategy that trades within bars has seen the live prices already).
     */
    public void closedBar(int c, long openTimeMs, long closeTimeMs, double open, double high, double low, double close,
                          double volume) {
        if (!everyPrice[c]) {
            price(c, closeTimeMs, close);
        }
        barClose(c, openTimeMs, open, high, low, close, volume);
    }

    /** An order event from the venue, routed to the strategy trading its coin. */
    public void orderEvent(OrderEvent e) {
        int c = indexOf(e.coin());
        if (c >= 0 && owner[c] != null) {
            owner[c].onOrderEvent(e);
        }
    }

    /** The run ends at {@code timeMs}: every strategy hears it once. */
    public void finish(long timeMs) {
        for (StrategySlot slot : slots) {
            slot.strategy().finish(timeMs);
        }
    }
}
