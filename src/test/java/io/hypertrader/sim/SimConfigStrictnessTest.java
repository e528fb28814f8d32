package io.hypertrader.sim;

import io.hypertrader.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Realistic or stricter" (the promotion gate's evidence rule), parameter by parameter. */
class SimConfigStrictnessTest {

    static final SimConfig R = SimConfig.REALISTIC;

    static SimConfig realisticWith(String key, String value) {
        return ConfigLoader.simProfile("realistic", Map.of(key, value));
    }

    @Test
    void realisticIsAsStrictAsItselfWhateverThePathMode() {
        assertThat(R.laxerThan(R)).isEmpty();
        for (PathMode m : PathMode.values()) {
            assertThat(R.withPath(m).atLeastAsStrictAs(R)).as(m.label()).isTrue();
        }
    }

    @Test
    void idealAndSeedAreLaxerAndSaySoFieldByField() {
        assertThat(SimConfig.IDEAL.laxerThan(R)).containsExactly(
                "tickRounding off (reference: on)",
                "latency.model none < drift",
                "latency.minMs 0 < 50",
                "latency.maxMs 0 < 200",
                "slippage.model none is not sqrt-impact",
                "fills.model immediate is not volume-capped",
                "rejection.exchangeRules off (reference: on)",
                "fees.makerBp 0 < 1.5",
                "fees.takerBp 0 < 4.5",
                "funding.model none (reference charges funding: historical)");
        assertThat(SimConfig.SEED.laxerThan(R)).contains("latency.model uniform < drift", "slippage.model uniform is not sqrt-impact",
                "fills.model random-partial is not volume-capped", "fees.takerBp 2.5 < 4.5",
                "funding.model none (reference charges funding: historical)");
    }

    @Test
    void eachCostAboveRealisticIsStricterAndEachBelowIsNot() {
        // stricter: more latency, spread, impact, fees, random refusals; a lower participation cap; a per-order notional cap
        for (String[] kv : new String[][]{{"latency.maxMs", "400"}, {"latency.minMs", "100"}, {"slippage.halfSpreadBp", "2"},
                {"slippage.k", "1.5"}, {"fees.takerBp", "6"}, {"fees.makerBp", "2"}, {"fills.maxParticipation", "0.05"},
                {"rejection.randomRate", "0.01"}, {"rejection.maxNotionalUsd", "50000"}, {"funding.fallbackHourlyRate", "-0.0001"}}) {
            assertThat(realisticWith(kv[0], kv[1]).laxerThan(R)).as(kv[0] + "=" + kv[1]).isEmpty();
        }
        // laxer: each one named with its value and the reference's
        assertThat(realisticWith("fees.takerBp", "0").laxerThan(R)).containsExactly("fees.takerBp 0 < 4.5");
        assertThat(realisticWith("fees.makerBp", "-1").laxerThan(R)).containsExactly("fees.makerBp -1 < 1.5");
        assertThat(realisticWith("latency.maxMs", "100").laxerThan(R)).containsExactly("latency.maxMs 100 < 200");
        assertThat(realisticWith("latency.model", "uniform").laxerThan(R)).containsExactly("latency.model uniform < drift");
        assertThat(realisticWith("slippage.halfSpreadBp", "0.5").laxerThan(R)).containsExactly("slippage.halfSpreadBp 0.5 < 1");
        assertThat(realisticWith("slippage.k", "0").laxerThan(R)).containsExactly("slippage.k 0 < 1");
        assertThat(realisticWith("slippage.windowHours", "1").laxerThan(R)).containsExactly("slippage.windowHours 1 != 24");
        assertThat(realisticWith("slippage.marketMaxPct", "0.5").laxerThan(R)).containsExactly("slippage.marketMaxPct 0.5 != 0.05");
        assertThat(realisticWith("fills.maxParticipation", "1").laxerThan(R)).containsExactly("fills.maxParticipation 1 > 0.1");
        assertThat(realisticWith("fills.model", "immediate").laxerThan(R)).containsExactly("fills.model immediate is not volume-capped");
        assertThat(realisticWith("rejection.exchangeRules", "false").laxerThan(R))
                .containsExactly("rejection.exchangeRules off (reference: on)");
        assertThat(realisticWith("funding.model", "none").laxerThan(R))
                .containsExactly("funding.model none (reference charges funding: historical)");
        assertThat(realisticWith("tickRounding", "false").laxerThan(R)).containsExactly("tickRounding off (reference: on)");
    }

    @Test
    void theNameDoesNotMakeARunRealisticTheParametersDo() {
        SimConfig freeFees = realisticWith("fees.takerBp", "0");
        assertThat(freeFees.profile()).isEqualTo("realistic");
        String stored = ConfigLoader.simJson(freeFees);
        assertThat(ConfigLoader.parseSim(stored, "stored run", Map.of()).atLeastAsStrictAs(R)).isFalse();
        assertThat(ConfigLoader.parseSim(ConfigLoader.simJson(R), "stored run", Map.of()).atLeastAsStrictAs(R)).isTrue();
    }
}
