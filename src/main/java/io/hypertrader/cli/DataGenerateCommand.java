package io.hypertrader.cli;

import io.hypertrader.core.Candle;
import io.hypertrader.core.UserError;
import io.hypertrader.data.CandleFiles;
import io.hypertrader.data.SyntheticCandles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hypertrader data generate}: the seeded synthetic BTC-like dataset as CSV. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write seeded synthetic BTC-like 1h candles as CSV.",
                "GARCH(1,1) volatility clustering, Student-t tails, volume tied to volatility. Same seed, same bytes.",
                "The shipped datasets/synthetic-btc-1h.csv is:",
                "  hypertrader data generate --seed 42 --candles 5000 --out datasets/synthetic-btc-1h.csv"})
final class DataGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Seed of the generator.")
    long seed;

    @Option(names = "--candles", defaultValue = "5000", paramLabel = "N", description = "Number of 1h bars from 2024-01-01 UTC (default ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        HyperTraderCli root = HyperTraderCli.root(spec);
        if (candles < 1 || candles > 1_000_000) {
            throw UserError.usage("--candles must be between 1 and 1000000, got " + candles);
        }
        List<Candle> bars = SyntheticCandles.generate(SyntheticCandles.Params.btc1h(seed, candles));
        Path target = out.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                CandleFiles.writeCsv(bars, w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        root.out().println("wrote " + bars.size() + " synthetic 1h candles (seed " + seed + ") to " + out);
        return 0;
    }
}
