/**
 * The workloads the project's two benchmark harnesses time, so that both time the very same work: the tube
 * motifs and calculators ({@code Workloads}), how a workload may use the cores ({@code Parallelism}), the machine
 * a number was measured on ({@code Environment}) and how times and ratios are printed ({@code BenchFormat}). No
 * timing code: the JMH project in {@code bench/} and the package-private harness behind {@code helixff bench}
 * (in {@code cli}) do the measuring. May depend on the library layers and {@code backend}; {@code cli} and
 * {@code bench/} depend on it.
 */
package org.helixff.bench;
