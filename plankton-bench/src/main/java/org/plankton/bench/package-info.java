/**
 * Measurements that are not tests: throughput of the network alone versus the whole pipeline from
 * image files, run side by side in one process so that a noisy shared machine affects both alike.
 */
package org.plankton.bench;
