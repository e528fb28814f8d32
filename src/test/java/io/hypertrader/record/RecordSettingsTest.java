package io.hypertrader.record;

import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recorder's settings from flags, the YAML file, or both; every bad value named. */
class RecordSettingsTest {
    @TempDir
    Path dir;

    static RecordSettings.Given flags(List<String> coins, List<String> intervals) {
        return new RecordSettings.Given(coins, intervals, null, null, null, null, null, null, null);
    }

    @Test
    void flagsAloneTakeTheDefaults() {
        RecordSettings s = RecordSettings.resolve(null, flags(List.of("BTC", "kPEPE", "@107"), List.of("1m", "1h")));
        assertThat(s.coins()).extracting(Coin::name).containsExactly("BTC", "kPEPE", "@107");
        assertThat(s.perps()).extracting(Coin::name).containsExactly("BTC", "kPEPE");
        assertThat(s.intervals()).containsExactly(Interval.M1, Interval.H1);
        assertThat(s.funding()).isTrue();
        assertThat(s.contextsEveryMs()).isEqualTo(60_000);
        assertThat(s.closeGraceMs()).isEqualTo(10_000);
        assertThat(s.confirmAfterMs()).isEqualTo(300_000);
        assertThat(s.backfillBars()).isEqualTo(5000);
        assertThat(s.heartbeatMs()).isEqualTo(60_000);
        assertThat(s.name()).isEqualTo("default");
        assertThat(s.describe()).isEqualTo("BTC,kPEPE,@107 1m,1h; funding; contexts every 1m");
    }

    @Test
    void theShippedFileParsesAndFlagsReplaceItsValues() {
        Path shipped = Path.of("config/record.yaml");
        RecordSettings file = RecordSettings.resolve(shipped, RecordSettings.Given.NONE);
        assertThat(file.coins()).extracting(Coin::name).containsExactly("BTC", "ETH");
        assertThat(file.intervals()).containsExactly(Interval.M1, Interval.H1);
        RecordSettings both = RecordSettings.resolve(shipped, new RecordSettings.Given(List.of("SOL"), List.of(), false, "off", "30s",
                "0s", 100, "5m", "sol"));
        assertThat(both.coins()).extracting(Coin::name).containsExactly("SOL");
        assertThat(both.intervals()).as("not given: the file's").containsExactly(Interval.M1, Interval.H1);
        assertThat(both.funding()).isFalse();
        assertThat(both.contextsEveryMs()).isZero();
        assertThat(both.closeGraceMs()).isEqualTo(30_000);
        assertThat(both.confirmAfterMs()).isZero();
        assertThat(both.backfillBars()).isEqualTo(100);
        assertThat(both.heartbeatMs()).isEqualTo(300_000);
        assertThat(both.name()).isEqualTo("sol");
        assertThat(both.describe()).isEqualTo("SOL 1m,1h");
    }

    @Test
    void badValuesAreRefusedNamingFieldValueAndRule() throws Exception {
        assertThatThrownBy(() -> RecordSettings.resolve(null, flags(List.of(), List.of("1m"))))
                .isInstanceOf(UserError.class).hasMessageContaining("no coin given");
        assertThatThrownBy(() -> RecordSettings.resolve(null, flags(List.of("BTC"), List.of())))
                .hasMessageContaining("no interval given");
        assertThatThrownBy(() -> RecordSettings.resolve(null, flags(List.of("BTC"), List.of("7m"))))
                .hasMessageContaining("interval '7m'");
        assertThatThrownBy(() -> RecordSettings.resolve(null, flags(List.of("BTC", "BTC"), List.of("1m"))))
                .hasMessageContaining("coin BTC is given twice");
        assertThatThrownBy(() -> RecordSettings.resolve(null, new RecordSettings.Given(List.of("BTC"), List.of("1m"), null, "500ms",
                null, null, null, null, null))).hasMessageContaining("contexts 500ms must be between 1s and 1h");
        assertThatThrownBy(() -> RecordSettings.resolve(null, new RecordSettings.Given(List.of("BTC"), List.of("1m"), null, null,
                "ten seconds", null, null, null, null))).hasMessageContaining("close-grace 'ten seconds' is not a duration");
        assertThatThrownBy(() -> RecordSettings.resolve(null, new RecordSettings.Given(List.of("BTC"), List.of("1m"), null, null,
                null, null, 6000, null, null))).hasMessageContaining("backfill-bars 6000").hasMessageContaining("most recent 5000");
        assertThatThrownBy(() -> RecordSettings.resolve(null, new RecordSettings.Given(List.of("BTC"), List.of("1m"), null, null,
                null, null, null, null, "a b"))).hasMessageContaining("name 'a b'");

        Path f = dir.resolve("r.yaml");
        Files.writeString(f, "coins: [BTC]\nintervalz: [1m]\n");
        assertThatThrownBy(() -> RecordSettings.resolve(f, RecordSettings.Given.NONE))
                .hasMessageContaining(f + ": unknown field 'intervalz'").hasMessageContaining("known: coins, intervals");
        Files.writeString(f, "coins: BTC\nintervals: [1m]\nbackfill-bars: lots\n");
        assertThatThrownBy(() -> RecordSettings.resolve(f, RecordSettings.Given.NONE))
                .hasMessage(f + ": field 'backfill-bars': 'lots' is not a whole number");
        Files.writeString(f, "coins: BTC\nintervals: {a: 1}\n");
        assertThatThrownBy(() -> RecordSettings.resolve(f, RecordSettings.Given.NONE))
                .hasMessage(f + ": field 'intervals[0]': expected a single value such as 1m");
        Files.writeString(f, "coins: BTC\nintervals: 1m\nfunding: no\n");
        RecordSettings single = RecordSettings.resolve(f, RecordSettings.Given.NONE);
        assertThat(single.coins()).extracting(Coin::name).as("a single coin without brackets").containsExactly("BTC");
        assertThat(single.funding()).isFalse();
        Files.writeString(f, "coins: [BTC]\nintervals: [1m, 1h]\ncontexts: off\n");
        assertThat(RecordSettings.resolve(f, RecordSettings.Given.NONE).contextsEveryMs()).isZero();
        assertThatThrownBy(() -> RecordSettings.resolve(dir.resolve("missing.yaml"), RecordSettings.Given.NONE))
                .hasMessageContaining("missing.yaml does not exist");
    }
}
