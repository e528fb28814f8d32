package io.hypertrader.bench;

import java.util.List;

/** A group of related measurements (e.g. "data"), run by {@code hypertrader bench}. */
public interface BenchSection {
    /** Short section name used by {@code --section}. */
    String name();

    List<BenchRow> run(BenchOptions options);
}
