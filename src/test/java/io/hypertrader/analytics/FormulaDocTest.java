package io.hypertrader.analytics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/metrics.md must quote every formula text of the code word for word (one source of truth). */
class FormulaDocTest {

    @Test
    void docsQuoteEveryFormula() throws IOException {
        String doc = Files.readString(Path.of("docs", "metrics.md"));
        for (Formula f : Formula.values()) {
            assertThat(doc).as("docs/metrics.md lacks the text of %s", f).contains("`" + f.text() + "`");
            assertThat(doc).contains("**" + f.title() + "**");
        }
    }
}
