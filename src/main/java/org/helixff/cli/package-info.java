/**
 * The picocli commands: parse options, resolve the backend and model once, call the library, print results and
 * turn errors into one line and exit code 2. Top of the order: may depend on every package; nothing depends on it.
 *
 * <p>The timing harness behind {@code helixff bench} lives here too, package-private ({@code BenchSuite},
 * {@code BenchMeasurement}, {@code BenchTiming}, {@code BenchRatio}, {@code BenchReport}): it is part of the
 * command, not of the library API. The workloads it times are {@code org.helixff.bench}'s, shared with the JMH
 * benchmarks in {@code bench/}.
 */
package org.helixff.cli;
