package org.helixff.calculator;

import org.helixff.neighbors.NeighborList;

/**
 * A smooth three-body site energy with an analytic gradient, for testing the gathering machinery
 * independently of any physical potential:
 * eps = sum_j A f(r_j) + sum_{j<k} B f(r_j) f(r_k) (c_jk - c0)^2 with f(r) = (1 - r/rc)^3 for r < rc.
 */
public final class ToySiteModel implements SiteModel {
    private final double rc;
    private static final double A = -0.3;
    private static final double B = 0.05;
    private static final double C0 = -0.4;

    public ToySiteModel(double rc) {
        this.rc = rc;
    }

    @Override
    public double cutoff() {
        return rc;
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public void evaluate(NeighborList nl, double[] eps, double[] grad) {
        for (int i = 0; i < nl.centers(); i++) {
            int s = nl.start(i);
            int n = nl.count(i);
            double[] d = nl.displacements(i);
            double[] g = new double[3 * n];
            double[] r = new double[n];
            double[] f = new double[n];
            double[] fp = new double[n];
            for (int j = 0; j < n; j++) {
                r[j] = Math.sqrt(d[3 * j] * d[3 * j] + d[3 * j + 1] * d[3 * j + 1] + d[3 * j + 2] * d[3 * j + 2]);
                double u = 1 - r[j] / rc;
                f[j] = u * u * u;
                fp[j] = -3 * u * u / rc;
            }
            double e = 0;
            for (int j = 0; j < n; j++) {
                e += A * f[j];
                for (int c = 0; c < 3; c++) {
                    g[3 * j + c] += A * fp[j] * d[3 * j + c] / r[j];
                }
                for (int k = j + 1; k < n; k++) {
                    double dot = d[3 * j] * d[3 * k] + d[3 * j + 1] * d[3 * k + 1] + d[3 * j + 2] * d[3 * k + 2];
                    double cos = dot / (r[j] * r[k]);
                    double w = (cos - C0);
                    e += B * f[j] * f[k] * w * w;
                    double dEdcos = B * f[j] * f[k] * 2 * w;
                    for (int c = 0; c < 3; c++) {
                        double uj = d[3 * j + c] / r[j];
                        double uk = d[3 * k + c] / r[k];
                        g[3 * j + c] += B * fp[j] * f[k] * w * w * uj + dEdcos * (uk - cos * uj) / r[j];
                        g[3 * k + c] += B * f[j] * fp[k] * w * w * uk + dEdcos * (uj - cos * uk) / r[k];
                    }
                }
            }
            eps[i] = e;
            System.arraycopy(g, 0, grad, 3 * s, 3 * n);
        }
    }
}
