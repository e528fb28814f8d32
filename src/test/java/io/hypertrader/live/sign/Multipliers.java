package io.hypertrader.live.sign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The k·G implementations the signing tests run through: BouncyCastle always, libsecp256k1 where it ships. */
final class Multipliers {

    private Multipliers() {
    }

    /** True where the dependency bundles a native library (linux x86_64 and aarch64): there it must load. */
    static boolean nativeExpected() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && List.of("amd64", "x86_64", "aarch64").contains(arch);
    }

    /** libsecp256k1, failing the test (not skipping it) where it is expected to load but does not. */
    static Optional<GeneratorMultiplier> nativeOne() {
        Optional<GeneratorMultiplier> n = GeneratorMultiplier.libsecp256k1();
        if (nativeExpected() && n.isEmpty()) {
            throw new AssertionError("libsecp256k1 should load on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + "; see the warning logged by GeneratorMultiplier");
        }
        return n;
    }

    /** Every path: BouncyCastle, then libsecp256k1 when available (required on linux x86_64/aarch64). */
    static List<GeneratorMultiplier> all() {
        List<GeneratorMultiplier> all = new ArrayList<>(List.of(GeneratorMultiplier.bouncyCastle()));
        nativeOne().ifPresent(all::add);
        return all;
    }
}
