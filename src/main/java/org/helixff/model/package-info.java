/**
 * The learned kernel model ({@code KernelModel}, its posterior), its evaluation on an engine pair
 * ({@code KernelEvaluator}, {@code ModelCalculator}), design rows and extrapolation measures. May depend on
 * {@code calculator}, {@code compute}, {@code compute.cpu} (the CPU reference kernel engine, the default partner
 * of a lone descriptor engine), {@code descriptor}, the geometry packages and {@code org.helixff}; it never
 * chooses a backend.
 */
package org.helixff.model;
