/**
 * Phonons: finite-difference force constants on the helical motif, sum rules, helical and linear dispersions,
 * full-cell spectra, densities of states, mode analysis, thermal properties, and the
 * {@code TubePhonons}/{@code PhononLaws} workflows. May depend on {@code relax}, {@code calculator},
 * {@code descriptor.math}, the geometry packages and {@code org.helixff}; never on formats or result writers.
 */
package org.helixff.phonon;
