package io.hypertrader.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.core.UserError;
import io.hypertrader.sim.SimConfig;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The one place configs are read (YAML, or JSON, which YAML contains). Loading is:
 * <ol>
 * <li>read the file strictly ({@link YamlReader}: size limit, duplicate keys, one document, finite numbers);</li>
 * <li>apply dotted-path overrides ({@link Overrides}: {@code "strategy.levels.hedge" -> "0.25"}, YAML scalars);</li>
 * <li>merge over the defaults, which are the records' own ({@link ConfigDefaults});</li>
 * <li>bind with Jackson onto the records ({@link Binder}), whose compact constructors check ranges
 *     and the rules across fields; unknown keys are refused;</li>
 * <li>check the rules across sections that need the whole config ({@link SizingRules}).</li>
 * </ol>
 * Any problem is a {@link UserError} of kind USAGE naming the file, the field path, the value and
 * the rule. The effective config is rendered as canonical JSON and hashed (SHA-256): the
 * {@code config_hash} of runs and deployments, which reads back through {@link #parse} unchanged.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    // ------------------------------------------------------------------ strategy configs

    /** Loads a strategy config file. */
    public static StrategyConfig load(Path file) {
        return load(file, Map.of());
    }

    /** Loads a strategy config file with dotted-path overrides applied before binding. */
    public static StrategyConfig load(Path file, Map<String, String> overrides) {
        return parse(YamlReader.readFile(file), file.toString(), overrides);
    }

    /**
     * Reads a config file's text with the loader's checks (exists, at most 1 MiB, UTF-8), for a
     * caller that keeps the text and parses it several times ({@link #parse}).
     */
    public static String readText(Path file) {
        return YamlReader.readFile(file);
    }

    /** Parses strategy config text (YAML or JSON); {@code source} names it in errors. */
    public static StrategyConfig parse(String text, String source, Map<String, String> overrides) {
        ObjectNode given = YamlReader.readDocument(text, source);
        JsonNode section = given.get("strategy");
        boolean hasStrategy = section != null && !section.isNull();
        Overrides.apply(source, given, overrides);
        StrategyFile file = Binder.bind(source, ConfigDefaults.strategyFile(given), StrategyFile.class);
        if (!hasStrategy) {
            throw UserError.usage(source + ": strategy = " + (section == null ? "(missing)" : "(empty)") + ": a config needs"
                    + " a strategy: section, or every strategy setting would silently be a default (write at least"
                    + " strategy: {type: fib-hedge, coin: BTC}; see config/fib-hedge.yaml)");
        }
        String json = Binder.canonicalJson(file);
        StrategyConfig cfg = new StrategyConfig(file.name(), file.strategy().params(file.firstCoin()),
                file.account().initialEquity(), file.weights(), file.instrumentMap(), file.risk(), file.promotion(), json,
                sha256(json));
        JsonNode risk = given.get("risk");
        SizingRules.checkAtLoad(source, cfg, risk != null && !risk.isNull());
        return cfg;
    }

    // ------------------------------------------------------------------ simulator configs

    /** A simulator profile by name (ideal, seed, realistic) with overrides. */
    public static SimConfig simProfile(String profile, Map<String, String> overrides) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("profile", profile);
        return bindSim("--profile " + profile, tree, overrides, null);
    }

    /**
     * Loads a simulator config file. Its optional {@code profile:} names the preset it starts from
     * (default: {@code baseProfile}, else realistic); every field given overrides the preset's.
     */
    public static SimConfig loadSim(Path file, String baseProfile, Map<String, String> overrides) {
        return bindSim(file.toString(), YamlReader.readDocument(YamlReader.readFile(file), file.toString()), overrides,
                baseProfile);
    }

    /**
     * Parses simulator config file text as {@link #loadSim} reads the file (its optional
     * {@code profile:} else {@code baseProfile}), for a caller that read the file once and parses it
     * elsewhere (a sweep's trials on Spark executors, which do not have the file).
     */
    public static SimConfig parseSim(String text, String source, String baseProfile, Map<String, String> overrides) {
        return bindSim(source, YamlReader.readDocument(text, source), overrides, baseProfile);
    }

    /** Parses simulator config text (YAML or JSON). */
    public static SimConfig parseSim(String text, String source, Map<String, String> overrides) {
        return bindSim(source, YamlReader.readDocument(text, source), overrides, null);
    }

    /** Canonical JSON of a simulator config (the form stored with a run; {@link #parseSim} reads it back). */
    public static String simJson(SimConfig c) {
        return Binder.canonicalJson(c);
    }

    /** SHA-256 of UTF-8 text, lower-case hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A named preset is the base; a custom name starts from realistic (or from {@code baseProfile},
     * which must then be a preset: {@code --profile X --sim FILE}).
     */
    private static SimConfig bindSim(String source, ObjectNode given, Map<String, String> overrides, String baseProfile) {
        Overrides.apply(source, given, overrides);
        String name = baseProfile == null ? "realistic" : baseProfile;
        JsonNode p = given.get("profile");
        if (p != null && !p.isNull()) {
            if (!p.isValueNode()) {
                throw UserError.usage(source + ": profile = " + p + ": must be a single value");
            }
            name = p.asText().trim();
        }
        SimConfig base;
        try {
            base = SimConfig.preset(name);
        } catch (IllegalArgumentException e) {
            if (baseProfile != null) {
                throw UserError.usage(source + ": profile = " + name + ": " + e.getMessage());
            }
            base = SimConfig.REALISTIC; // a custom name: start from realistic
        }
        return Binder.bind(source, ConfigDefaults.sim(base, name, given), SimConfig.class);
    }
}
