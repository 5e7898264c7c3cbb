/**
 * Relaxation of tubes and cells ({@code Relaxer}, L-BFGS) and its result records. The lowest workflow: may depend
 * on {@code calculator}, the geometry packages and {@code org.helixff}; {@code phonon} and {@code dynamics} build
 * on it.
 */
package org.helixff.relax;
