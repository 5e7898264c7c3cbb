package org.helixff.compute;

import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorEngine;

/**
 * The two engines a kernel model runs on, chosen together and passed down as one value: the descriptor
 * engine (SOAP values and gradients) and the kernel engine (kernel products and design blocks). A
 * calculator holds its own pair, so two calculators on different backends live side by side in one JVM;
 * nothing is looked up from global state or from the descriptor engine's class. Pairs for a backend come
 * from {@code backend.Backends#engines}; the CPU pair is the reference every other pair is tested against.
 *
 * @param descriptors the descriptor engine; its parameters must match the model it evaluates
 * @param kernels     the kernel engine
 */
public record Engines(DescriptorEngine descriptors, KernelEngine kernels) {
    /**
     * @throws InvalidInputException when either engine is null
     */
    public Engines {
        if (descriptors == null || kernels == null) {
            throw new InvalidInputException("engines: a descriptor engine and a kernel engine must both be given");
        }
    }

    /** The backend of the kernel engine (where the model's products run). */
    public Backend backend() {
        return kernels.backend();
    }
}
