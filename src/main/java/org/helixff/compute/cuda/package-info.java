/**
 * The GPU backend through JCuda (the only package that imports {@code jcuda}): the probe, device memory and
 * faults, PTX resources, launchers (each naming its CPU twin) and the CUDA descriptor and kernel engines. May
 * depend on {@code compute}, {@code compute.cpu} (the CPU twins and fallbacks), {@code descriptor}, the geometry
 * packages and {@code org.helixff}.
 */
package org.helixff.compute.cuda;
