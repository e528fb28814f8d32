package io.hypertrader.live;

import io.hypertrader.core.Candle;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Fill;
import io.hypertrader.core.Interval;
import io.hypertrader.risk.RiskLimits;
import io.hypertrader.risk.RiskRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A position cap below the config's entry: the replay as a backtest has it refuses every entry;
 * with the cycle cap the runners set, the same candles trade, every cycle sized under the cap.
 */
class CycleCapReplayTest {

    static final Coin BTC = Coin.of("BTC");

    @Test
    void aCapBelowTheEntryScalesCyclesInsteadOfRefusingThem() {
        TradingPlan plan = LiveFixtures.plan(BTC, Interval.M1, "0".repeat(64));
        Map<Coin, List<Candle>> candles = Map.of(BTC, LiveFixtures.candles(7, 600, 1_800_000_000_000L, 30_000));
        RiskLimits capped = plan.risk().withMaxPositionNotionalUsd(50); // the config sizes 1,800 USDC entries

        PaperEngine.Replay refused = PaperEngine.replay(plan, candles, 42L, capped);
        assertThat(refused.result().fills()).as("the backtest's rule: every entry refused").isEmpty();
        assertThat(refused.riskEvents()).anyMatch(e -> e.rule() == RiskRule.POSITION_CAP);

        PaperEngine.Replay scaled = PaperEngine.replay(plan, candles, 42L, capped, plan.initialEquity(), CapitalSizing.cycleCap(capped));
        List<Fill> fills = scaled.result().fills();
        assertThat(fills).as("scaled to the cap, the entries trade").isNotEmpty();
        Fill first = fills.get(0);
        assertThat(first.size() * first.price()).isGreaterThan(40).isLessThanOrEqualTo(50 * 1.01);
        // with no cap binding the cycle cap changes nothing: the same fills as the backtest, bit for bit
        PaperEngine.Replay plain = PaperEngine.replay(plan, candles, 42L, plan.risk());
        PaperEngine.Replay roomy = PaperEngine.replay(plan, candles, 42L, plan.risk(), plan.initialEquity(), 1e9);
        assertThat(roomy.result().fills()).isEqualTo(plain.result().fills());
    }
}
