/**
 * The one {@code Calculator} contract (symmetric energy per motif, symmetric forces, dE/dh, dE/dalpha; full-cell
 * energy, per-atom energies, forces, virial), its result records, uncertainty calculators, and
 * {@code SiteCalculator}, which gathers site energies for both the symmetric and the full-cell path. May depend on
 * the geometry packages and {@code org.helixff}.
 */
package org.helixff.calculator;
