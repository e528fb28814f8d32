package io.hypertrader.backtest.sweep;

import java.io.Serializable;

/**
 * A {@link TrialFactory} in a form that travels to other machines: serialisable, self-contained
 * (config text and the candle slices, never a path or a database to open), and opened once per
 * JVM that runs trials. Opening it twice, anywhere, gives factories that build identical trials.
 */
public interface PortableTrialFactory extends Serializable {
    /** The factory, built from what this object carries. */
    TrialFactory open();
}
