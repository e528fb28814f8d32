/**
 * The promotion gates of issues 6 and 10 ({@link io.hypertrader.live.gate.PromotionGates}): each a
 * pure decision over facts read from the store (backtests of the config hash under the
 * {@code realistic} simulator or stricter, paper hours and fills, testnet orders the exchange
 * answered), with a message naming the gate, the evidence counted and not counted, and the numbers.
 *
 * <p>Why a package of its own: {@code promote} asks one question, "has this exact config earned
 * the next network?", and the answer must not depend on how any runner works, only on what the
 * store holds. It reads the store and the deployment's plan, nothing else of {@code live}.
 */
package io.hypertrader.live.gate;
