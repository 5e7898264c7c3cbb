package org.helixff.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.bench.Parallelism;

/**
 * Times a workload the way the benchmarks of this project do: warm up (JIT compilation) for a while, then run
 * batches of calls, each batch long enough for the clock's resolution, and report the median, fastest and slowest
 * time per call. Medians rather than means, because the development machine is shared with other jobs.
 *
 * <p>{@link Parallelism#SINGLE} runs the warm-up and every batch on one dedicated worker thread (a fork/join pool
 * of parallelism 1, created per measurement) and reads that thread's CPU time; {@link Parallelism#ALL} runs on
 * the calling thread (parallel work goes to the common pool) and reads the wall clock. Library code: it never
 * prints.
 */
final class BenchMeasurement {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Keeps results reachable so the JIT cannot discard the work. */
    private static volatile Object sink;

    private BenchMeasurement() {
    }

    /**
     * BenchMeasurement settings.
     *
     * @param warmupSeconds    least seconds of calls before measuring (>= 0)
     * @param maxWarmupSeconds most seconds of warm-up (>= warmupSeconds; 0: no warm-up call at all, else at least
     *                         one): after the least, warm-up goes on in batches until the best batch has not
     *                         improved by more than {@link #STABLE} for {@link #STABLE_BATCHES} batches (the JIT
     *                         has finished compiling the hot code), or until this limit
     * @param batchSeconds     target length of a batch (>= 0): calls per batch are chosen from the warm-up so
     *                         that a batch lasts about this long
     * @param batches          number of batches (>= 1)
     * @param maxSeconds       stop adding batches once this much time has been measured (> 0; at least one batch)
     */
    public record Settings(double warmupSeconds, double maxWarmupSeconds, double batchSeconds, int batches,
            double maxSeconds) {
        public Settings {
            if (!(warmupSeconds >= 0) || !(maxWarmupSeconds >= warmupSeconds) || !(batchSeconds >= 0) || batches < 1
                    || !(maxSeconds > 0)) {
                throw new InvalidInputException("measurement settings: warm-up " + warmupSeconds + " to "
                        + maxWarmupSeconds + " s, batch " + batchSeconds + " s, " + batches + " batches, limit "
                        + maxSeconds + " s");
            }
        }

        /** Warm-up 2 to 10 s, batches of 50 ms, 15 batches, at most 20 s of measuring. */
        public static Settings standard() {
            return new Settings(2.0, 10.0, 0.05, 15, 20.0);
        }

        /** Warm-up 1 to 3 s, batches of 20 ms, 5 batches, at most 3 s. */
        public static Settings quick() {
            return new Settings(1.0, 3.0, 0.02, 5, 3.0);
        }

        /** No warm-up and a single one-call batch (for tests of formats only). */
        public static Settings once() {
            return new Settings(0, 0, 0, 1, 1e9);
        }

        public Settings withBatches(int n) {
            return new Settings(warmupSeconds, maxWarmupSeconds, batchSeconds, n, maxSeconds);
        }

        /** The same with warm-up between {@code least} and {@code most} seconds. */
        public Settings withWarmup(double least, double most) {
            return new Settings(least, most, batchSeconds, batches, maxSeconds);
        }

        /** The same with batches of about {@code seconds} of calls. */
        public Settings withBatchSeconds(double seconds) {
            return new Settings(warmupSeconds, maxWarmupSeconds, seconds, batches, maxSeconds);
        }

        public Settings withMaxSeconds(double s) {
            return new Settings(warmupSeconds, maxWarmupSeconds, batchSeconds, batches, s);
        }
    }

    /** Relative improvement of the best warm-up batch below which the code counts as compiled. */
    public static final double STABLE = 0.05;
    /** Warm-up batches without such an improvement that end the warm-up. */
    public static final int STABLE_BATCHES = 3;

    /**
     * Measures {@code work}.
     *
     * @param name  what is measured (for the report)
     * @param items items one call processes (atoms, ...; >= 1) for per-item times
     * @throws HelixException whatever the work throws (unwrapped)
     */
    public static BenchTiming time(String name, long items, Parallelism mode, Settings s, Supplier<?> work) {
        if (mode == Parallelism.ALL) {
            return run(name, items, mode, s, work, false);
        }
        return onOneWorker("measurement of " + name, () -> run(name, items, mode, s, work, true));
    }

    /**
     * Runs the task on a fresh fork/join pool of parallelism 1, so that the library's parallel streams inside it
     * stay on that one worker; what the task throws is rethrown unwrapped.
     */
    private static <T> T onOneWorker(String what, java.util.concurrent.Callable<T> task) {
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            return pool.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * One workload of {@link #interleaved}.
     *
     * @param name  what is measured
     * @param items items one call processes (>= 1)
     * @param work  the call
     * @param warm  whether to warm it up first (false for calls of seconds or more that run code already warmed up
     *              by the others: then every batch is one call)
     */
    public record Work(String name, long items, Supplier<?> work, boolean warm) {
        public Work(String name, long items, Supplier<?> work) {
            this(name, items, work, true);
        }
    }

    /**
     * Measures several workloads whose times will be compared, in rounds: each workload is warmed up (as in
     * {@link #time}), then every round runs one batch of each in turn, so that a change of the machine's load
     * during the measurement affects all of them alike (on a shared machine even a thread's CPU time depends on
     * what the other cores do to the shared caches). Batches: {@code settings.batches()} rounds, fewer once
     * {@code settings.maxSeconds()} has been measured in total (at least one round).
     *
     * @return one timing per workload, in the given order
     */
    public static List<BenchTiming> interleaved(List<Work> works, Parallelism mode, Settings s) {
        if (works.isEmpty()) {
            throw new InvalidInputException("nothing to measure");
        }
        if (mode == Parallelism.ALL) {
            return runInterleaved(works, mode, s, false);
        }
        return onOneWorker("measurement", () -> runInterleaved(works, mode, s, true));
    }

    /**
     * Runs the workloads in turn (each at least once) for about {@code seconds} of wall time and discards the
     * results: a shared JIT warm-up before a series of measurements, so that the first measurement does not pay
     * for compiling code the others share (on a busy machine the compiler threads lag by seconds).
     */
    public static void prime(List<Work> works, double seconds) {
        long t0 = System.nanoTime();
        do {
            for (Work w : works) {
                sink = w.work().get();
            }
        } while ((System.nanoTime() - t0) * 1e-9 < seconds);
        sink = null;
    }

    private static List<BenchTiming> runInterleaved(List<Work> works, Parallelism mode, Settings s, boolean cpu) {
        if (cpu && !THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        int w = works.size();
        int[] perBatch = new int[w];
        for (int i = 0; i < w; i++) {
            perBatch[i] = s.maxWarmupSeconds() == 0 || !works.get(i).warm() ? 1 : warmup(s, works.get(i).work(), cpu);
        }
        double[][] t = new double[w][s.batches()];
        long[] total = new long[w];
        int rounds = 0;
        double measured = 0;
        while (rounds < s.batches() && (rounds == 0 || measured < s.maxSeconds())) {
            for (int i = 0; i < w; i++) {
                Supplier<?> work = works.get(i).work();
                long a = now(cpu);
                for (int k = 0; k < perBatch[i]; k++) {
                    sink = work.get();
                }
                double sec = (now(cpu) - a) * 1e-9;
                t[i][rounds] = sec / perBatch[i];
                measured += sec;
                total[i] += perBatch[i];
            }
            rounds++;
        }
        sink = null;
        List<BenchTiming> out = new ArrayList<>(w);
        for (int i = 0; i < w; i++) {
            double[] v = Arrays.copyOf(t[i], rounds);
            Arrays.sort(v);
            double median = rounds % 2 == 1 ? v[rounds / 2] : 0.5 * (v[rounds / 2 - 1] + v[rounds / 2]);
            Work wk = works.get(i);
            out.add(new BenchTiming(wk.name(), mode, mode.threads(), median, v[0], v[rounds - 1], rounds, total[i],
                    Math.max(1, wk.items())));
        }
        return out;
    }

    private static long now(boolean cpu) {
        return cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static BenchTiming run(String name, long items, Parallelism mode, Settings s, Supplier<?> work,
            boolean cpu) {
        if (cpu && !THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        int perBatch = s.maxWarmupSeconds() == 0 ? 1 : warmup(s, work, cpu);
        double[] t = new double[s.batches()];
        int done = 0;
        double measured = 0;
        long total = 0;
        while (done < s.batches() && (done == 0 || measured < s.maxSeconds())) {
            long a = now(cpu);
            for (int i = 0; i < perBatch; i++) {
                sink = work.get();
            }
            double sec = (now(cpu) - a) * 1e-9;
            t[done++] = sec / perBatch;
            measured += sec;
            total += perBatch;
        }
        double[] v = Arrays.copyOf(t, done);
        Arrays.sort(v);
        double median = done % 2 == 1 ? v[done / 2] : 0.5 * (v[done / 2 - 1] + v[done / 2]);
        sink = null;
        return new BenchTiming(name, mode, mode.threads(), median, v[0], v[done - 1], done, total, Math.max(1, items));
    }

    /**
     * Warm-up: at least warmupSeconds, then until the best batch stops improving (the JIT is done) or the limit.
     * Returns the calls per batch for the measurement.
     */
    private static int warmup(Settings s, Supplier<?> work, boolean cpu) {
        long w0 = System.nanoTime();
        long c0 = now(cpu);
        long calls = 0;
        do {
            sink = work.get();
            calls++;
        } while ((System.nanoTime() - w0) * 1e-9 < Math.min(s.warmupSeconds(), s.batchSeconds()));
        double perCall = Math.max(1e-9, (now(cpu) - c0) * 1e-9 / calls);
        int perBatch = (int) Math.max(1, Math.min(1_000_000, Math.round(s.batchSeconds() / perCall)));
        double best = perCall;
        int sinceBest = 0;
        while (true) {
            double elapsed = (System.nanoTime() - w0) * 1e-9;
            if (elapsed >= s.maxWarmupSeconds() || (elapsed >= s.warmupSeconds() && sinceBest >= STABLE_BATCHES)) {
                break;
            }
            long a = now(cpu);
            for (int i = 0; i < perBatch; i++) {
                sink = work.get();
            }
            double pc = (now(cpu) - a) * 1e-9 / perBatch;
            if (pc < best * (1 - STABLE)) {
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            best = Math.min(best, pc);
            perBatch = (int) Math.max(1, Math.min(1_000_000, Math.round(s.batchSeconds() / Math.max(1e-9, pc))));
        }
        return perBatch;
    }
}
