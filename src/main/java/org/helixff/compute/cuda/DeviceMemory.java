package org.helixff.compute.cuda;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The device memory a context keeps between calls (use inside {@link CudaRuntime.Context#run}, which
 * serialises callers):
 * <ul>
 *   <li>scratch buffers, one per named slot, reused by every call and grown (by a quarter more than asked)
 *       when a call needs more, so a steady workload allocates nothing; a slot can carry an owner token
 *       saying whose data it still holds (the coefficients and pairs of the last descriptor set, which the
 *       reverse mode then uses without an upload);</li>
 *   <li>resident data (radial tables and SOAP constants per parameter set, references and weights per
 *       {@code KernelSpec}), uploaded once under a key that changes when the data change (a new model gives a
 *       new spec and so a new key), least recently used first out beyond {@link #RESIDENT_ENTRIES} entries.</li>
 * </ul>
 * After an out-of-memory error {@link #releaseScratch()} frees the scratch buffers before the batch is split;
 * after a context reset {@link #forget()} drops everything without freeing (the reset freed it). Not thread-safe.
 */
final class DeviceMemory {
    /** Resident entries kept (a few models and SOAP parameter sets). */
    static final int RESIDENT_ENTRIES = 8;

    private static final class Slot {
        DeviceBuffer buffer;
        Object owner;
    }

    private final Map<String, Slot> scratch = new HashMap<>();
    private final LinkedHashMap<String, DeviceBuffer> resident = new LinkedHashMap<>(16, 0.75f, true);

    /** A scratch buffer of at least {@code bytes} bytes for the slot (contents undefined, owner cleared). */
    DeviceBuffer scratch(String slot, long bytes) {
        Slot s = scratch.computeIfAbsent(slot, k -> new Slot());
        s.owner = null;
        if (s.buffer == null || s.buffer.bytes() < bytes) {
            if (s.buffer != null) {
                DeviceBuffer old = s.buffer;
                s.buffer = null;
                old.close();
            }
            s.buffer = DeviceBuffer.bytes(slot, Math.max(8, bytes + bytes / 4));
        }
        return s.buffer;
    }

    /** A scratch buffer for {@code count} doubles. */
    DeviceBuffer doubles(String slot, long count) {
        return scratch(slot, count * Double.BYTES);
    }

    /** A scratch buffer for {@code count} ints. */
    DeviceBuffer ints(String slot, long count) {
        return scratch(slot, count * Integer.BYTES);
    }

    /** The owner token of a slot's contents (null when unknown). */
    Object owner(String slot) {
        Slot s = scratch.get(slot);
        return s == null || s.buffer == null ? null : s.owner;
    }

    /** The slot's buffer when it holds the owner's data, else null. */
    DeviceBuffer ownedBy(String slot, Object owner) {
        Slot s = scratch.get(slot);
        return s != null && s.buffer != null && owner != null && s.owner == owner ? s.buffer : null;
    }

    /** Records whose data the slot holds now. */
    void own(String slot, Object owner) {
        Slot s = scratch.get(slot);
        if (s != null) {
            s.owner = owner;
        }
    }

    /** The resident buffer under {@code key}, made (and uploaded) by {@code make} the first time. */
    DeviceBuffer resident(String key, Supplier<DeviceBuffer> make) {
        DeviceBuffer b = resident.get(key);
        if (b == null) {
            b = make.get();
            resident.put(key, b);
            while (resident.size() > RESIDENT_ENTRIES) {
                Iterator<Map.Entry<String, DeviceBuffer>> it = resident.entrySet().iterator();
                DeviceBuffer old = it.next().getValue();
                it.remove();
                old.close();
            }
        }
        return b;
    }

    /** Frees every scratch buffer (out of memory: make room before splitting the batch). */
    void releaseScratch() {
        for (Slot s : scratch.values()) {
            if (s.buffer != null) {
                DeviceBuffer b = s.buffer;
                s.buffer = null;
                try {
                    b.close();
                } catch (CudaDriverException e) {
                    // the memory is gone with the context or will be; nothing else to do
                }
            }
        }
        scratch.clear();
    }

    /** Frees the resident data too (out of memory after the scratch was released). */
    void releaseAll() {
        releaseScratch();
        for (DeviceBuffer b : resident.values()) {
            try {
                b.close();
            } catch (CudaDriverException e) {
                // as above
            }
        }
        resident.clear();
    }

    /** Drops every buffer without freeing it (the context was reset, which freed the memory). */
    void forget() {
        for (Slot s : scratch.values()) {
            if (s.buffer != null) {
                s.buffer.forget();
            }
        }
        scratch.clear();
        for (DeviceBuffer b : resident.values()) {
            b.forget();
        }
        resident.clear();
    }

    /** Bytes held in scratch and resident buffers. */
    long bytesHeld() {
        long n = 0;
        for (Slot s : scratch.values()) {
            n += s.buffer == null ? 0 : s.buffer.bytes();
        }
        for (DeviceBuffer b : resident.values()) {
            n += b.bytes();
        }
        return n;
    }
}
