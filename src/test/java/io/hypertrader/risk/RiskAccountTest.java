package io.hypertrader.risk;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.backtest.Bars;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.core.TimeInForce;
import io.hypertrader.exec.ExecutionVenue;
import io.hypertrader.exec.MarketDataSource;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One account view per risk manager: two strategies, one per coin, each behind its own checked
 * venue, see each other's positions and working orders (the real Backtester on one simulated
 * account, ideal profile: a market order fills when it is decided, a limit below the market rests).
 */
class RiskAccountTest {

    static final Coin BTC = Coin.of("BTC");
    static final Coin ETH = Coin.of("ETH");

    /** One coin's strategy that runs a script at each of its bar closes and records its events. */
    static final class Scripted implements Strategy {
        final Coin coin;
        final BiConsumer<Integer, StrategyContext> script;
        final List<OrderEvent> events = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();
        StrategyContext ctx;
        int bar;

        Scripted(Coin coin, BiConsumer<Integer, StrategyContext> script) {
            this.coin = coin;
            this.script = script;
        }

        @Override
        public void start(StrategyContext context) {
            ctx = context;
        }

        @Override
        public PriceMode priceMode() {
            return PriceMode.CLOSE;
        }

        @Override
        public void onPrice(Coin c, long timeMs, double price) {
        }

        @Override
        public void onBarClose(Coin c, long openTimeMs, double open, double high, double low, double close, double volume) {
            script.accept(bar++, ctx);
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }

        List<String> riskRejections() {
            return events.stream().filter(e -> e instanceof OrderEvent.Rejected r && r.code() == RejectCode.RISK)
                    .map(e -> ((OrderEvent.Rejected) e).message()).toList();
        }
    }

    /** BTC rests a limit entry at bar 0 and cancels it at bar 2; ETH buys $1000 at bars 1 and 3. */
    static BacktestResult run(RiskLimits limits, List<RiskEvent> events, Scripted btc, Scripted eth) {
        RiskManager manager = new RiskManager(limits, events::add);
        BacktestInput in = new BacktestInput(
                List.of(new Bars("BTC").flat(5, 30_000).series(), new Bars("ETH").flat(5, 2_000).series()),
                Map.of(BTC, FundingHistory.EMPTY, ETH, FundingHistory.EMPTY), List.of(Instrument.known(BTC), Instrument.known(ETH)),
                SimConfig.IDEAL, 1, 10_000);
        return Backtester.run(in, List.of(new StrategySlot(new RiskGuardedStrategy(btc, manager), List.of(BTC)),
                new StrategySlot(new RiskGuardedStrategy(eth, manager), List.of(ETH))));
    }

    static Scripted btcRestingEntry() {
        Scripted[] self = new Scripted[1];
        self[0] = new Scripted(BTC, (bar, ctx) -> {
            if (bar == 0) {
                self[0].ids.add(ctx.venue().submit(OrderRequest.limit(BTC, Side.BUY, 0.05, 25_000, TimeInForce.GTC, "entry")));
            } else if (bar == 2) {
                ctx.venue().cancel(self[0].ids.get(0));
            }
        });
        return self[0];
    }

    static Scripted ethBuys() {
        return new Scripted(ETH, (bar, ctx) -> {
            if (bar == 1 || bar == 3) {
                ctx.venue().submit(OrderRequest.market(ETH, Side.BUY, 0.5, false, "entry " + bar));
            }
        });
    }

    @Test
    void anotherCoinsRestingEntryCountsAsAnOpenCoinUntilItIsCancelled() {
        List<RiskEvent> events = new ArrayList<>();
        RiskLimits oneCoin = new RiskLimits(0.20, 5.0, 0.05, 0.10, 1, 25_000, 30, Double.POSITIVE_INFINITY);
        Scripted btc = btcRestingEntry();
        Scripted eth = ethBuys();
        BacktestResult r = run(oneCoin, events, btc, eth);

        assertThat(eth.riskRejections()).containsExactly(
                "OPEN_COINS: opening ETH would make 2 coins with positions or working orders (limit 1)");
        assertThat(events).extracting(RiskEvent::coin, RiskEvent::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ETH", RiskRule.OPEN_COINS));
        // the bar-1 entry never reached the venue; the bar-3 one, after BTC's entry was cancelled, filled
        assertThat(r.orders()).extracting(o -> o.request().tag()).containsExactly("entry", "entry 3");
        assertThat(r.fills()).extracting(f -> f.coin().name()).containsExactly("ETH");
    }

    @Test
    void totalLeverageValuesAnotherCoinsWorkingEntryAtItsMark() {
        List<RiskEvent> events = new ArrayList<>();
        // ETH's $1000 alone is 0.10x; with BTC's working 0.05 at the 30,000 mark it would be 0.25x
        RiskLimits lowLeverage = new RiskLimits(0.20, 0.2, 0.05, 0.10, 5, 25_000, 30, Double.POSITIVE_INFINITY);
        Scripted eth = ethBuys();
        run(lowLeverage, events, btcRestingEntry(), eth);

        assertThat(eth.riskRejections()).singleElement().asString()
                .startsWith("LEVERAGE: total notional would be 2500.00 USDC, 0.25x account value 10000.00 (limit 0.20x)");
        assertThat(events).extracting(RiskEvent::rule).containsExactly(RiskRule.LEVERAGE);
    }

    @Test
    void oneManagerGuardsOneAccount() {
        RiskManager manager = new RiskManager(RiskLimits.DEFAULTS, e -> { });
        MarketDataSource market = proxy(MarketDataSource.class);
        new RiskCheckedVenue(proxy(ExecutionVenue.class), manager, market, List.of(BTC));
        ExecutionVenue another = proxy(ExecutionVenue.class);
        assertThatThrownBy(() -> new RiskCheckedVenue(another, manager, market, List.of(ETH)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one risk manager guards one account");
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, a) -> switch (m.getName()) {
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == a[0];
            case "toString" -> type.getSimpleName() + "@" + System.identityHashCode(p);
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }
}
