/**
 * The picocli commands, one class each, and the mapping of errors to exit codes. The only
 * package that wires concrete implementations (store, venues, clients) together.
 */
package io.hypertrader.cli;
