package io.hypertrader.strategy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The strategy must run unchanged in backtest, paper and live: its sources may not import the
 * simulator, the live venue, the data store, HTTP, JDBC, DuckDB or Jackson.
 */
class StrategyImportsTest {
    private static final List<String> FORBIDDEN = List.of("io.hypertrader.sim", "io.hypertrader.live",
            "io.hypertrader.data", "io.hypertrader.backtest", "io.hypertrader.config", "okhttp3", "okio", "java.sql",
            "javax.sql", "org.duckdb", "com.fasterxml.jackson", "tools.jackson");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.hypertrader\\.(sim|live|data|backtest|config)|org\\.duckdb|java\\.sql|com\\.fasterxml)\\.");

    @Test
    void strategySourcesImportNothingForbidden() throws IOException {
        Path root = Path.of("src/main/java/io/hypertrader/strategy");
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String src = Files.readString(f);
                Matcher m = IMPORT.matcher(src);
                while (m.find()) {
                    String imp = m.group(2);
                    for (String bad : FORBIDDEN) {
                        if (imp.equals(bad) || imp.startsWith(bad + ".")) {
                            problems.add(f + " imports " + imp);
                        }
                    }
                }
                Matcher q = QUALIFIED.matcher(src.replaceAll("(?m)^\\s*(import|package) .*$", ""));
                while (q.find()) {
                    problems.add(f + " uses " + q.group());
                }
            }
        }
        assertThat(files).as("strategy sources found").isGreaterThan(5);
        assertThat(problems).isEmpty();
    }

    @Test
    void theScannerCatchesAForbiddenImport() {
        Matcher m = IMPORT.matcher("package x;\nimport io.hypertrader.sim.SimulatedVenue;\n");
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).startsWith(FORBIDDEN.get(0));
    }
}
