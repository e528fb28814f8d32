package io.hypertrader;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project carries its own docs: code, configs and docs point at docs/*.md, never at the
 * specs outside the repository; the README links the docs; every relative link in README.md and
 * docs/*.md reaches an existing file and, when it names one, an existing heading.
 */
class DocsLinksTest {

    private static final Pattern OUTSIDE_SPEC = Pattern.compile("shared/spec|STRATEGY\\.md|SIMULATOR\\.md|HYPERLIQUID-API\\.md"
            + "|HYPERLIQUID-SIGNING-VECTORS\\.md");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    @Test
    void codeConfigsAndDocsPointAtTheProjectsOwnDocs() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main"), Path.of("config"), Path.of("docs"), Path.of("README.md"))) {
            try (Stream<Path> s = Files.walk(root)) {
                // text files only (docs hold a screenshot)
                for (Path f : s.filter(Files::isRegularFile).filter(DocsLinksTest::isText).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (OUTSIDE_SPEC.matcher(lines.get(i)).find()) {
                            problems.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertThat(problems).as("references to specs outside the project (point at docs/strategy.md,"
                + " docs/simulator.md or docs/exchange.md instead)").isEmpty();
    }

    private static boolean isText(Path f) {
        String n = f.getFileName().toString();
        return !(n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".svg") || n.endsWith(".ico") || n.endsWith(".gif"));
    }

    @Test
    void theReadmeLinksTheDocs() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (String doc : List.of("docs/strategy.md", "docs/simulator.md", "docs/architecture.md", "docs/engine.md",
                "docs/exchange.md")) {
            assertThat(readme).contains("](" + doc + ")");
        }
    }

    @Test
    void everyRelativeLinkReachesAFileAndHeading() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> problems = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: not ours to check
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? doc : doc.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    problems.add(doc + ": " + target + " (no such file)");
                    continue;
                }
                if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved)).contains(target.substring(hash + 1))) {
                    problems.add(doc + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new HashSet<>();
        Matcher h = HEADING.matcher(markdown);
        while (h.find()) {
            String slug = h.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            out.add(slug);
        }
        return out;
    }

    @Test
    void anchorsAreGithubs() {
        assertThat(anchors("## Quiet bars: the replay's fast path\n## Run storage (migration 2)\n"))
                .containsExactlyInAnyOrder("quiet-bars-the-replays-fast-path", "run-storage-migration-2");
    }
}
