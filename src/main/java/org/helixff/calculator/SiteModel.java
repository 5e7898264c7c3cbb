package org.helixff.calculator;

import org.helixff.neighbors.NeighborList;

/**
 * A force field written as a sum of site energies, each a smooth function of the displacements of the
 * site's neighbours within {@link #cutoff()} (Tersoff, SOAP kernel models). {@link SiteCalculator}
 * turns any such model into a {@link Calculator} for both the symmetry-adapted and the full-cell path.
 */
public interface SiteModel {
    /** Neighbours closer than this (Bohr) enter a site energy. */
    double cutoff();

    /** A short name. */
    String name();

    /**
     * Evaluates every centre of the list.
     *
     * @param neighbors     neighbours of each centre (displacements in Bohr)
     * @param siteEnergies  out: site energy of each centre, Hartree (length = centres)
     * @param entryGradient out: dE_site/dd for every entry d, 3 per entry, Ha/Bohr
     */
    void evaluate(NeighborList neighbors, double[] siteEnergies, double[] entryGradient);
}
