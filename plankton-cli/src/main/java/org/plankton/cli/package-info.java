/**
 * The {@code plankton} command line (picocli). Each command parses its options, calls one library
 * method and prints the result; exit codes: 0 success, 1 failure (message on stderr), 2 bad usage.
 */
package org.plankton.cli;
