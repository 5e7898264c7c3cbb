/**
 * The one place a backend is resolved: {@code Backends} probes CUDA, applies the AUTO fallback and self-check,
 * reports, and makes the {@code compute.Engines} pair of a backend, which callers pass down as a value. Top of the
 * compute layer: may depend on {@code compute}, {@code compute.cpu}, {@code compute.cuda}, {@code descriptor} and
 * {@code org.helixff}.
 */
package org.helixff.backend;
