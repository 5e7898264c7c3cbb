package org.helixff.calculator;

import org.helixff.InvalidInputException;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Turns a {@link SiteModel} into a {@link Calculator}. Both paths use the same site energies; they
 * differ only in where the neighbours come from and how the gradients are gathered:
 *
 * <ul>
 *   <li>symmetric: neighbours are images (b; g) of motif atoms. With G = d eps_a / d d for an entry
 *       of centre a pointing at image g of b, the force on a gains +G and the force on b gains
 *       -R_g^T G (the symmetric displacement of every image, docs/method.md eqs. (4.2)-(4.4)); dE/dh gains
 *       j_g G_z and dE/dalpha gains j_g (z x R_g X_b) . G.</li>
 *   <li>full cell: the force on the centre gains +G, on the neighbour atom -G, the virial -d (x) G.</li>
 * </ul>
 */
public final class SiteCalculator implements Calculator {
    /** Atoms closer than this (Bohr) are rejected as unphysical input. */
    public static final double MIN_DISTANCE = 0.5;

    private final SiteModel model;

    /**
     * @param model the site energies and their gradients (not null)
     */
    public SiteCalculator(SiteModel model) {
        this.model = model;
    }

    /** The site model this calculator sums. */
    public SiteModel model() {
        return model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public double cutoff() {
        return model.cutoff();
    }

    @Override
    public SymmetricResult compute(SymmetricStructure s) {
        requireCarbon(s.species());
        NeighborList nl = ImageNeighbors.build(s, model.cutoff());
        checkDistances(nl, "motif atom");
        return gatherSymmetric(s, nl, model);
    }

    /** Gathers site energies and entry gradients of an image list into symmetric forces, dE/dh, dE/dalpha. */
    public static SymmetricResult gatherSymmetric(SymmetricStructure s, NeighborList nl, SiteModel model) {
        int nm = s.motifSize();
        double[] eps = new double[nm];
        double[] grad = new double[3 * nl.entries()];
        model.evaluate(nl, eps, grad);
        return gatherSymmetric(s, nl, eps, grad);
    }

    /** The gathering step alone (for models that evaluate their own sites). */
    public static SymmetricResult gatherSymmetric(SymmetricStructure s, NeighborList nl, double[] eps, double[] grad) {
        HelicalGroup g = s.group();
        int nm = s.motifSize();
        double[] x = s.motif();
        double[] f = new double[3 * nm];
        double dEdh = 0;
        double dEda = 0;
        double energy = 0;
        double[] img = new double[3];
        boolean rotations = nl.hasImageRotations();
        for (int a = 0; a < nm; a++) {
            energy += eps[a];
            for (int e = nl.start(a); e < nl.end(a); e++) {
                double gx = grad[3 * e];
                double gy = grad[3 * e + 1];
                double gz = grad[3 * e + 2];
                f[3 * a] += gx;
                f[3 * a + 1] += gy;
                f[3 * a + 2] += gz;
                int b = nl.neighbor(e);
                int k = nl.imageK(e);
                int j = nl.imageJ(e);
                double c;
                double sn;
                if (rotations) { // the same numbers, computed once by the list
                    c = nl.imageCos(e);
                    sn = nl.imageSin(e);
                } else {
                    double ang = g.angle(k, j);
                    c = Math.cos(ang);
                    sn = Math.sin(ang);
                }
                // R^T G
                f[3 * b] -= c * gx + sn * gy;
                f[3 * b + 1] -= -sn * gx + c * gy;
                f[3 * b + 2] -= gz;
                if (j != 0) {
                    // R X_b as HelicalGroup.apply computes it (its z is not needed)
                    img[0] = c * x[3 * b] - sn * x[3 * b + 1];
                    img[1] = sn * x[3 * b] + c * x[3 * b + 1];
                    dEdh += j * gz;
                    dEda += j * (-img[1] * gx + img[0] * gy);
                }
            }
        }
        return new SymmetricResult(energy, eps, f, dEdh, dEda);
    }

    @Override
    public CellResult compute(Structure s) {
        requireCarbon(s.species());
        NeighborList nl = CellNeighbors.build(s, model.cutoff());
        checkDistances(nl, "atom");
        int n = s.size();
        double[] eps = new double[n];
        double[] grad = new double[3 * nl.entries()];
        model.evaluate(nl, eps, grad);
        return gatherCell(n, nl, eps, grad);
    }

    /** Gathers site energies and entry gradients of a cell list into forces and virial. */
    public static CellResult gatherCell(int n, NeighborList nl, double[] eps, double[] grad) {
        double[] f = new double[3 * n];
        double[] w = new double[9];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            energy += eps[i];
            for (int e = nl.start(i); e < nl.end(i); e++) {
                int j = nl.neighbor(e);
                for (int d = 0; d < 3; d++) {
                    double gd = grad[3 * e + d];
                    f[3 * i + d] += gd;
                    f[3 * j + d] -= gd;
                }
                for (int a = 0; a < 3; a++) {
                    double da = nl.disp(e, a);
                    for (int b = 0; b < 3; b++) {
                        w[3 * a + b] -= da * grad[3 * e + b];
                    }
                }
            }
        }
        return new CellResult(energy, eps, f, w);
    }

    /** Rejects any species other than carbon (the only element the library models). */
    public static void requireCarbon(String[] species) {
        for (int i = 0; i < species.length; i++) {
            if (!"C".equals(species[i])) {
                throw new InvalidInputException("atom " + i + " is '" + species[i]
                        + "': only carbon (C) is supported");
            }
        }
    }

    /** Rejects structures with two atoms closer than {@link #MIN_DISTANCE}. */
    public static void checkDistances(NeighborList nl, String what) {
        int e = nl.closestEntry();
        if (e >= 0 && nl.distance(e) < MIN_DISTANCE) {
            throw new InvalidInputException(String.format("%s %d and its neighbour %d are %.4f Bohr apart (< %.1f Bohr)",
                    what, nl.centerOf(e), nl.neighbor(e), nl.distance(e), MIN_DISTANCE));
        }
    }
}
