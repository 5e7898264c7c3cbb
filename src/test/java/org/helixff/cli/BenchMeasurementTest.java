package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.bench.BenchFormat;
import org.helixff.bench.Parallelism;
import org.junit.jupiter.api.Test;

/**
 * The measurement mechanics (never the times themselves): single-thread mode keeps the library's parallel streams on
 * one thread (otherwise its thread-CPU clock would miss work), every call is counted, the statistics are ordered,
 * and settings are validated.
 */
class BenchMeasurementTest {
    @Test
    void singleModeConfinesParallelStreamsToOneThread() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        BenchTiming t = BenchMeasurement.time("parallel stream", 1000, Parallelism.SINGLE,
                new BenchMeasurement.Settings(0, 0, 0, 3, 1e9), () -> {
                    IntStream.range(0, 1000).parallel().forEach(i -> seen.add(Thread.currentThread()));
                    return seen;
                });
        assertEquals(1, seen.size(), "threads used: " + seen);
        assertNotEquals(Thread.currentThread(), seen.iterator().next(), "runs on the dedicated worker");
        assertEquals(1, t.threads());
        assertEquals("thread-cpu", t.clock());
        assertEquals(3, t.batches());
        assertEquals(3, t.calls(), "no warm-up call, three one-call batches");
    }

    @Test
    void callsAreCountedAndStatisticsOrdered() {
        AtomicLong calls = new AtomicLong();
        BenchTiming t = BenchMeasurement.time("work", 7, Parallelism.ALL,
                new BenchMeasurement.Settings(0.01, 0.05, 0.002, 5, 1e9),
                () -> {
                    calls.incrementAndGet();
                    double s = 0;
                    for (int i = 0; i < 20_000; i++) {
                        s += Math.sqrt(i);
                    }
                    return s;
                });
        assertEquals(5, t.batches());
        assertTrue(calls.get() > t.calls(), "warm-up calls come on top of the measured ones");
        assertTrue(t.min() <= t.median() && t.median() <= t.max(), t.toString());
        assertTrue(t.min() > 0, t.toString());
        assertEquals(t.median() / 7, t.perItem(), Tolerances.EXACT);
        assertEquals("wall", t.clock());
        assertEquals(Parallelism.ALL.threads(), t.threads());
    }

    @Test
    void interleavedRoundsMeasureEveryWorkloadInTurn() {
        StringBuilder order = new StringBuilder();
        java.util.List<BenchTiming> t = BenchMeasurement.interleaved(java.util.List.of(
                new BenchMeasurement.Work("a", 2, () -> order.append('a')),
                new BenchMeasurement.Work("b", 5, () -> order.append('b'), false)), Parallelism.SINGLE,
                new BenchMeasurement.Settings(0.001, 0.002, 0, 4, 1e9));
        assertEquals(2, t.size());
        assertEquals("a", t.get(0).name());
        assertEquals("b", t.get(1).name());
        assertEquals(4, t.get(0).batches());
        assertEquals(4, t.get(1).calls(), "no warm-up for b: one call per round");
        assertEquals(5, t.get(1).items());
        String rounds = order.substring(order.indexOf("b") - 1);
        assertEquals("abababab", rounds, "after a's warm-up, one batch of each per round: " + order);
    }

    @Test
    void exceptionsOfTheWorkPassThrough() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BenchMeasurement.time("bad", 1,
                Parallelism.SINGLE, BenchMeasurement.Settings.once(), () -> {
                    throw new InvalidInputException("broken workload");
                }));
        assertEquals("broken workload", e.getMessage());
    }

    @Test
    void settingsAreValidated() {
        assertThrows(InvalidInputException.class, () -> new BenchMeasurement.Settings(-1, 1, 0.01, 3, 1));
        assertThrows(InvalidInputException.class, () -> new BenchMeasurement.Settings(2, 1, 0.01, 3, 1));
        assertThrows(InvalidInputException.class, () -> new BenchMeasurement.Settings(0, 0, 0.01, 0, 1));
        assertThrows(InvalidInputException.class, () -> new BenchMeasurement.Settings(0, 0, 0.01, 3, 0));
    }

    @Test
    void durationsAndNumbersPrintWithUnits() {
        assertEquals("12.5 ns", BenchFormat.duration(12.5e-9));
        assertEquals("3.20 us", BenchFormat.duration(3.2e-6));
        assertEquals("45.00 ms", BenchFormat.duration(0.045));
        assertEquals("1.500 s", BenchFormat.duration(1.5));
        assertEquals("1519", BenchFormat.number(1519.0));
        assertEquals("35.0", BenchFormat.number(35));
        assertEquals("4.00", BenchFormat.number(4));
    }
}
