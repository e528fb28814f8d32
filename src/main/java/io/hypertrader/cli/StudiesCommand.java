package io.hypertrader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hypertrader.store.SweepStore;
import io.hypertrader.core.UserError;
import io.hypertrader.data.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hypertrader studies}: the stored sweeps, Monte Carlo and walk-forward studies, newest first. */
@Command(name = "studies", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List stored sweeps, Monte Carlo and walk-forward studies, newest first: the id, kind, when, "
                + "config hash, size (configurations, seeds, backtests, bars) and the headline figure.",
                "The report of a study is in REPORTS/<kind>-<id>/."})
final class StudiesCommand implements Callable<Integer> {
    static final List<String> KINDS = List.of("sweep", "montecarlo", "walkforward");

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N studies (default: 20).")
    int limit;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind: sweep, montecarlo or walkforward.")
    String kind;

    @Option(names = "--config-hash", paramLabel = "HASH", description = "Only studies of this config hash (a prefix is enough).")
    String configHash;

    @Option(names = "--json", description = "Print one JSON array instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw UserError.usage("--limit must be at least 1, got " + limit);
        }
        String k = kind == null ? null : kind.trim().toLowerCase(Locale.ROOT);
        if (k != null && !KINDS.contains(k)) {
            throw UserError.usage("--kind '" + kind + "': expected sweep, montecarlo or walkforward");
        }
        HyperTraderCli root = HyperTraderCli.root(spec);
        try (Database db = Database.openExisting(root.dbPath(), "hypertrader sweep")) {
            List<SweepStore.StudySummary> rows = new SweepStore(db).summaries(limit, k,
                    configHash == null ? null : configHash.trim());
            PrintWriter out = root.out();
            if (json) {
                out.println(toJson(rows));
            } else if (rows.isEmpty()) {
                root.err().println("no " + (k == null ? "studies" : k + " studies") + " in " + root.dbPath()
                        + (configHash == null ? "" : " with config hash " + configHash)
                        + "; run one with: hypertrader sweep, hypertrader montecarlo or hypertrader walkforward");
            } else {
                String fmt = "%-24s  %-11s  %-24s  %-12s  %7s  %5s  %6s  %6s  %s%n";
                out.printf(Locale.ROOT, fmt, "study", "kind", "created (UTC)", "config hash", "configs", "seeds",
                        "trials", "bars", "headline");
                for (SweepStore.StudySummary r : rows) {
                    String hash = r.configHash() == null ? "" : r.configHash().substring(0, Math.min(12, r.configHash().length()));
                    out.printf(Locale.ROOT, fmt, r.id(), r.kind(), CliTimes.iso(r.createdAtMs()), hash, r.configurations(),
                            r.seeds(), r.trials(), r.bars(), r.best());
                }
            }
            out.flush();
        }
        return 0;
    }

    static String toJson(List<SweepStore.StudySummary> rows) {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode a = m.createArrayNode();
        for (SweepStore.StudySummary r : rows) {
            ObjectNode n = a.addObject();
            n.put("id", r.id());
            n.put("kind", r.kind());
            n.put("created", CliTimes.iso(r.createdAtMs()));
            n.put("created_ms", r.createdAtMs());
            n.put("config_hash", r.configHash());
            n.put("configurations", r.configurations());
            n.put("seeds", r.seeds());
            n.put("trials", r.trials());
            n.put("bars", r.bars());
            n.put("data_from_ms", r.dataFromMs());
            n.put("data_to_ms", r.dataToMs());
            n.put("elapsed_ms", r.elapsedMs());
            n.put("report", "reports/" + r.kind() + "-" + r.id());
            n.put("headline", r.best());
        }
        try {
            return m.writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
