package io.hypertrader.sim.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Child random sources: one per (run seed, model name), so adding a draw to one model never
 * shifts another. The child seed is SplitMix64's finaliser applied to the seed mixed with the
 * 64-bit FNV-1a hash of the name's UTF-8 bytes (stable across JVMs and versions).
 */
public final class ModelRandom {
    private ModelRandom() {
    }

    public static SplittableRandom child(long seed, String modelName) {
        return new SplittableRandom(childSeed(seed, modelName));
    }

    public static long childSeed(long seed, String modelName) {
        long h = 0xcbf29ce484222325L;
        for (byte b : modelName.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(seed * 0x9E3779B97F4A7C15L + h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
