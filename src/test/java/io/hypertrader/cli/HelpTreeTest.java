package io.hypertrader.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the whole picocli command tree (every command and subcommand, as registered): each one
 * answers {@code --help} with exit 0 and its usage on stdout, and each one-line help text (the
 * summary its parent lists, each option's description) is a whole sentence.
 */
class HelpTreeTest {

    /** Every command of the tree, root first, as the argument list that reaches it. */
    static List<List<String>> commandPaths() {
        CommandLine root = HyperTraderCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<List<String>> out = new ArrayList<>();
        walk(root, new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getValue().getCommandSpec().name().equals(e.getKey())) {
                continue; // an alias of a command already walked
            }
            path.add(e.getKey());
            walk(e.getValue(), path, out);
            path.removeLast();
        }
    }

    @Test
    void everyCommandAndSubcommandAnswersHelpWithExitZero() {
        List<List<String>> paths = commandPaths();
        // the tree really is walked: the commands the README names, and the nested ones
        assertThat(paths).contains(List.of("keys", "import"), List.of("keys", "list"), List.of("sign"),
                List.of("data", "generate"), List.of("sweep"), List.of("run"), List.of("stop"));
        assertThat(paths.size()).isGreaterThan(25);
        List<String> broken = new ArrayList<>();
        for (List<String> p : paths) {
            List<String> args = new ArrayList<>(p);
            args.add("--help");
            CliHarness.Result r = CliHarness.run(Map.of(), args.toArray(String[]::new));
            String name = String.join(" ", args);
            if (r.exitCode() != 0 || !r.out().contains("Usage: hypertrader") || !r.err().isEmpty()) {
                broken.add(name + " -> exit " + r.exitCode() + ", stderr: " + r.err().lines().findFirst().orElse(""));
            }
        }
        assertThat(broken).as("commands whose --help fails").isEmpty();
    }

    @Test
    void oneLineHelpTextsAreWholeSentences() {
        CommandLine root = HyperTraderCli.commandLine(Map.of(), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
        List<String> bad = new ArrayList<>();
        for (List<String> p : commandPaths()) {
            CommandLine cl = root;
            for (String s : p) {
                cl = cl.getSubcommands().get(s);
            }
            CommandSpec spec = cl.getCommandSpec();
            String where = p.isEmpty() ? "hypertrader" : "hypertrader " + String.join(" ", p);
            String summary = summary(spec);
            if (!isSentence(summary)) {
                bad.add(where + ": summary '" + summary + "'");
            }
            for (OptionSpec o : spec.options()) {
                if (o.hidden()) {
                    continue; // not shown by --help
                }
                String d = String.join(" ", o.description());
                if (!isSentence(d)) {
                    bad.add(where + " " + o.longestName() + ": '" + d + "'");
                }
            }
        }
        assertThat(bad).as("one-line help texts that are not whole sentences").isEmpty();
    }

    /**
     * A start builds only the subcommand it names (lazy start-up): the same help, exit code and
     * errors as with the whole tree, for every command of the tree.
     */
    @Test
    void aStartThatBuildsOnlyItsSubcommandBehavesLikeTheWholeTree() {
        for (List<String> p : commandPaths()) {
            for (String[] args : List.of(concat(p, "--help"), concat(List.of("--db", "x.duckdb"), concat(p, "--help")),
                    concat(p, "--no-such-flag"))) {
                StringWriter o1 = new StringWriter(), e1 = new StringWriter(), o2 = new StringWriter(), e2 = new StringWriter();
                int whole = HyperTraderCli.commandLine(Map.of(), new PrintWriter(o1), new PrintWriter(e1)).execute(args);
                int lazy = HyperTraderCli.commandLineFor(Map.of(), new PrintWriter(o2), new PrintWriter(e2), args).execute(args);
                String name = String.join(" ", args);
                assertThat(lazy).as(name).isEqualTo(whole);
                assertThat(o2.toString()).as(name).isEqualTo(o1.toString());
                assertThat(e2.toString()).as(name).isEqualTo(e1.toString());
            }
        }
        assertThat(Subcommands.named(new String[]{"--quiet", "--db", "runs", "data", "list"})).isEqualTo("data");
        assertThat(Subcommands.named(new String[]{"--db=x", "runs"})).isEqualTo("runs");
        assertThat(Subcommands.named(new String[]{"rnus"})).isNull();
        assertThat(Subcommands.named(new String[]{"help", "runs"})).isNull();
        assertThat(Subcommands.named(new String[]{})).isNull();
    }

    private static String[] concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    @Test
    void theSentenceCheckCanFail() {
        assertThat(isSentence("Sign an action offline and print the exact JSON body for POST /exchange:")).isFalse();
        assertThat(isSentence("Run a deployment: paper on live candles through the simulator (realistic profile, wall clock),"))
                .isFalse();
        assertThat(isSentence("Replay the candles a paper/live deployment recorded through the backtester (same config, seed,"))
                .isFalse();
        assertThat(isSentence("lower case start.")).isFalse();
        assertThat(isSentence("Unbalanced (parenthesis.")).isFalse();
        assertThat(isSentence("List the stored series (rows, gaps).")).isTrue();
        assertThat(isSentence("Show this help message and exit.")).isTrue();
    }

    /** What the parent's command list shows: the first header line, else the first description line. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        String s = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
        return s.strip();
    }

    /**
     * A whole sentence: starts with a capital letter (or a quoted/flag token), ends with a full stop
     * (possibly inside a closing bracket or quote), and its brackets are balanced.
     */
    static boolean isSentence(String s) {
        if (s.isBlank()) {
            return false;
        }
        char first = s.charAt(0);
        if (!Character.isUpperCase(first) && first != '\'' && first != '"' && first != '-' && first != '$') {
            return false;
        }
        String end = s.replaceAll("[)\"'`]+$", "");
        if (!(end.endsWith(".") || end.endsWith("!") || end.endsWith("?"))) {
            return false;
        }
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
