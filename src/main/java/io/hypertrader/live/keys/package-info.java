/**
 * Where signing keys live: an encrypted Ethereum keystore v3 folder (web3j, scrypt + AES-128-CTR)
 * under the user's config directory, and the rules for resolving which key signs (keystore by
 * address, or HYPERTRADER_PRIVATE_KEY with a warning) and where the passphrase comes from
 * (terminal without echo, or HYPERTRADER_KEY_PASSPHRASE). Keys and passphrases are never logged,
 * printed, stored unencrypted or put into exception messages.
 */
package io.hypertrader.live.keys;
