package io.hypertrader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering inside {@code io.hypertrader.live}, read from the main sources as
 * {@link LayeringTest} reads them (imports and fully qualified names; comments and string literals
 * left out): each sub-package uses only the sub-packages {@link #MAY_USE} lets it, so the wire
 * knows nothing of venues, the venue nothing of stores, the store nothing of runners, and only the
 * runners wire everything together. A javadoc link to a package above is written fully qualified,
 * without an import. A new sub-package needs its entry here (the test fails until it has one).
 */
class LiveLayeringTest {

    static final Path LIVE = Path.of("src/main/java/io/hypertrader/live");

    /** The sub-packages of live each sub-package may use, from the wire up. */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("sign", Set.of()), // hashes, signatures, nonces, cloids
            Map.entry("keys", Set.of("sign")), // the encrypted key store yields signing keys
            Map.entry("exchange", Set.of("sign")), // Hyperliquid's wire: signs what it sends, nothing else
            Map.entry("feed", Set.of("exchange")), // market data in, read off the wire
            Map.entry("venue", Set.of("exchange", "sign")), // engine orders to exchange orders; journals through its own port
            Map.entry("control", Set.of("exchange", "sign")), // the stop paths work with nothing but the exchange
            Map.entry("store", Set.of("venue", "sign")), // implements the venue's OrderJournal
            Map.entry("deployment", Set.of("store")), // a plan and its money, from the store's rows
            Map.entry("time", Set.of("exchange", "feed", "deployment")), // watches the feed, on the plan's coins and interval
            Map.entry("replay", Set.of("store", "deployment")), // paper's simulation, replays of what was recorded
            Map.entry("gate", Set.of("store", "deployment")), // decisions over what the store holds
            Map.entry("runner", Set.of("sign", "exchange", "feed", "venue", "control", "store", "deployment", "time",
                    "replay"))); // the only package that wires the others together

    static final Pattern LIVE_REF = Pattern.compile("\\bio\\.hypertrader\\.live\\.([a-z]\\w*)");

    /** Each main source under live: its path relative to live and its code without comments and literals. */
    static Map<String, String> sources;

    @BeforeAll
    static void read() throws IOException {
        sources = new TreeMap<>();
        try (Stream<Path> s = Files.walk(LIVE)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.put(LIVE.relativize(f).toString().replace('\\', '/'), LayeringTest.code(Files.readString(f)));
            }
        }
    }

    static Stream<String> subPackages() {
        return MAY_USE.keySet().stream().sorted();
    }

    @Test
    void everySubPackageHasARuleAndNoClassSitsInLiveItself() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> s = Files.list(LIVE)) {
            s.filter(Files::isDirectory).forEach(d -> found.add(d.getFileName().toString()));
        }
        assertThat(found).as("sub-packages of io.hypertrader.live (give a new one its rule in MAY_USE)")
                .containsExactlyInAnyOrderElementsOf(MAY_USE.keySet());
        assertThat(sources.keySet()).filteredOn(f -> !f.contains("/"))
                .as("classes belong in the sub-package of their idea, not in live itself")
                .containsExactly("package-info.java");
    }

    @ParameterizedTest(name = "live.{0} uses only what its layer allows")
    @MethodSource("subPackages")
    void aSubPackageUsesOnlyWhatItsLayerAllows(String sub) {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (!LayeringTest.packageOf(e.getKey()).equals(sub)) {
                continue;
            }
            files++;
            Matcher m = LIVE_REF.matcher(e.getValue());
            while (m.find()) {
                String used = m.group(1);
                if (!used.equals(sub) && !MAY_USE.get(sub).contains(used)) {
                    problems.add(e.getKey() + " uses io.hypertrader.live." + used);
                }
            }
        }
        assertThat(files).as("sources of live." + sub).isPositive();
        assertThat(problems).as("live." + sub + " may use " + MAY_USE.get(sub)).isEmpty();
    }

    @Test
    void theRulesHaveNoCycle() {
        // a rule set with a cycle would let two packages grow into one; depth-first, every path ends
        for (String start : MAY_USE.keySet()) {
            List<String> path = new ArrayList<>();
            assertThat(reachesItself(start, start, path, new TreeSet<>())).as("a cycle through live." + start + ": " + path)
                    .isFalse();
        }
    }

    private static boolean reachesItself(String start, String at, List<String> path, Set<String> seen) {
        for (String next : MAY_USE.get(at)) {
            path.add(next);
            if (next.equals(start) || (seen.add(next) && reachesItself(start, next, path, seen))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    @Test
    void theScannerSeesAnUpwardImportAndIgnoresALinkInAComment() {
        String src = """
                package io.hypertrader.live.exchange;
                import io.hypertrader.live.runner.LiveRunner; // a forbidden import
                /** {@link io.hypertrader.live.time.ClockWatch} in a comment is no dependency */
                class X { String s = "io.hypertrader.live.store"; }
                """;
        List<String> refs = new ArrayList<>();
        Matcher m = LIVE_REF.matcher(LayeringTest.code(src));
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(refs).containsExactly("exchange", "runner");
    }
}
