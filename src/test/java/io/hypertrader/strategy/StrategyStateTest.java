package io.hypertrader.strategy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The text form of {@link StrategyState}: parse(format(x)) == x for every value, doubles bit for
 * bit (NaN payloads and signs, -0.0, subnormals, infinities, the extremes), and malformed text is
 * refused with a message naming the token and the rule.
 */
class StrategyStateTest {

    /** Doubles that break naive text forms, then random bit patterns (every class of double, NaNs included). */
    private static double[] awkwardDoubles(SplittableRandom rnd, int randomOnes) {
        List<Double> out = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 0.1 + 0.2, 1e23, 9007199254740993.0,
                2.2250738585072012e-308, 4.9e-324, 1.0 / 3, 65012.5, 0.73063, -0.1831));
        // NaNs other than Java's canonical one: sign bit set (what x86 arithmetic produces), payloads, signalling
        out.add(Double.longBitsToDouble(0xfff8000000000000L));
        out.add(Double.longBitsToDouble(0x7ff0000000000001L));
        out.add(Double.longBitsToDouble(0x7fffffffffffffffL));
        out.add(Double.longBitsToDouble(0xfff4000000000abcL));
        double[] a = new double[out.size() + randomOnes];
        for (int i = 0; i < out.size(); i++) {
            a[i] = out.get(i);
        }
        for (int i = out.size(); i < a.length; i++) {
            a[i] = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong()); // any bits: huge, tiny, subnormal, the odd NaN
                case 1 -> rnd.nextDouble(-1e6, 1e6);                 // prices
                case 2 -> Double.longBitsToDouble(rnd.nextLong() & 0x800fffffffffffffL); // subnormals of either sign
                default -> Double.longBitsToDouble(rnd.nextLong() | 0x7ff0000000000001L); // NaNs: any sign and payload
            };
        }
        return a;
    }

    @Test
    void everyDoubleComesBackBitForBit() {
        SplittableRandom rnd = new SplittableRandom(20260101);
        double[] values = awkwardDoubles(rnd, 200_000);
        int nans = 0;
        List<String> wrong = new ArrayList<>();
        for (double v : values) {
            String text = StrategyState.formatDouble(v);
            double back = StrategyState.parseDouble(text);
            if (Double.doubleToRawLongBits(back) != Double.doubleToRawLongBits(v) || text.isEmpty()
                    || text.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '=')) {
                wrong.add(String.format("%016x -> %s -> %016x", Double.doubleToRawLongBits(v), text,
                        Double.doubleToRawLongBits(back)));
            }
            nans += Double.isNaN(v) ? 1 : 0;
        }
        assertThat(wrong).isEmpty();
        assertThat(nans).as("NaN bit patterns tried").isGreaterThan(40_000);
        assertThat(StrategyState.formatDouble(Double.NaN)).isEqualTo("NaN");
        assertThat(StrategyState.formatDouble(-0.0)).isEqualTo("-0.0");
        assertThat(StrategyState.formatDouble(Double.longBitsToDouble(0xfff8000000000000L))).isEqualTo("NaN:0xfff8000000000000");
        assertThat(StrategyState.formatDouble(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void wholeStatesRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(7);
        String[] names = {"FLAT", "FULL", "HEDGED", "SCALED", "DEEP", "RECOVERING"};
        for (int trial = 0; trial < 2_000; trial++) {
            double[] ds = awkwardDoubles(rnd, 8);
            StrategyState.Builder b = StrategyState.builder(names[rnd.nextInt(names.length)], "fib-hedge", 1 + rnd.nextInt(3))
                    .put("coin", rnd.nextBoolean() ? "BTC" : "xyz:XYZ100");
            for (int k = 0; k < 12; k++) {
                b.put("d" + k, ds[rnd.nextInt(ds.length)]);
            }
            b.put("order", rnd.nextLong()).put("count", (long) rnd.nextInt()).put("armed", rnd.nextBoolean());
            StrategyState s = b.build();
            String text = s.format();
            StrategyState back = StrategyState.parse(text);
            assertThat(back).isEqualTo(s).hasSameHashCodeAs(s);
            assertThat(back.format()).isEqualTo(text);
            assertThat(text).startsWith(s.name() + " strategy=fib-hedge version=" + s.version() + " coin=");
            for (int k = 0; k < 12; k++) {
                assertThat(Double.doubleToRawLongBits(back.getDouble("d" + k)))
                        .isEqualTo(Double.doubleToRawLongBits(s.getDouble("d" + k)));
            }
            assertThat(back.getLong("order")).isEqualTo(s.getLong("order"));
            assertThat(back.getBoolean("armed")).isEqualTo(s.getBoolean("armed"));
        }
    }

    @Test
    void statesDifferingInOneBitAreNotEqual() {
        StrategyState a = StrategyState.builder("HEDGED", "fib-hedge", 1).put("e", 0.0).build();
        StrategyState b = StrategyState.builder("HEDGED", "fib-hedge", 1).put("e", -0.0).build();
        StrategyState c = StrategyState.builder("HEDGED", "fib-hedge", 1).put("e", Double.NaN).build();
        StrategyState d = StrategyState.builder("HEDGED", "fib-hedge", 1).put("e", Double.longBitsToDouble(0xfff8000000000000L)).build();
        assertThat(a).isNotEqualTo(b);
        assertThat(c).isNotEqualTo(d);
        assertThat(c).isEqualTo(StrategyState.parse(c.format()));
    }

    @Test
    void aJournalThatReWrapsTheLineStillReadsIt() {
        StrategyState s = StrategyState.builder("DEEP", "fib-hedge", 1).put("q", 0.73).put("lo", 61234.5).build();
        assertThat(StrategyState.parse("  DEEP\tstrategy=fib-hedge   version=1\n q=0.73  lo=61234.5 \n")).isEqualTo(s);
    }

    @Test
    void malformedTextIsRefusedWithTheReason() {
        assertThatThrownBy(() -> StrategyState.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED q=1")).hasMessageContaining("starts 'STATE strategy=KIND version=N'");
        assertThatThrownBy(() -> StrategyState.parse("hedged strategy=fib-hedge version=1"))
                .isInstanceOf(StrategyStateException.class).hasMessageContaining("state name 'hedged'");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED strategy=fib-hedge version=one"))
                .hasMessageContaining("state version 'one' is not a whole number");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED strategy=fib-hedge version=1 q"))
                .hasMessageContaining("state token 'q' is not key=value");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED strategy=fib-hedge version=1 q=1 q=2"))
                .hasMessageContaining("'q' appears twice");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED strategy=fib-hedge version=1 q="))
                .hasMessageContaining("state field 'q' needs a value");
        assertThatThrownBy(() -> StrategyState.parse("HEDGED strategy=Fib version=1")).hasMessageContaining("strategy kind 'Fib'");
        StrategyState s = StrategyState.parse("HEDGED strategy=fib-hedge version=1 q=0x1p3 e=1d n=12.5 b=yes k=NaN:0x0000000000000001");
        assertThatThrownBy(() -> s.getDouble("q")).hasMessage("state field 'q' is '0x1p3': not a number");
        assertThatThrownBy(() -> s.getDouble("e")).hasMessage("state field 'e' is '1d': not a number");
        assertThatThrownBy(() -> s.getLong("n")).hasMessage("state field 'n' is '12.5': not a whole number");
        assertThatThrownBy(() -> s.getBoolean("b")).hasMessage("state field 'b' is 'yes': not true or false");
        assertThatThrownBy(() -> s.getDouble("k")).hasMessageContaining("not a number"); // bits of 4.9E-324, not a NaN
        assertThatThrownBy(() -> s.getDouble("zz")).hasMessage("fib-hedge state (version 1) has no field 'zz'");
        assertThatThrownBy(() -> StrategyState.builder("X", "k", 1).put("a b", 1.0)).hasMessageContaining("state key 'a b'");
        assertThatThrownBy(() -> StrategyState.builder("X", "k", 1).put("version", 1.0)).hasMessageContaining("not be 'strategy' or 'version'");
        assertThatThrownBy(() -> StrategyState.builder("X", "k", 1).put("a", "two words"))
                .hasMessageContaining("without whitespace");
    }
}
