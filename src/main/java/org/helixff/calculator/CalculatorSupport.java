package org.helixff.calculator;

import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/** Input checks every calculator applies (carbon only, no two atoms closer than 0.5 Bohr). */
public final class CalculatorSupport {
    private CalculatorSupport() {
    }

    /**
     * Checks a tube before any calculator sees it.
     *
     * @throws org.helixff.InvalidInputException for a non-carbon atom or two atoms (motif atoms or their images)
     *         closer than {@link SiteCalculator#MIN_DISTANCE} Bohr
     */
    public static void validate(SymmetricStructure s) {
        SiteCalculator.requireCarbon(s.species());
        SiteCalculator.checkDistances(ImageNeighbors.build(s, SiteCalculator.MIN_DISTANCE * 1.0001), "motif atom");
    }

    /**
     * Checks a full cell before any calculator sees it.
     *
     * @throws org.helixff.InvalidInputException for a non-carbon atom or two atoms (periodic images included)
     *         closer than {@link SiteCalculator#MIN_DISTANCE} Bohr
     */
    public static void validate(Structure s) {
        SiteCalculator.requireCarbon(s.species());
        SiteCalculator.checkDistances(CellNeighbors.build(s, SiteCalculator.MIN_DISTANCE * 1.0001), "atom");
    }
}
