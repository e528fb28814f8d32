package io.hypertrader.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.hypertrader.core.UserError;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one config file (YAML, or JSON, which YAML contains) into a tree, strictly: a file over
 * {@link #MAX_CHARS} is refused before it is read; a key given twice in one mapping, a second
 * document after {@code ---}, an alias ({@code *name}), a binary value and a number that is not
 * finite ({@code .nan}, {@code .inf}, {@code 1e400}) are refused naming the line and the field
 * path. Scalars are typed as Jackson's YAML parser types them (the value parsing configs and
 * {@code --set} have always had: {@code 0x10}, {@code 1_000}, {@code yes} ...). Jackson's stream
 * limits and SnakeYAML's own guard nesting and number lengths; the reader itself limits text
 * lengths and the number of tokens (a file under the size limit could otherwise take seconds).
 */
final class YamlReader {
    /** The largest config accepted, in characters (also bytes for the file check): 1 MiB, 100 times the shipped ones. */
    static final int MAX_CHARS = 1 << 20;
    /** Deepest nesting of mappings and lists; the format needs 4 (strategy.exposure.full.long). */
    static final int MAX_DEPTH = 16;
    /** Longest key or text value (Jackson's string limit does not reach the YAML parser's scalars). */
    static final int MAX_TEXT = 4096;
    /**
     * Most parser tokens (keys, values, brackets) in one config: the shipped ones have about 200.
     * Parsing YAML costs microseconds a token, so this keeps a file under the size limit from
     * taking seconds (100,000 list items took 2 s) and refuses it after about 10 ms.
     */
    static final int MAX_TOKENS = 20_000;

    private static final Pattern DOCUMENT_START = Pattern.compile("---(\\s.*)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            // as new YAMLFactory() has it (the builder starts with none): "key:" with no value is null, not ""
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100)
                    .maxStringLength(MAX_TEXT)
                    .maxNameLength(MAX_TEXT)
                    .maxDocumentLength(MAX_CHARS + 1L)
                    .build())
            .build();

    private YamlReader() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CHARS + 1);
        o.setNestingDepthLimit(MAX_DEPTH + 2); // Jackson's limit (which names the path) acts first
        o.setMaxAliasesForCollections(10);
        o.setAllowRecursiveKeys(false);
        o.setProcessComments(false);
        return o;
    }

    /** The text of a config file, refusing a missing, unreadable, oversized or non-UTF-8 one. */
    static String readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_CHARS) {
                throw UserError.usage(String.format(Locale.ROOT, "%s: %,d bytes: a config file may be at most %,d bytes"
                        + " (1 MiB; the shipped ones are under 10 KB): is it the right file?", file, size, MAX_CHARS));
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw UserError.usage("config file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw UserError.usage(file + ": not UTF-8 text: is it a config file?");
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, "cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A config document: its top level must be a mapping of sections (an empty document is an empty one). */
    static ObjectNode readDocument(String text, String source) {
        JsonNode root = read(text, source, "", true);
        if (root.isNull()) {
            return NODES.objectNode();
        }
        if (!root.isObject()) {
            throw UserError.usage(source + ": the top level must be a mapping of sections, got " + root.getNodeType());
        }
        return (ObjectNode) root;
    }

    /**
     * One value given on the command line ({@code --set path=value}, a sweep axis): parsed as a
     * YAML document of its own, so {@code 0.25}, {@code bear}, {@code [0.618, 0.786]} and
     * {@code null} mean what they mean in a file. {@code source} and {@code path} name it in errors.
     */
    static JsonNode readValue(String text, String source, String path) {
        return read(text, source, path, false);
    }

    /** {@code document}: a file (errors name lines) rather than one command-line value. */
    private static JsonNode read(String text, String source, String path, boolean document) {
        if (text.length() > MAX_CHARS) {
            throw UserError.usage(String.format(Locale.ROOT, "%s: %,d characters: a config may be at most %,d (1 MiB)",
                    source, text.length(), MAX_CHARS));
        }
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            Builder b = new Builder(p, document ? source : null, source);
            if (b.advance(path) == null) {
                return NODES.nullNode();
            }
            JsonNode root = b.value(path);
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NULL) {
                    int line = documentStartLine(text, p.currentTokenLocation().getLineNr());
                    throw UserError.usage(source + ":" + line + ": a second YAML document starts here ('---'): a config"
                            + " holds one document (everything after the separator would be ignored); remove it or"
                            + " split the file");
                }
            }
            return root;
        } catch (StreamConstraintsException e) {
            throw UserError.usage(source + at(e.getLocation()) + ": beyond the limits of a config file: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            if (!document) {
                throw UserError.usage(source + ": value '" + text + "' is not valid YAML: " + e.getOriginalMessage());
            }
            throw UserError.usage(source + at(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(UserError.Kind.USAGE, source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String at(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
    }

    /** The line of the {@code ---} that opens the document whose first content is on {@code contentLine}. */
    private static int documentStartLine(String text, int contentLine) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = Math.min(contentLine, lines.length) - 1; i >= 0; i--) {
            if (DOCUMENT_START.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return contentLine;
    }

    /** Builds the tree token by token, so every refusal knows its field path and line. */
    private static final class Builder {
        private final YAMLParser p;
        /** The file, named with line numbers in errors; null for a command-line value. */
        private final String file;
        private final String source;
        private int tokens;

        Builder(YAMLParser p, String file, String source) {
            this.p = p;
            this.file = file;
            this.source = source;
        }

        private String where() {
            return file == null ? source : file + ":" + p.currentTokenLocation().getLineNr();
        }

        /** The next token; a limit it breaks (nesting, length) is refused naming {@code path}, where it was read. */
        JsonToken advance(String path) throws IOException {
            if (++tokens > MAX_TOKENS) {
                throw UserError.usage(where() + ": " + (path.isEmpty() ? "(top level)" : path) + ": beyond the limits of a"
                        + " config file: more than " + String.format(Locale.ROOT, "%,d", MAX_TOKENS) + " keys, values and"
                        + " brackets (the shipped configs have about 200)");
            }
            try {
                return p.nextToken();
            } catch (StreamConstraintsException e) {
                throw beyondLimits(path, e);
            }
        }

        private UserError beyondLimits(String path, StreamConstraintsException e) {
            return UserError.usage(where() + ": " + (path.isEmpty() ? "(top level)" : path)
                    + ": beyond the limits of a config file: " + e.getOriginalMessage());
        }

        /** The value at the current token; {@code path} is its dotted field path. */
        JsonNode value(String path) throws IOException {
            try {
                return valueAtToken(path);
            } catch (StreamConstraintsException e) {
                throw beyondLimits(path, e);
            }
        }

        private JsonNode valueAtToken(String path) throws IOException {
            return switch (p.currentToken()) {
                case START_OBJECT -> object(path);
                case START_ARRAY -> array(path);
                case VALUE_STRING -> {
                    if (p.isCurrentAlias()) {
                        throw refuse(path, "*" + p.getText(), "YAML aliases are not supported in configs: write the value out");
                    }
                    yield NODES.textNode(text(path, p.getText()));
                }
                case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> floating(path);
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> throw refuse(path, p.getText(), "must be a plain value (text, number, true/false or null),"
                        + " a mapping or a list");
            };
        }

        private ObjectNode object(String path) throws IOException {
            ObjectNode o = NODES.objectNode();
            Map<String, Integer> lines = new HashMap<>();
            while (advance(path) == JsonToken.FIELD_NAME) {
                String key = text(path, p.currentName());
                int line = p.currentTokenLocation().getLineNr();
                String keyPath = path.isEmpty() ? key : path + "." + key;
                Integer first = lines.putIfAbsent(key, line);
                if (first != null) {
                    throw UserError.usage(where() + ": " + keyPath + ": duplicate key (first given on line "
                            + first + "): give each key once");
                }
                advance(keyPath);
                o.set(key, value(keyPath));
            }
            return o;
        }

        private ArrayNode array(String path) throws IOException {
            ArrayNode a = NODES.arrayNode();
            for (int i = 0; advance(path + "[" + i + "]") != JsonToken.END_ARRAY; i++) {
                a.add(value(path + "[" + i + "]"));
            }
            return a;
        }

        private String text(String path, String t) {
            if (t.length() > MAX_TEXT) {
                throw refuse(path, t.substring(0, 20) + "... (" + String.format(Locale.ROOT, "%,d", t.length())
                        + " characters)", "beyond the limits of a config file: keys and text values may be at most "
                        + String.format(Locale.ROOT, "%,d", MAX_TEXT) + " characters");
            }
            return t;
        }

        /** YAML's {@code .nan} and {@code .inf} and overflowing numbers are refused: no config field takes them. */
        private JsonNode floating(String path) throws IOException {
            String text = p.getText();
            double v;
            try {
                v = p.getDoubleValue();
            } catch (JsonProcessingException e) {
                v = Double.NaN; // SnakeYAML's .nan, .inf, -.Inf: typed as floats, refused by Jackson's number parser
            }
            if (!Double.isFinite(v)) {
                throw refuse(path, text, "must be a finite number (NaN and infinity are not values a config takes;"
                        + " leave an optional number out or write null for none)");
            }
            return NODES.numberNode(v);
        }

        private UserError refuse(String path, String value, String rule) {
            return UserError.usage(where() + ": " + (path.isEmpty() ? "(top level)" : path) + " = " + value + ": " + rule);
        }
    }
}
