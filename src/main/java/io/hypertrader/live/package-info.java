/**
 * Live trading against Hyperliquid: the REST exchange and info clients, the WebSocket feed, the
 * transport boundary they share, and (in later work) the paper/live runners, the reconciler and
 * the promotion gates. Sub-packages: {@code sign} (action hashing and EIP-712 signatures, nonces,
 * client order ids), {@code keys} (the encrypted key store), {@code ws} (the WebSocket client).
 *
 * <p>Wire DTOs live here and are kept apart from the engine's domain types; numbers that go on
 * the wire pass through {@code io.hypertrader.exec.OrderRounding}.
 */
package io.hypertrader.live;
