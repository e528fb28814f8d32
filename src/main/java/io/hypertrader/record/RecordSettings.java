package io.hypertrader.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hypertrader.core.Coin;
import io.hypertrader.core.Interval;
import io.hypertrader.core.UserError;
import io.hypertrader.data.MarketDataFetcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the recorder records and how it paces itself. Built from flags, a small YAML file
 * ({@code --config}, see {@code config/record.yaml}), or both: a flag given replaces the file's
 * value (a repeated flag such as {@code --coin} replaces the whole list).
 *
 * @param coins          coins as Hyperliquid names them (perps get funding and asset contexts; spot coins candles only)
 * @param intervals      candle intervals, 1m upward
 * @param funding        record funding settlements (fundingHistory) of the perps
 * @param contextsEveryMs asset-context sampling period in ms; 0 = do not record contexts
 * @param closeGraceMs   how long after a bar's close to wait for the stream before reading it over REST
 * @param confirmAfterMs how long a bar written from the stream's last update waits before it is re-read over REST
 * @param backfillBars   closed bars to read for a series the database does not hold yet (at most 5000, what the exchange keeps)
 * @param heartbeatMs    how often to write the status row and print a status line
 * @param name           the recorder's name in {@code recorder_status} (one running recorder per name)
 */
public record RecordSettings(List<Coin> coins, List<Interval> intervals, boolean funding, long contextsEveryMs, long closeGraceMs,
                             long confirmAfterMs, int backfillBars, long heartbeatMs, String name) {

    public static final long DEFAULT_CONTEXTS_MS = 60_000;
    public static final long DEFAULT_CLOSE_GRACE_MS = 10_000;
    public static final long DEFAULT_CONFIRM_AFTER_MS = 5 * 60_000;
    public static final long DEFAULT_HEARTBEAT_MS = 60_000;
    public static final String DEFAULT_NAME = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

    public RecordSettings {
        coins = List.copyOf(coins);
        intervals = List.copyOf(intervals);
    }

    /** True for perpetuals (spot coins are "@index" or "BASE/QUOTE": no funding, no perp context). */
    public static boolean perp(Coin coin) {
        return !coin.name().startsWith("@") && !coin.name().contains("/");
    }

    /** The perps among the coins. */
    public List<Coin> perps() {
        return coins.stream().filter(RecordSettings::perp).toList();
    }

    /** One line for logs and the status row: "BTC,ETH 1m,1h; funding; contexts every 1m". */
    public String describe() {
        return coins.stream().map(Coin::name).collect(Collectors.joining(",")) + " "
                + intervals.stream().map(Interval::code).collect(Collectors.joining(",")) + (funding ? "; funding" : "")
                + (contextsEveryMs > 0 ? "; contexts every " + Durations.format(contextsEveryMs) : "");
    }

    /** The values a flag or file may give; null (or an empty list) = not given. */
    public record Given(List<String> coins, List<String> intervals, Boolean funding, String contexts, String closeGrace,
                        String confirmAfter, Integer backfillBars, String heartbeat, String name) {
        public static final Given NONE = new Given(List.of(), List.of(), null, null, null, null, null, null, null);

        /** This, with every value {@code over} gives replacing it. */
        Given overriddenBy(Given over) {
            return new Given(over.coins.isEmpty() ? coins : over.coins, over.intervals.isEmpty() ? intervals : over.intervals,
                    over.funding != null ? over.funding : funding, over.contexts != null ? over.contexts : contexts,
                    over.closeGrace != null ? over.closeGrace : closeGrace, over.confirmAfter != null ? over.confirmAfter : confirmAfter,
                    over.backfillBars != null ? over.backfillBars : backfillBars, over.heartbeat != null ? over.heartbeat : heartbeat,
                    over.name != null ? over.name : name);
        }

        public Given {
            coins = coins == null ? List.of() : List.copyOf(coins);
            intervals = intervals == null ? List.of() : List.copyOf(intervals);
        }
    }

    /**
     * The settings from an optional YAML file and the flags (which win).
     *
     * @throws UserError USAGE naming the file, field or flag, the value and the rule
     */
    public static RecordSettings resolve(Path file, Given flags) {
        Given fromFile = file == null ? Given.NONE : readFile(file);
        String where = file == null ? "" : " (flags over " + file + ")";
        return build(fromFile.overriddenBy(flags), file == null ? "flags" : file.toString(), where);
    }

    private static RecordSettings build(Given g, String origin, String where) {
        if (g.coins().isEmpty()) {
            throw UserError.usage("record: no coin given; name at least one with --coin BTC (or coins: [BTC] in --config)");
        }
        if (g.intervals().isEmpty()) {
            throw UserError.usage("record: no interval given; name at least one with --interval 1m (or intervals: [1m] in --config)");
        }
        LinkedHashSet<Coin> coins = new LinkedHashSet<>();
        for (String c : g.coins()) {
            Coin coin;
            try {
                coin = Coin.of(c);
            } catch (IllegalArgumentException e) {
                throw UserError.usage("record: coin '" + c + "'" + where + ": " + e.getMessage());
            }
            if (!coins.add(coin)) {
                throw UserError.usage("record: coin " + coin + " is given twice" + where);
            }
        }
        LinkedHashSet<Interval> intervals = new LinkedHashSet<>();
        for (String i : g.intervals()) {
            Interval iv;
            try {
                iv = Interval.parse(i);
            } catch (IllegalArgumentException e) {
                throw UserError.usage("record: interval '" + i + "'" + where + ": " + e.getMessage());
            }
            if (!intervals.add(iv)) {
                throw UserError.usage("record: interval " + iv + " is given twice" + where);
            }
        }
        long contexts = DEFAULT_CONTEXTS_MS;
        if (g.contexts() != null) {
            String t = g.contexts().trim().toLowerCase(Locale.ROOT);
            contexts = t.equals("off") || t.equals("false") || t.equals("none") ? 0
                    : Durations.parse("contexts", g.contexts(), 1_000, 3_600_000);
        }
        long grace = g.closeGrace() == null ? DEFAULT_CLOSE_GRACE_MS : Durations.parse("close-grace", g.closeGrace(), 0, 600_000);
        long confirm = g.confirmAfter() == null ? DEFAULT_CONFIRM_AFTER_MS
                : Durations.parse("confirm-after", g.confirmAfter(), 0, 86_400_000);
        long heartbeat = g.heartbeat() == null ? DEFAULT_HEARTBEAT_MS : Durations.parse("heartbeat", g.heartbeat(), 1_000, 3_600_000);
        int backfill = g.backfillBars() == null ? MarketDataFetcher.EXCHANGE_WINDOW : g.backfillBars();
        if (backfill < 0 || backfill > MarketDataFetcher.EXCHANGE_WINDOW) {
            throw UserError.usage("record: backfill-bars " + backfill + where + " must be between 0 and "
                    + MarketDataFetcher.EXCHANGE_WINDOW + " (the exchange keeps only the most recent " + MarketDataFetcher.EXCHANGE_WINDOW
                    + " candles of each interval)");
        }
        String name = g.name() == null ? DEFAULT_NAME : g.name().trim();
        if (!NAME.matcher(name).matches()) {
            throw UserError.usage("record: name '" + g.name() + "'" + where + " must be 1-40 letters, digits or _.-");
        }
        boolean funding = g.funding() == null || g.funding();
        return new RecordSettings(new ArrayList<>(coins), new ArrayList<>(intervals), funding, contexts, grace, confirm, backfill,
                heartbeat, name);
    }

    // ------------------------------------------------------------------ the YAML file

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY); // coins: BTC

    /** The file's shape: every key optional, unknown keys refused. */
    static final class FileForm {
        @JsonProperty("coins")
        List<String> coins;
        @JsonProperty("intervals")
        List<String> intervals;
        @JsonProperty("funding")
        Boolean funding;
        @JsonProperty("contexts")
        String contexts;
        @JsonProperty("close-grace")
        String closeGrace;
        @JsonProperty("confirm-after")
        String confirmAfter;
        @JsonProperty("backfill-bars")
        Integer backfillBars;
        @JsonProperty("heartbeat")
        String heartbeat;
        @JsonProperty("name")
        String name;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list such as [BTC, ETH]";
        }
        return "a single value such as 1m";
    }

    static Given readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UserError.usage("record: --config " + file + " does not exist");
        } catch (IOException e) {
            throw UserError.usage("record: cannot read --config " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses the YAML text of a recorder file; {@code source} names it in errors. */
    static Given parse(String text, String source) {
        FileForm f;
        try {
            f = text.isBlank() ? new FileForm() : YAML.readValue(text, FileForm.class);
        } catch (UnrecognizedPropertyException e) {
            throw UserError.usage(source + ": unknown field '" + e.getPropertyName() + "' (known: coins, intervals, funding, contexts,"
                    + " close-grace, confirm-after, backfill-bars, heartbeat, name)");
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String why = e instanceof InvalidFormatException bad ? "'" + bad.getValue() + "' is not " + expected(bad.getTargetType())
                    : e instanceof MismatchedInputException m ? "expected " + expected(m.getTargetType())
                    : e.getOriginalMessage().lines().findFirst().orElse("bad value");
            throw UserError.usage(source + ": field '" + path + "': " + why);
        } catch (IOException e) {
            throw UserError.usage(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (f == null) {
            f = new FileForm();
        }
        return new Given(f.coins, f.intervals, f.funding, f.contexts, f.closeGrace, f.confirmAfter, f.backfillBars, f.heartbeat,
                f.name);
    }
}
