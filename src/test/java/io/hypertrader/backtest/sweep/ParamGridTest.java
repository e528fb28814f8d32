package io.hypertrader.backtest.sweep;

import io.hypertrader.core.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamGridTest {

    @Test
    void inclusiveRangeInExactDecimals() {
        ParamAxis a = ParamAxis.parse("strategy.levels.hedge=0.20:0.30:0.02");
        assertThat(a.path()).isEqualTo("strategy.levels.hedge");
        assertThat(a.values()).containsExactly("0.2", "0.22", "0.24", "0.26", "0.28", "0.3");
        assertThat(a.numeric()).isTrue();
        assertThat(a.numbers()).containsExactly(0.2, 0.22, 0.24, 0.26, 0.28, 0.3);
        // 0.1 steps that binary floating point would stop short of
        assertThat(ParamAxis.parse("x=0.1:0.7:0.1").values()).hasSize(7).endsWith("0.7");
        // an end that is not on the step: stops at the last value below it
        assertThat(ParamAxis.parse("sizing.leverage=1:10:4").values()).containsExactly("1", "5", "9");
        assertThat(ParamAxis.parse("x=5:5:1").values()).containsExactly("5");
        assertThat(ParamAxis.parse("x=-1:1:1").values()).containsExactly("-1", "0", "1");
    }

    @Test
    void listsAndSingleValues() {
        assertThat(ParamAxis.parse("strategy.sizing.leverage=2,3,5").values()).containsExactly("2", "3", "5");
        assertThat(ParamAxis.parse("a.b= 0.250 , 1e-2 ").values()).containsExactly("0.25", "0.01");
        ParamAxis words = ParamAxis.parse("strategy.thesis=bull,bear");
        assertThat(words.numeric()).isFalse();
        assertThat(words.values()).containsExactly("bull", "bear");
        assertThat(ParamAxis.parse("sim.fees.takerBp=4.5").values()).containsExactly("4.5");
    }

    @Test
    void badInputIsAUsageErrorNamingTheFlag() {
        Map<String, String> cases = Map.of(
                "strategy.levels.hedge", "expected PATH=VALUES",
                "strategy.levels.hedge=", "no values after '='",
                "strategy.levels.hedge=0.3:0.2:0.01", "end 0.2 is below start 0.3",
                "strategy.levels.hedge=0.2:0.3:0", "step must be > 0",
                "strategy.levels.hedge=0.2:0.3", "a range is start:end:step",
                "strategy.levels.hedge=a:b:c", "must be numbers",
                "strategy.levels.hedge=0.2,,0.3", "empty value",
                "strategy.levels.hedge=0.2,0.20", "listed twice",
                "strategy levels=1", "is not a dotted config path",
                "x=0:1000000:1", "at most 10000 per parameter");
        cases.forEach((flag, why) -> assertThatThrownBy(() -> ParamAxis.parse(flag))
                .isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.USAGE))
                .hasMessageStartingWith("--param " + flag.trim() + ": ")
                .hasMessageContaining(why));
    }

    @Test
    void gridIsRowMajorFirstParamSlowest() {
        ParamGrid g = ParamGrid.parse(List.of("a=1,2", "b=10:30:10"));
        assertThat(g.size()).isEqualTo(6);
        assertThat(g.point(0)).containsExactly(Map.entry("a", "1"), Map.entry("b", "10"));
        assertThat(g.point(1)).containsExactly(Map.entry("a", "1"), Map.entry("b", "20"));
        assertThat(g.point(5)).containsExactly(Map.entry("a", "2"), Map.entry("b", "30"));
        assertThat(g.coordinates(4)).containsExactly(1, 1);
        assertThat(ParamGrid.parse(List.of()).size()).isEqualTo(1);
        assertThat(ParamGrid.parse(List.of()).point(0)).isEmpty();
    }

    @Test
    void repeatedParamAndHugeGridsAreRefused() {
        assertThatThrownBy(() -> ParamGrid.parse(List.of("a=1", "a=2")))
                .isInstanceOf(UserError.class).hasMessageContaining("--param a is given twice");
        assertThatThrownBy(() -> ParamGrid.parse(List.of("a=1:1000:1", "b=1:1000:1", "c=1:2:1")))
                .isInstanceOf(UserError.class).hasMessageContaining("more than 1000000 configurations");
    }
}
