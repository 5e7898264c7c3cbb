package org.helixff.compute.cuda;

import org.helixff.descriptor.RadialTable;
import org.helixff.descriptor.SoapParameters;

/**
 * The scalar arguments the SOAP kernels share: Nmax, Lmax and the radial table's grid (number of
 * intervals, 1 / spacing computed as RadialTable does: intervals / r_c).
 */
record SoapDims(int nmax, int lmax, int intervals, double invSpacing) {
    static SoapDims of(SoapParameters p, RadialTable t) {
        return new SoapDims(p.nmax(), p.lmax(), t.intervals(), t.intervals() / p.cutoff());
    }

    int coefficientCount() {
        return nmax * (lmax + 1) * (lmax + 1);
    }

    int length() {
        return nmax * (nmax + 1) / 2 * (lmax + 1);
    }
}
