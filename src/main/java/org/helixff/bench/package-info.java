/**
 * The timing harness behind {@code helixff bench}: workloads, measurements, environment and report. May depend on
 * the library layers and {@code backend}; only {@code cli} depends on it.
 */
package org.helixff.bench;
