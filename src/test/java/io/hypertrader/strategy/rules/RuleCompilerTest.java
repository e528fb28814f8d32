package io.hypertrader.strategy.rules;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule language: what it reads, what it means on closed bars, and how it says what is wrong. */
class RuleCompilerTest {
    private static final long H = 3_600_000L;

    private static ClosedBars bars(double... closes) {
        ClosedBars b = new ClosedBars(H);
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i];
            b.add(i * H, c, c + 1, c - 1, c, 10);
        }
        return b;
    }

    @Test
    void comparesIndicatorsAtTheLastClosedBar() {
        ClosedBars b = bars(10, 11, 12, 13, 14);
        assertThat(b.condition("close > sma(close, 3)", Map.of()).holds()).isTrue(); // 14 > 13
        assertThat(b.condition("close < sma(close, 3)", Map.of()).holds()).isFalse();
        assertThat(b.condition("close - 1 >= 13 and not close > 14", Map.of()).holds()).isTrue();
        assertThat(b.condition("close between 13.5 and 14 or close < 0", Map.of()).holds()).isTrue();
        assertThat(b.condition("(high - low) / close between 10% and 20%", Map.of()).holds()).isTrue(); // 2/14
        assertThat(b.condition("-close < -13", Map.of()).holds()).isTrue();
    }

    @Test
    void crossingsCompareWithThePreviousBar() {
        ClosedBars b = bars(10, 10, 9, 12);
        assertThat(b.condition("close crosses above sma(close, 2)", Map.of()).holds()).isTrue();
        b.add(4 * H, 13, 14, 12, 13, 10);
        assertThat(b.condition("close crosses above sma(close, 2)", Map.of()).holds()).isFalse(); // still above
    }

    @Test
    void aConditionIsFalseUntilItsIndicatorsHaveEnoughBars() {
        ClosedBars b = bars(10, 11);
        ClosedBars.Condition c = b.condition("close > sma(close, 5) - 100", Map.of());
        assertThat(c.unstableBars()).as("ta4j: the SMA's first full window ends at index 4").isEqualTo(4);
        assertThat(c.holds()).isFalse();
        for (int i = 2; i < 4; i++) {
            b.add(i * H, 10, 11, 9, 10, 1);
        }
        assertThat(c.holds()).as("4 bars").isFalse();
        b.add(4 * H, 10, 11, 9, 10, 1);
        assertThat(c.holds()).as("5 bars").isTrue();
    }

    @Test
    void parametersNameNumbersAndBarCounts() {
        ClosedBars b = bars(10, 11, 12, 13, 14);
        assertThat(b.condition("close > sma(close, n) + lift", Map.of("n", 3.0, "lift", 0.5)).holds()).isTrue();
        assertThat(b.condition("close > sma(close, n) + lift", Map.of("n", 3.0, "lift", 1.5)).holds()).isFalse();
    }

    @Test
    void atrPctIsAFraction() {
        ClosedBars b = bars(100, 100, 100, 100, 100);
        // every bar's range is 2 on a close of 100: 2%
        assertThat(b.condition("atrPct(3) between 1.9% and 2.1%", Map.of()).holds()).isTrue();
        assertThat(b.condition("rsi(close, 3) < 70 and ema(close, 3) > 0 and highest(high, 3) > lowest(low, 3)",
                Map.of()).holds()).isTrue();
    }

    @Test
    void errorsNameTheExpressionAndThePosition() {
        assertThatThrownBy(() -> RuleCompiler.check("close > emaa(close, 200)", Map.of()))
                .isInstanceOf(RuleSyntaxException.class)
                .hasMessageStartingWith("'close > emaa(close, 200)' at 9: unknown function emaa (known: ");
        assertThatThrownBy(() -> RuleCompiler.check("close > ema(close, 200", Map.of()))
                .hasMessage("'close > ema(close, 200' at 23: expected ')' to close the arguments of ema(, found the end");
        assertThatThrownBy(() -> RuleCompiler.check("close > trend", Map.of()))
                .hasMessageContaining("at 9: unknown name trend (series: open, high, low, close, volume; no params: are defined)");
        assertThatThrownBy(() -> RuleCompiler.check("sma(close, 2.5) > 1", Map.of()))
                .hasMessageContaining("at 12: the bar count of sma must be a whole number");
        assertThatThrownBy(() -> RuleCompiler.check("sma(close, close) > 1", Map.of()))
                .hasMessageContaining("must be a number or a parameter, not a series");
        assertThatThrownBy(() -> RuleCompiler.check("close + 1", Map.of()))
                .hasMessageContaining("at 7: a value where a condition was expected");
        assertThatThrownBy(() -> RuleCompiler.check("close > 1 close", Map.of()))
                .hasMessageContaining("at 11: unexpected 'close'");
        assertThatThrownBy(() -> RuleCompiler.check("close == 1", Map.of()))
                .hasMessageContaining("at 7: '=': equality is not offered");
        assertThatThrownBy(() -> RuleCompiler.check("close crosses over 1", Map.of()))
                .hasMessageContaining("'crosses' must be followed by 'above' or 'below'");
        assertThatThrownBy(() -> RuleCompiler.check("close between 1 or 2", Map.of()))
                .hasMessageContaining("needs 'and' after the low end");
        assertThatThrownBy(() -> RuleCompiler.check("atr(14, 2) > 1", Map.of()))
                .hasMessageContaining("atr takes 1 argument: atr(n), given 2");
        assertThatThrownBy(() -> RuleCompiler.check("  ", Map.of())).hasMessageContaining("empty expression");
    }
}
