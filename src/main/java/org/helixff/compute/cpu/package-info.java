/**
 * CPU implementations of the compute contracts: the reference kernel engine ({@code CpuKernelEngine}) and the
 * blocked matrix products it uses. The oracle for every fast path. May depend on {@code compute}, {@code
 * descriptor}, {@code neighbors} and {@code org.helixff}.
 */
package org.helixff.compute.cpu;
