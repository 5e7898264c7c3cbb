package org.helixff.bench;

import java.util.concurrent.ForkJoinPool;

/**
 * How a measured workload may use the machine's cores.
 *
 * <ul>
 *   <li>{@link #SINGLE}: everything runs on one dedicated fork/join worker thread (a pool of parallelism 1, so
 *       the library's parallel streams stay on it) and the clock is that thread's CPU time: on a machine shared
 *       with other jobs this is the cost of the work itself, not of waiting for a core. Workloads must use
 *       engines that do not hand work to other pools (e.g. {@code CpuSoapEngine.sequential}); see
 *       {@link Workloads}.</li>
 *   <li>{@link #ALL}: the calling thread plus the common fork/join pool, wall-clock time (what a user waits for;
 *       on a busy machine it includes waiting for cores).</li>
 * </ul>
 */
public enum Parallelism {
    SINGLE,
    ALL;

    /** Threads the work may run on: 1, or the common pool's parallelism plus the calling thread. */
    public int threads() {
        return this == SINGLE ? 1 : Math.max(1, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    /** The clock measurements of this mode use. */
    public String clock() {
        return this == SINGLE ? "thread-cpu" : "wall";
    }

    /** Lower-case name for reports ("single", "all"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
