package io.hypertrader.data;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The clock of a store opened only to read: the stores stamp what they write with their clock,
 * and a backtest reads stored data without writing any, so it needs no wall clock at all. A write
 * through a store on this clock is a bug, and fails loudly rather than stamping a made-up time.
 */
public final class NoClock implements InstantSource {

    /** The one instance. */
    public static final NoClock INSTANCE = new NoClock();

    private NoClock() {
    }

    @Override
    public Instant instant() {
        throw new IllegalStateException("this store was opened to read only: it has no clock to stamp a write with");
    }
}
