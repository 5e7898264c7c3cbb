package org.helixff.teacher;

import org.helixff.Units;
import org.helixff.calculator.SiteModel;
import org.helixff.neighbors.NeighborList;

/**
 * The pair potential of ASE's {@code MorsePotential} (ASE 3.22 documentation and source define the form),
 * written here as a site model so that an ASE run and the symmetric path can be compared:
 * eps_i = 1/2 sum_j phi(r_ij) fc(r_ij), phi = epsilon e (e - 2), e = exp(rho0 (1 - r/r0)), and fc the
 * quintic switch 6 s^5 - 15 s^4 + 10 s^3 with s = 1 - (r - rc1)/(rc2 - rc1) between rc1 = rcut1 r0 and
 * rc2 = rcut2 r0. Parameters in eV and Angstrom as ASE takes them; converted here to Hartree and Bohr.
 */
final class MorseSiteModel implements SiteModel {
    private final double eps;
    private final double rho0;
    private final double r0;
    private final double rc1;
    private final double rc2;

    MorseSiteModel(double epsilonEv, double r0Angstrom, double rho0, double rcut1, double rcut2) {
        this.eps = Units.evToHartree(epsilonEv);
        this.r0 = Units.angstromToBohr(r0Angstrom);
        this.rho0 = rho0;
        this.rc1 = rcut1 * this.r0;
        this.rc2 = rcut2 * this.r0;
    }

    @Override
    public double cutoff() {
        return rc2;
    }

    @Override
    public String name() {
        return "morse";
    }

    @Override
    public void evaluate(NeighborList nl, double[] siteEnergies, double[] grad) {
        for (int i = 0; i < nl.centers(); i++) {
            double e = 0;
            for (int k = nl.start(i); k < nl.end(i); k++) {
                double r = nl.distance(k);
                double x = Math.exp(rho0 * (1 - r / r0));
                double phi = eps * x * (x - 2);
                double dphi = eps * (2 * x - 2) * (-rho0 / r0) * x;
                double fc;
                double dfc;
                double s = 1 - (r - rc1) / (rc2 - rc1);
                if (s >= 1) {
                    fc = 1;
                    dfc = 0;
                } else if (s > 0) {
                    fc = s * s * s * (10 - 15 * s + 6 * s * s);
                    dfc = -(30 * s * s * s * s - 60 * s * s * s + 30 * s * s) / (rc2 - rc1);
                } else {
                    fc = 0;
                    dfc = 0;
                }
                e += 0.5 * phi * fc;
                double g = 0.5 * (dphi * fc + phi * dfc) / r;
                for (int c = 0; c < 3; c++) {
                    grad[3 * k + c] = g * nl.disp(k, c);
                }
            }
            siteEnergies[i] = e;
        }
    }
}
