package org.helixff.model;

import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.SoapParameters;
import org.helixff.neighbors.NeighborList;

/**
 * The l = 0 power spectrum with a Gaussian radial basis (only for parameters with Lmax = 0):
 * c_n = sum_j f_c(r_j) exp(-(r_j - mu_n)^2 / (2 s^2)), mu_n = r_c (n + 1)/(Nmax + 1), s = sigma,
 * p[n, n'] = c_n c_n' (n <= n'). A cheap, exactly differentiable descriptor that lets the model and
 * training machinery be tested independently of the SOAP engine.
 */
public final class ToyDescriptorEngine implements DescriptorEngine {
    private final SoapParameters p;

    public ToyDescriptorEngine(SoapParameters p) {
        if (p.lmax() != 0) {
            throw new IllegalArgumentException("toy engine needs Lmax = 0");
        }
        this.p = p;
    }

    @Override
    public SoapParameters parameters() {
        return p;
    }

    private double[] coefficients(NeighborList nl, int i, double[] dc) {
        int nmax = p.nmax();
        double rc = p.cutoff();
        double s = p.sigma();
        double[] c = new double[nmax];
        int e0 = nl.start(i);
        for (int e = e0; e < nl.end(i); e++) {
            double r = nl.distance(e);
            if (r >= rc) {
                continue;
            }
            double fc = 0.5 * (Math.cos(Math.PI * r / rc) + 1);
            double dfc = -0.5 * Math.PI / rc * Math.sin(Math.PI * r / rc);
            for (int n = 0; n < nmax; n++) {
                double mu = rc * (n + 1) / (nmax + 1);
                double g = Math.exp(-(r - mu) * (r - mu) / (2 * s * s));
                double dg = -(r - mu) / (s * s) * g;
                c[n] += fc * g;
                if (dc != null) {
                    double dr = dfc * g + fc * dg;
                    for (int k = 0; k < 3; k++) {
                        dc[((e - e0) * 3 + k) * nmax + n] = dr * nl.disp(e, k) / r;
                    }
                }
            }
        }
        return c;
    }

    @Override
    public DescriptorSet compute(NeighborList nl) {
        int n = nl.centers();
        int d = p.descriptorLength();
        int nmax = p.nmax();
        double[] vals = new double[n * d];
        double[][] cs = new double[n][];
        for (int i = 0; i < n; i++) {
            cs[i] = coefficients(nl, i, null);
            int q = 0;
            for (int a = 0; a < nmax; a++) {
                for (int b = a; b < nmax; b++) {
                    vals[i * d + q++] = cs[i][a] * cs[i][b];
                }
            }
        }
        return new DescriptorSet() {
            @Override
            public int centers() {
                return n;
            }

            @Override
            public int length() {
                return d;
            }

            @Override
            public double[] values() {
                return vals.clone();
            }

            @Override
            public double value(int center, int k) {
                return vals[center * d + k];
            }

            @Override
            public double[] backpropagate(double[] dEdp) {
                double[] out = new double[3 * nl.entries()];
                for (int i = 0; i < n; i++) {
                    double[] dEdc = new double[nmax];
                    int q = 0;
                    for (int a = 0; a < nmax; a++) {
                        for (int b = a; b < nmax; b++) {
                            double g = dEdp[i * d + q++];
                            dEdc[a] += g * cs[i][b];
                            dEdc[b] += g * cs[i][a];
                        }
                    }
                    int cnt = nl.count(i);
                    double[] dc = new double[cnt * 3 * nmax];
                    coefficients(nl, i, dc);
                    for (int e = 0; e < cnt; e++) {
                        for (int k = 0; k < 3; k++) {
                            double acc = 0;
                            for (int a = 0; a < nmax; a++) {
                                acc += dEdc[a] * dc[(e * 3 + k) * nmax + a];
                            }
                            out[3 * (nl.start(i) + e) + k] = acc;
                        }
                    }
                }
                return out;
            }
        };
    }

    @Override
    public DescriptorGradients computeWithGradients(NeighborList nl) {
        int n = nl.centers();
        int d = p.descriptorLength();
        int nmax = p.nmax();
        double[] vals = new double[n * d];
        double[] grads = new double[nl.entries() * 3 * d];
        for (int i = 0; i < n; i++) {
            int cnt = nl.count(i);
            double[] dc = new double[cnt * 3 * nmax];
            double[] c = coefficients(nl, i, dc);
            int q = 0;
            for (int a = 0; a < nmax; a++) {
                for (int b = a; b < nmax; b++) {
                    vals[i * d + q] = c[a] * c[b];
                    for (int e = 0; e < cnt; e++) {
                        for (int k = 0; k < 3; k++) {
                            int ge = ((nl.start(i) + e) * 3 + k) * d + q;
                            grads[ge] = dc[(e * 3 + k) * nmax + a] * c[b] + c[a] * dc[(e * 3 + k) * nmax + b];
                        }
                    }
                    q++;
                }
            }
        }
        return new DescriptorGradients(n, d, vals, grads);
    }
}
