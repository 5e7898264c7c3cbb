/**
 * CPU implementations of the engine contracts, side by side: the reference SOAP descriptor engine
 * ({@code CpuSoapEngine} and its descriptor sets) and the reference kernel engine ({@code CpuKernelEngine}) with
 * the blocked matrix products it uses. The oracle for every fast path. May depend on {@code compute},
 * {@code descriptor}, {@code descriptor.math}, {@code neighbors} and {@code org.helixff}.
 */
package org.helixff.compute.cpu;
