package io.hypertrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style: every field of the shipped configs (the strategy files, a stored run's canonical
 * JSON, the simulator profiles) is given wrong types, out-of-range numbers, NaN and infinity and
 * null; every section gets an unknown key and loses each of its keys in turn; every key line is
 * duplicated; a second document and oversized files are tried. Whatever the loader does, it either
 * accepts (and then the canonical JSON reads back to the same config) or refuses with a
 * {@code UserError(USAGE)} that names the source and a field path at or above the mutated one:
 * never a stack trace, a Java type name, or "not valid YAML" for YAML that is well formed.
 */
class ConfigMutationTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@mutation@@";

    /** Values of the wrong type, out of range, not finite, and null, as YAML writes them. */
    private static final List<String> VALUES = List.of("abc", "'0.5'", "true", "[1, 2]", "{a: 1}", "-1", "0", "0.5", "1.5",
            "2.5", "100000", "1e13", "-1e13", "3000000000", ".nan", ".inf", "-.inf", "NaN", "Infinity", "1e400", "null", "''");
    private static final List<String> NON_FINITE = List.of(".nan", ".inf", "-.inf", "NaN", "Infinity", "1e400");

    private static final List<String> STRATEGY_ROOTS = List.of("name", "portfolio", "strategy", "account", "instruments", "risk",
            "promotion");
    private static final List<String> SIM_ROOTS = List.of("profile", "path", "tickRounding", "latency", "slippage", "fills",
            "rejection", "fees", "funding");

    private int accepted;
    private int refused;

    /** One kind of config: how to load text, and what its messages may start with. */
    private record Kind(String source, List<String> roots, Function<String, String> load) {
    }

    private static final Kind STRATEGY = new Kind("mutated.yaml", STRATEGY_ROOTS, text -> {
        StrategyConfig c = ConfigLoader.parse(text, "mutated.yaml", Map.of());
        StrategyConfig back = ConfigLoader.parse(c.json(), "stored", Map.of());
        assertThat(back.hash()).as("canonical JSON reads back").isEqualTo(c.hash());
        return c.hash();
    });

    private static final Kind SIM = new Kind("mutated.yaml", SIM_ROOTS, text -> {
        SimConfig c = ConfigLoader.parseSim(text, "mutated.yaml", Map.of());
        assertThat(ConfigLoader.parseSim(ConfigLoader.simJson(c), "stored", Map.of())).isEqualTo(c);
        return c.profile();
    });

    @Test
    void everyMutationOfTheShippedConfigsIsAcceptedOrRefusedNamingAFieldPath() throws IOException {
        List<String> strategyTexts = List.of(Files.readString(Path.of("config/fib-hedge.yaml")),
                Files.readString(Path.of("config/portfolio-example.yaml")),
                ConfigLoader.load(Path.of("config/fib-hedge.yaml")).json(),
                ConfigLoader.load(Path.of("config/portfolio-example.yaml")).json());
        for (String text : strategyTexts) {
            mutateEverything(STRATEGY, text);
        }
        for (String name : List.of("ideal", "seed", "realistic")) {
            mutateEverything(SIM, Files.readString(Path.of("config/sim/" + name + ".yaml")));
        }
        // the issue tried 1,071; each refusal above was checked for its path, and some mutations are valid configs
        assertThat(accepted + refused).isGreaterThan(3000);
        assertThat(accepted).isGreaterThan(300);
        assertThat(refused).isGreaterThan(2000);
    }

    private void mutateEverything(Kind kind, String text) throws IOException {
        ObjectNode tree = (ObjectNode) YAML.readTree(text);
        List<String> leaves = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        walk(tree, "", leaves, sections);
        for (String path : leaves) {
            JsonNode original = at(tree, path);
            for (String value : VALUES) {
                String mutated = with(tree, path, value);
                boolean wrongType = original.isNumber() && !value.matches("-?[0-9.e]+|null")
                        || original.isBoolean() && !value.matches("null|true|false");
                String outcome = check(kind, mutated, path);
                boolean yamlFloat = NON_FINITE.contains(value) && !value.matches("[A-Za-z]+");
                if (NON_FINITE.contains(value) && (original.isNumber() || yamlFloat) || wrongType) {
                    assertThat(outcome).as("%s = %s must be refused", path, value).isNotNull();
                }
                if (NON_FINITE.contains(value) && original.isNumber()) {
                    assertThat(outcome).as("%s = %s", path, value).containsAnyOf("must be a finite number",
                            "NaN and infinity are not values a config takes");
                }
            }
        }
        for (String path : sections) {
            ObjectNode copy = tree.deepCopy();
            ObjectNode section = path.isEmpty() ? copy : (ObjectNode) at(copy, path);
            boolean map = path.endsWith("weights") || path.equals("instruments");
            section.put(map ? "bad coin!" : "bogus", 1);
            String outcome = check(kind, JSON.writeValueAsString(copy), path);
            assertThat(outcome).as("an unknown key in %s", path).isNotNull()
                    .contains(map ? "bad coin!" : (path.isEmpty() ? "" : path + ".") + "bogus: unknown key (expected one of ");
            for (String key : fieldNames(section)) {
                if (key.equals("bogus") || key.equals("bad coin!")) {
                    continue;
                }
                ObjectNode without = copy.deepCopy();
                ((ObjectNode) (path.isEmpty() ? without : at(without, path))).remove(List.of(key, map ? "bad coin!" : "bogus"));
                check(kind, JSON.writeValueAsString(without), path.isEmpty() ? key : path + "." + key);
            }
        }
        duplicateEveryKeyLine(kind, text);
        String second = text + (text.endsWith("\n") ? "" : "\n") + "---\n" + text;
        assertThat(check(kind, second, "")).contains(":" + (text.lines().count() + 1) + ": a second YAML document starts here");
        String huge = text + "\n" + ("#" + "x".repeat(99) + "\n").repeat(11_000);
        assertThat(check(kind, huge, "")).contains("characters: a config may be at most 1,048,576");
        if (text.startsWith("{")) {
            return; // block keys cannot follow canonical JSON's one flow mapping
        }
        StringBuilder keys = new StringBuilder(text).append('\n');
        for (int i = 0; i < 60_000; i++) {
            keys.append("k").append(i).append(": ").append(i).append('\n');
            if (i == 2_000) {
                assertThat(check(kind, keys.toString(), "")).contains("k0: unknown key");
            }
        }
        // under the size limit (600 KB) but far more than a config holds: refused before it is all parsed
        assertThat(check(kind, keys.toString(), "")).containsPattern(": k\\d+: beyond the limits of a config file: more than"
                + " 20,000 keys, values and brackets");
    }

    /** Duplicates each line that gives a key (block or flow), which must be refused naming the key's line. */
    private void duplicateEveryKeyLine(Kind kind, String text) {
        if (text.startsWith("{")) {
            return; // canonical JSON is one line
        }
        List<String> lines = text.lines().toList();
        Pattern key = Pattern.compile("^(\\s*)([A-Za-z][A-Za-z0-9]*):.*");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            List<String> copy = new ArrayList<>(lines);
            copy.add(i + 1, lines.get(i));
            String outcome = check(kind, String.join("\n", copy) + "\n", "");
            assertThat(outcome).as("line %d duplicated", i + 1).isNotNull()
                    .contains(":" + (i + 2) + ": ").contains(m.group(2) + ": duplicate key (first given on line " + (i + 1) + ")");
        }
    }

    /**
     * Loads {@code text}; returns null when accepted, else the message, after checking it names the
     * source and a field path at or above {@code path} (or, for cross-section rules, any field).
     */
    private String check(Kind kind, String text, String path) {
        try {
            kind.load().apply(text);
            accepted++;
            return null;
        } catch (UserError e) {
            refused++;
            String msg = e.getMessage();
            assertThat(e.kind()).as(msg).isEqualTo(UserError.Kind.USAGE);
            assertThat(msg).as("mutating %s", path).startsWith(kind.source() + ":")
                    .doesNotContain("\tat ", "Exception", "java.", "`", "Cannot construct", "not valid YAML", "problem:");
            String rest = msg.substring(kind.source().length()).replaceFirst("^(:\\d+)*: ", "");
            if (rest.matches("[0-9,]+ characters: .*|a second YAML document .*|[^ ]+: beyond the limits of a config file: more"
                    + " than .*")) {
                return msg; // about the whole file (its size, its documents, its token count), not a field
            }
            String root = rest.split("[.\\[ :=]", 2)[0];
            if (!rest.startsWith(root + ": unknown key")) { // an unknown top-level key is its own path
                assertThat(kind.roots()).as("the field path of: %s", msg).contains(root);
            }
            if (!path.isEmpty() && !rest.startsWith(path) && !msg.contains(parent(path))) {
                // a rule across fields names another field; it must still name one of the mutated section's
                assertThat(msg).as("mutating %s", path).containsPattern("(strategy|risk|portfolio|account|latency|slippage"
                        + "|fills)\\.[A-Za-z]+");
            }
            return msg;
        } catch (RuntimeException e) {
            throw new AssertionError("mutating " + path + ": not a UserError: " + e, e);
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static void walk(JsonNode n, String path, List<String> leaves, List<String> sections) {
        if (n.isObject()) {
            sections.add(path);
            for (String k : fieldNames(n)) {
                walk(n.get(k), path.isEmpty() ? k : path + "." + k, leaves, sections);
            }
            if (!path.isEmpty()) {
                leaves.add(path); // the section itself given a value
            }
        } else if (n.isArray()) {
            leaves.add(path);
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "[" + i + "]", leaves, sections);
            }
        } else {
            leaves.add(path);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            n = n.get(bracket < 0 ? part : part.substring(0, bracket));
            if (bracket >= 0) {
                n = n.get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return n;
    }

    /** The tree as YAML (flow style, one line) with {@code value} written verbatim at {@code path}. */
    private static String with(ObjectNode tree, String path, String value) throws IOException {
        ObjectNode copy = tree.deepCopy();
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        JsonNode parent = cut < 0 ? copy : at(copy, path.substring(0, cut));
        if (path.endsWith("]")) {
            ((ArrayNode) parent).set(Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1)), MARK);
        } else {
            ((ObjectNode) parent).put(path.substring(cut + 1), MARK);
        }
        return JSON.writeValueAsString(copy).replace("\"" + MARK + "\"", value);
    }
}
