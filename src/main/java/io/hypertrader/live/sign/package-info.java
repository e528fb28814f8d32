/**
 * Hyperliquid request signing: the msgpack action hash ("connectionId"), the phantom-agent and
 * user-signed EIP-712 digests, secp256k1 signatures, per-signer nonces and deterministic client
 * order ids. Actions are Jackson {@code ObjectNode}s: insertion-ordered, so the order the bytes
 * are hashed in is the order they are sent in, and floats are refused.
 *
 * <p>Nothing in this package logs, prints or stores a private key; {@link
 * io.hypertrader.live.sign.SigningKey} redacts itself.
 */
package io.hypertrader.live.sign;
