package io.hypertrader.config;

import io.hypertrader.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the rebuilt loader refuses that the hand-written one let through or refused badly (issue 14):
 * extra documents, NaN and infinity, oversized files, a missing strategy section, loose types; and
 * the refusals it keeps (duplicate keys, aliases), each naming the field path, the value and the rule.
 */
class ConfigRefusalTest {
    /** A strategy section and the shipped config's backstop limits: a config that loads. */
    private static final String OK = "strategy: {coin: BTC}\nrisk: {maxPositionFraction: 3.0, maxLeverage: 5,"
            + " dailyLossFraction: 0.30, positionStopFraction: 0.75, maxOrderNotionalUsd: 1000000}\n";

    @TempDir
    Path dir;

    private static StrategyConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of());
    }

    private static void refused(String yaml, String... parts) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(UserError.class)
                .satisfies(e -> assertThat(((UserError) e).kind()).isEqualTo(UserError.Kind.USAGE))
                .message().contains(parts).doesNotContain("not valid YAML");
    }

    @Test
    void aSecondDocumentIsRefusedNamingTheLineOfItsSeparator() {
        refused(OK + "---\nname: other\n", "test.yaml:3: a second YAML document starts here ('---')", "one document");
        refused(OK + "...\n---\nstrategy: {coin: ETH}\n", "test.yaml:4: a second YAML document");
        refused(OK + "--- 5\n", "test.yaml:3: a second YAML document");
        // a leading separator, an end marker and an empty trailing document hold nothing that would be ignored
        assertThat(parse("---\n" + OK + "...\n").strategy().coin().name()).isEqualTo("BTC");
        assertThat(parse(OK + "---\n# nothing more\n").strategy().coin().name()).isEqualTo("BTC");
    }

    @Test
    void duplicateKeysAreRefusedNamingThePathAndBothLines() {
        refused(OK + "strategy: {coin: ETH}\n", "test.yaml:3: strategy: duplicate key (first given on line 1)");
        refused("strategy:\n  levels:\n    hedge: 0.2\n    hedge: 0.3\n" + OK.substring(OK.indexOf("risk")),
                "test.yaml:4: strategy.levels.hedge: duplicate key (first given on line 3)");
    }

    @Test
    void notANumberAndInfinityNameTheFieldTheValueAndTheRule() {
        for (String v : new String[]{".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e400", "-1e999"}) {
            refused(OK.replace("coin: BTC", "coin: BTC, levels: {hedge: " + v + "}"),
                    "test.yaml:1: strategy.levels.hedge = " + v + ": must be a finite number");
        }
        for (String v : new String[]{"NaN", "Infinity", "-Infinity", "inf"}) {
            refused(OK.replace("coin: BTC", "coin: BTC, levels: {hedge: " + v + "}"),
                    "test.yaml: strategy.levels.hedge = '" + v + "': must be a finite number");
        }
        // an optional number's "none" is null, never NaN: .nan is refused, not read as "no fixed quantity"
        refused(OK.replace("coin: BTC", "coin: BTC, sizing: {fixedQty: .nan}"), "strategy.sizing.fixedQty = .nan");
        refused(OK.replace("maxOrderNotionalUsd", "maxPositionNotionalUsd: .inf, maxOrderNotionalUsd"),
                "risk.maxPositionNotionalUsd = .inf: must be a finite number");
        // JSON (what runs store) spells them as bare words, which YAML reads as text
        refused("{\"strategy\": {\"levels\": {\"hedge\": NaN}}}", "strategy.levels.hedge = 'NaN': must be a finite number");
        // on the command line too
        assertThatThrownBy(() -> ConfigLoader.parse(OK, "test.yaml", Map.of("strategy.arm.minGainAtr", ".inf")))
                .isInstanceOf(UserError.class)
                .hasMessage("override 'strategy.arm.minGainAtr': strategy.arm.minGainAtr = .inf: must be a finite number"
                        + " (NaN and infinity are not values a config takes; leave an optional number out or write null for none)");
    }

    @Test
    void aConfigWithoutAStrategySectionIsRefused() {
        for (String yaml : new String[]{"", "# only a comment\n", "name: x\naccount: {initialEquity: 5000}\n",
                OK.substring(OK.indexOf("risk"))}) {
            refused(yaml, "test.yaml: strategy = (missing): a config needs a strategy: section",
                    "every strategy setting would silently be a default");
        }
        refused("strategy:\n" + OK.substring(OK.indexOf("risk")), "strategy = (empty)");
        // an override does not stand in for the section: the file itself must say what it trades
        assertThatThrownBy(() -> ConfigLoader.parse(OK.substring(OK.indexOf("risk")), "t.yaml", Map.of("strategy.coin", "ETH")))
                .isInstanceOf(UserError.class).hasMessageContaining("t.yaml: strategy = (missing)");
        // an explicit empty section takes every default on purpose
        assertThat(parse("strategy: {}\n" + OK.substring(OK.indexOf("risk"))).strategy().coin().name()).isEqualTo("BTC");
        // an unknown top-level key is named first: it is more likely a typo of the section
        refused("strategee: {}", "test.yaml: strategee: unknown key (expected one of name, portfolio, strategy, account,"
                + " instruments, risk, promotion)");
    }

    @Test
    void valuesMustHaveTheirFieldsType() {
        refused(OK.replace("coin: BTC", "coin: BTC, levels: {hedge: '0.3'}"), "strategy.levels.hedge = '0.3': must be a number");
        refused(OK.replace("coin: BTC", "coin: BTC, levels: {hedge: true}"), "strategy.levels.hedge = true: must be a number");
        refused(OK.replace("coin: BTC", "coin: BTC, sizing: {leverage: 2.5}"), "strategy.sizing.leverage = 2.5: must be a whole number");
        refused(OK.replace("coin: BTC", "coin: BTC, sizing: {leverage: '2'}"), "strategy.sizing.leverage = '2': must be a whole number");
        refused(OK.replace("coin: BTC", "coin: BTC, arm: {atrBars: 30000000000}"), "strategy.arm.atrBars = 30000000000: out of range");
        refused(OK.replace("coin: BTC", "coin: BTC, hedgeExit: {peakReclaim: 1}"), "strategy.hedgeExit.peakReclaim = 1: must be true or false");
        refused(OK.replace("coin: BTC", "coin: [BTC]"), "strategy.coin = [\"BTC\"]: must be a single value");
        refused(OK.replace("coin: BTC", "coin: BTC, levels: {chart: [0.5, x]}"), "strategy.levels.chart[1] = 'x': must be a number");
        refused(OK.replace("coin: BTC", "coin: BTC, levels: {chart: 0.5}"), "strategy.levels.chart = 0.5: must be a list");
        refused(OK.replace("coin: BTC", "coin: BTC, levels: 0.5"), "strategy.levels = 0.5: must be a section (a mapping of keys)");
        refused(OK.replace("coin: BTC", "coin: BTC, exposure: {full: {long: 1.5}}"), "strategy.exposure.full.long = 1.5: out of range:"
                + " must be in [0, 1]");
        refused(OK.replace("coin: BTC", "coin: 'B TC'"), "strategy.coin = B TC: invalid coin name");
        // whole numbers written as floats, and YAML's number forms, still bind as they always have
        StrategyConfig c = parse(OK.replace("coin: BTC", "coin: BTC, sizing: {leverage: 2.0}, arm: {atrBars: 0x10},"
                + " entry: {warmupBars: 1_000}"));
        assertThat(c.strategy().sizing().leverage()).isEqualTo(2);
        assertThat(c.strategy().arm().atrBars()).isEqualTo(16);
        assertThat(c.strategy().entry().warmupBars()).isEqualTo(1000);
        // a key with no value is null (the default); quoted empty text is text
        assertThat(parse(OK.replace("coin: BTC", "coin: BTC, thesis: ")).strategy().thesis().name()).isEqualTo("BULL");
        assertThat(parse("name: ''\n" + OK).name()).isEmpty();
    }

    @Test
    void aliasesAndBinaryValuesAreRefused() {
        refused("x: &lev 3\n" + OK, "test.yaml: x: unknown key");
        refused(OK.replace("coin: BTC", "coin: BTC, sizing: {leverage: &l 2}, arm: {atrBars: *l}"),
                "test.yaml:1: strategy.arm.atrBars = *l: YAML aliases are not supported");
        refused(OK.replace("coin: BTC", "coin: !!binary QlRD"), "test.yaml:1: strategy.coin", "must be a plain value");
    }

    @Test
    void oversizedFilesAreRefusedBeforeTheyAreRead() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, OK + ("# padding " + "x".repeat(100) + "\n").repeat(10_000));
        String size = String.format(java.util.Locale.ROOT, "%,d", Files.size(big));
        assertThat(Files.size(big)).isGreaterThan(1 << 20);
        assertThatThrownBy(() -> ConfigLoader.load(big)).isInstanceOf(UserError.class)
                .hasMessage(big + ": " + size + " bytes: a config file may be at most 1,048,576 bytes (1 MiB; the shipped ones are"
                        + " under 10 KB): is it the right file?");
        assertThatThrownBy(() -> ConfigLoader.readText(big)).hasMessageContaining("at most 1,048,576 bytes");
        assertThatThrownBy(() -> ConfigLoader.loadSim(big, null, Map.of())).hasMessageContaining("at most 1,048,576 bytes");
        // text handed over directly (a sweep's config, a stored run) has the same limit
        String text = Files.readString(big);
        assertThatThrownBy(() -> parse(text)).isInstanceOf(UserError.class)
                .hasMessageContaining("test.yaml: " + size + " characters: a config may be at most 1,048,576");
        // under the size limit, Jackson's stream limits still guard lengths and nesting, naming the path
        refused("name: " + "n".repeat(70_000) + "\n" + OK, "test.yaml:1: name = nnnnnnnnnnnnnnnnnnnn... (70,000 characters):"
                + " beyond the limits of a config file: keys and text values may be at most 4,096 characters");
        refused("strategy: " + "{a: ".repeat(20) + "1" + "}".repeat(20), "strategy.a.a.a.a.a.a.a.a.a.a.a.a.a.a",
                "beyond the limits of a config file", "nesting depth");
        refused("strategy: {levels: {chart: [" + "0.5, ".repeat(30_000) + "0.5]}}\n",
                "test.yaml:1: strategy.levels.chart[19993]: beyond the limits of a config file: more than 20,000 keys, values and"
                        + " brackets (the shipped configs have about 200)");
    }

    @Test
    void aNonUtf8FileIsRefused() throws IOException {
        Path latin = dir.resolve("latin1.yaml");
        Files.write(latin, ("name: caf\u00e9\n" + OK).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ConfigLoader.load(latin)).isInstanceOf(UserError.class)
                .hasMessage(latin + ": not UTF-8 text: is it a config file?");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml"))).isInstanceOf(UserError.class)
                .hasMessage("config file " + dir.resolve("none.yaml") + " does not exist");
    }

    @Test
    void aPortfolioReadsBackFromItsCanonicalJson() {
        // verify and report re-read a stored portfolio run's config: its canonical form states allocation 1.0
        StrategyConfig c = ConfigLoader.load(Path.of("config/portfolio-example.yaml"));
        assertThat(c.json()).contains("\"allocation\":1.0").doesNotContain("\"coin\"");
        StrategyConfig back = ConfigLoader.parse(c.json(), "run x config", Map.of());
        assertThat(back.hash()).isEqualTo(c.hash());
        assertThat(back.perCoin()).isEqualTo(c.perCoin());
        // any other allocation in a portfolio is still a mistake worth naming
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("config/portfolio-example.yaml"),
                Map.of("strategy.sizing.allocation", "0.5"))).isInstanceOf(UserError.class).hasMessageContaining(
                "strategy.sizing.allocation = 0.5: a portfolio sets each coin's allocation with portfolio.weights");
    }
}
