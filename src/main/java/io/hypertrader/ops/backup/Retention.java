package io.hypertrader.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which backups to keep: the newest backup of each of the {@code keepDays} most recent UTC days
 * that have one. Only folders this code wrote (named {@code hypertrader-...} with a readable
 * manifest) are ever deleted, plus interrupted ones ({@code .incomplete-...}) older than a day;
 * anything else in the folder is left alone.
 */
public final class Retention {

    /** The documented default: a week of daily backups. */
    public static final int DEFAULT_KEEP_DAYS = 7;

    private Retention() {
    }

    /** A complete backup folder and when it was taken. */
    public record Entry(Path dir, Instant created) {
    }

    /** Complete backups in {@code root}, oldest first. */
    public static List<Entry> list(Path root) {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (var s = Files.list(root)) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().startsWith(BackupWriter.PREFIX) || !Files.isRegularFile(p.resolve(Manifest.FILE))) {
                    continue;
                }
                try {
                    out.add(new Entry(p, Instant.ofEpochMilli(Manifest.read(p).createdMs())));
                } catch (RuntimeException unreadable) {
                    // not ours to judge: kept
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort(Comparator.comparing(Entry::created).thenComparing(e -> e.dir().getFileName().toString()));
        return out;
    }

    /** The newest complete backup in {@code root}. */
    public static Optional<Entry> newest(Path root) {
        List<Entry> l = list(root);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(l.size() - 1));
    }

    /**
     * Deletes what the policy does not keep; {@code keepDays <= 0} keeps everything.
     *
     * @return the folders deleted
     */
    public static List<Path> apply(Path root, int keepDays, Instant now) {
        List<Path> deleted = new ArrayList<>();
        if (keepDays <= 0) {
            return deleted;
        }
        TreeMap<LocalDate, Entry> newestOfDay = new TreeMap<>();
        List<Entry> all = list(root);
        for (Entry e : all) {
            newestOfDay.put(day(e.created()), e); // ascending order: the last of a day wins
        }
        List<Entry> keep = new ArrayList<>(newestOfDay.descendingMap().values()).subList(0, Math.min(keepDays, newestOfDay.size()));
        for (Entry e : all) {
            if (!keep.contains(e)) {
                RawDuckDb.deleteTree(e.dir());
                deleted.add(e.dir());
            }
        }
        try (var s = Files.list(root)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().startsWith(BackupWriter.INCOMPLETE)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(now.minusSeconds(86_400))) {
                    RawDuckDb.deleteTree(p);
                    deleted.add(p);
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
        return deleted;
    }

    static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
