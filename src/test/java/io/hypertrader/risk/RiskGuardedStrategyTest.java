package io.hypertrader.risk;

import io.hypertrader.backtest.BacktestInput;
import io.hypertrader.backtest.BacktestResult;
import io.hypertrader.backtest.Backtester;
import io.hypertrader.backtest.Bars;
import io.hypertrader.kernel.StrategySlot;
import io.hypertrader.core.CandleSeries;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Instrument;
import io.hypertrader.core.OrderEvent;
import io.hypertrader.core.OrderRequest;
import io.hypertrader.core.RejectCode;
import io.hypertrader.core.Side;
import io.hypertrader.exec.OrderRounding;
import io.hypertrader.sim.SimConfig;
import io.hypertrader.sim.model.FundingHistory;
import io.hypertrader.strategy.PriceMode;
import io.hypertrader.strategy.Strategy;
import io.hypertrader.strategy.StrategyContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The risk manager wired between a strategy and the simulated venue, driven by the real Backtester. */
class RiskGuardedStrategyTest {

    static final Coin BTC = Coin.of("BTC");

    /** A strategy that runs a script at each bar close and records its events. */
    static final class Scripted implements Strategy {
        final BiConsumer<Integer, StrategyContext> script;
        final List<OrderEvent> events = new ArrayList<>();
        StrategyContext ctx;
        int bar;
        int leverage = 1;

        Scripted(BiConsumer<Integer, StrategyContext> script) {
            this.script = script;
        }

        @Override
        public void start(StrategyContext context) {
            ctx = context;
            context.venue().setLeverage(BTC, leverage);
        }

        @Override
        public PriceMode priceMode() {
            return PriceMode.CLOSE;
        }

        @Override
        public void onPrice(Coin coin, long timeMs, double price) {
        }

        @Override
        public void onBarClose(Coin coin, long openTimeMs, double open, double high, double low, double close, double volume) {
            script.accept(bar++, ctx);
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            events.add(event);
        }
    }

    record Run(BacktestResult result, Scripted strategy, List<RiskEvent> riskEvents) {
        List<OrderEvent.Rejected> riskRejections() {
            return strategy.events.stream().filter(e -> e instanceof OrderEvent.Rejected r && r.code() == RejectCode.RISK)
                    .map(e -> (OrderEvent.Rejected) e).toList();
        }
    }

    static Run run(CandleSeries s, RiskLimits limits, Scripted st) {
        List<RiskEvent> risk = new ArrayList<>();
        RiskGuardedStrategy guarded = new RiskGuardedStrategy(st, new RiskManager(limits, risk::add));
        BacktestInput in = new BacktestInput(List.of(s), Map.of(BTC, FundingHistory.EMPTY), List.of(Instrument.known(BTC)),
                SimConfig.IDEAL, 1, 10_000);
        return new Run(Backtester.run(in, List.of(new StrategySlot(guarded, List.of(BTC)))), st, risk);
    }

    @Test
    void oversizedOrderIsRefusedBeforeTheVenueWithTheRuleAndNumbers() {
        Scripted st = new Scripted((bar, ctx) -> {
            if (bar == 0) {
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.1, false, "too big")); // $3000 = 30% of 10k
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.05, false, "ok")); // $1500 = 15%
            }
        });
        Run r = run(new Bars("BTC").flat(3, 30_000).series(), RiskLimits.DEFAULTS, st);
        assertThat(r.riskRejections()).hasSize(1);
        assertThat(r.riskRejections().get(0).orderId()).isNegative();
        assertThat(r.riskRejections().get(0).message()).startsWith("POSITION_SIZE").contains("3000.00").contains("20.0%");
        assertThat(r.result().orders()).as("only the allowed order reached the venue").hasSize(1);
        assertThat(r.result().orders().get(0).request().tag()).isEqualTo("ok");
        assertThat(r.riskEvents()).extracting(RiskEvent::rule).containsExactly(RiskRule.POSITION_SIZE);
    }

    @Test
    void positionStopClosesThePositionAndTheStrategySeesAForcedFill() {
        Scripted st = new Scripted((bar, ctx) -> {
            if (bar == 0) {
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.05, false, "entry"));
            }
        });
        st.leverage = 3;
        // -4% at 3x = -12% of margin: beyond the 10% stop
        CandleSeries s = new Bars("BTC").flat(2, 30_000).to(29_500).to(28_800).flat(2, 28_800).series();
        Run r = run(s, RiskLimits.DEFAULTS, st);
        assertThat(r.riskEvents()).extracting(RiskEvent::rule, RiskEvent::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RiskRule.POSITION_STOP, RiskEvent.Action.CLOSE));
        OrderEvent.Filled close = (OrderEvent.Filled) st.events.stream()
                .filter(e -> e instanceof OrderEvent.Filled f && f.fill().liquidation()).findFirst().orElseThrow();
        assertThat(close.fill().side()).isEqualTo(Side.SELL);
        assertThat(close.fill().size()).isEqualTo(0.05);
        double[] pos = r.result().position()[0];
        assertThat(pos[pos.length - 1]).isZero();
        assertThat(r.result().orders()).extracting(o -> o.request().tag()).containsExactly("entry", "risk-stop");
        assertThat(r.result().orders().get(1).request().reduceOnly()).isTrue();
    }

    @Test
    void dailyLossHaltsRiskIncreasingOrdersButNotCloses() {
        Scripted st = new Scripted((bar, ctx) -> {
            if (bar == 0) {
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.06, false, "entry")); // 18% of equity
            }
            if (bar == 3) {
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.001, false, "add")); // refused: halted
                ctx.venue().submit(OrderRequest.market(BTC, Side.SELL, 0.03, false, "reduce")); // allowed
            }
        });
        // 0.06 BTC from 30000 to 20500 loses 570 = 5.7% of the day's 10000 (limit 5%); a 50% stop keeps
        // the position stop out of the way. Minute bars keep it inside one UTC day.
        RiskLimits limits = new RiskLimits(0.20, 5, 0.05, 0.5, 5, 25_000, 30, Double.POSITIVE_INFINITY);
        CandleSeries s = new Bars("BTC", io.hypertrader.core.Interval.M1).flat(1, 30_000).to(25_000).to(20_500).flat(3, 20_500).series();
        Run r = run(s, limits, st);
        assertThat(r.riskEvents()).extracting(RiskEvent::rule).containsExactly(RiskRule.DAILY_LOSS, RiskRule.DAILY_LOSS);
        assertThat(r.riskEvents().get(0).action()).isEqualTo(RiskEvent.Action.HALTED);
        assertThat(r.riskRejections()).hasSize(1);
        assertThat(r.riskRejections().get(0).message()).startsWith("DAILY_LOSS");
        assertThat(r.result().orders()).extracting(o -> o.request().tag()).containsExactly("entry", "reduce");
    }

    @Test
    void orderRateAndOrderNotionalAndOpenCoinsAreEnforced() {
        Scripted st = new Scripted((bar, ctx) -> {
            if (bar == 0) {
                for (int i = 0; i < 5; i++) {
                    ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.001, false, "n" + i));
                }
                ctx.venue().submit(OrderRequest.market(BTC, Side.BUY, 0.02, false, "big")); // $600 > $500 cap
            }
        });
        RiskLimits limits = new RiskLimits(0.20, 5, 0.05, 0.10, 5, 500, 3, Double.POSITIVE_INFINITY);
        Run r = run(new Bars("BTC").flat(2, 30_000).series(), limits, st);
        assertThat(r.riskRejections()).extracting(x -> x.message().substring(0, x.message().indexOf(':')))
                .containsExactly("ORDER_RATE", "ORDER_RATE", "ORDER_NOTIONAL");
        assertThat(r.result().orders()).hasSize(3);
    }

    @Test
    void manyRandomOrdersNeverBreakTheLimitsAtTheVenueAndEveryRefusalIsARiskEvent() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            RiskLimits limits = new RiskLimits(0.05 + rnd.nextDouble() * 0.4, 1 + rnd.nextDouble() * 4, 0.05, 0.10, 5,
                    200 + rnd.nextDouble() * 3000, 5 + rnd.nextInt(20), rnd.nextBoolean() ? 1500 : Double.POSITIVE_INFINITY);
            List<double[]> atSubmit = new ArrayList<>();
            Scripted st = new Scripted((bar, ctx) -> {
                for (int k = 0; k < 3; k++) {
                    double price = ctx.market().lastPrice(BTC);
                    double size = OrderRounding.roundSize(0.001 + rnd.nextDouble() * 0.15, 5);
                    Side side = rnd.nextDouble() < 0.6 ? Side.BUY : Side.SELL;
                    double before = ctx.venue().position(BTC);
                    long id = ctx.venue().submit(OrderRequest.market(BTC, side, size, false, "r"));
                    if (id > 0) {
                        atSubmit.add(new double[]{before, side.sign() * size, price, ctx.venue().equity()});
                    }
                }
            });
            Bars b = new Bars("BTC").flat(1, 30_000);
            for (int i = 0; i < 30; i++) {
                b.to(b.last() * (1 + (rnd.nextDouble() - 0.5) * 0.01));
            }
            Run r = run(b.series(), limits, st);
            long refused = r.riskEvents().stream().filter(e -> e.action() == RiskEvent.Action.REFUSED).count();
            assertThat(r.riskRejections()).as("seed " + seed).hasSize((int) refused);
            for (double[] o : atSubmit) {
                double after = o[0] + o[1];
                boolean reduces = o[0] != 0 && Math.abs(after) < Math.abs(o[0]) && Math.signum(after) != -Math.signum(o[0]);
                if (!reduces) {
                    assertThat(Math.abs(after) * o[2]).as("seed " + seed + " position fraction")
                            .isLessThanOrEqualTo(limits.maxPositionFraction() * o[3] + 1e-6);
                    assertThat(Math.abs(o[1]) * o[2]).as("seed " + seed + " order notional")
                            .isLessThanOrEqualTo(limits.maxOrderNotionalUsd() + 1e-6);
                    assertThat(Math.abs(after) * o[2]).as("seed " + seed + " cap")
                            .isLessThanOrEqualTo(limits.maxPositionNotionalUsd() + 1e-6);
                }
            }
        }
    }
}
