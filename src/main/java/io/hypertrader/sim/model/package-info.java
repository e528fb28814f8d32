/**
 * Simulator models: small interfaces, each with named implementations, each drawing only from
 * its own random source derived from (run seed, model name) by {@link
 * io.hypertrader.sim.model.ModelRandom}. The Javadoc of each implementation says when to choose it.
 */
package io.hypertrader.sim.model;
