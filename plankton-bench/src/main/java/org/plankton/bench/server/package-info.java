/**
 * A bounded load generator for a running server (bench/server-load.sh): it is code, not a test,
 * because its numbers depend on the machine and it takes tens of seconds.
 */
package org.plankton.bench.server;
