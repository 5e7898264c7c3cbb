package org.helixff.compute.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;
import org.helixff.InvalidInputException;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.DescriptorGradients;
import org.helixff.descriptor.DescriptorSet;
import org.helixff.descriptor.RadialTable;
import org.helixff.descriptor.SoapLayout;
import org.helixff.descriptor.SoapParameters;
import org.helixff.descriptor.math.RealSphericalHarmonics;
import org.helixff.neighbors.NeighborList;

/**
 * Reference CPU implementation of the SOAP power spectrum (docs/method.md eqs. (2.4)-(2.7)) with exact
 * derivatives, for image lists (symmetry-adapted, {@code ImageNeighbors}) and cell lists (full cell,
 * {@code CellNeighbors}) alike: the engine only sees displacements.
 *
 * <p>Per centre i, for each entry (neighbour displacement d, r = |d| &lt; r_c):
 * <pre>
 *   c_nlm(i) += h_nl(r) Y_lm(d / r)                    (h from {@link RadialTable}, real Y_lm by recurrence)
 *   p_i[n, n', l] = s_l sum_m c_nlm c_n'lm             (layout {@link SoapLayout})
 * </pre>
 * With real harmonics sum_m c_nlm c_n'lm equals the complex sum_m c_nlm conj(c_n'lm) (both are
 * sum_jk h_nl(r_j) h_n'l(r_k) (2l+1)/(4 pi) P_l(cos theta_jk) by the addition theorem), so p is the
 * rotation-invariant power spectrum of the method. Units: p in Bohr^-3.
 *
 * <p>Conventions and edge cases: entries with r &ge; r_c are ignored (the list may have a larger
 * cutoff); a centre without neighbours inside r_c gets p = 0 (all components; no NaN); the list's
 * cutoff must be at least r_c and every entry must have r &gt; {@value #MIN_DISTANCE} Bohr
 * ({@link InvalidInputException} otherwise).
 *
 * <p>Reverse mode ({@link DescriptorSet#backpropagate}): lambda_nlm = dE/dc_nlm =
 * s_l sum_n' W_l[n, n'] c_n'lm (W the symmetric matrix of dE/dp, diagonal doubled), then per entry
 * dE/dd = u sum_nlm lambda_nlm h'_nl Y_lm + (V - (V.u) u) / r with V = sum_lm (sum_n lambda_nlm h_nl)
 * grad_u Y_lm: cost ~ entries x 2 Nmax (Lmax+1)^2, independent of D.
 *
 * <p>Parallelism: centres are split into blocks of {@value #BLOCK} run as fork/join tasks; every
 * centre writes only its own rows (its descriptor, its coefficients, the gradient slots of its own
 * entries) and sums in a fixed order, so results are bit-identical for any number of threads. Scratch
 * arrays are allocated once per block, never per entry. The per-centre arithmetic works on flat arrays
 * (table coefficients, coefficient rows) so that the CUDA twin can mirror it one thread block per centre.
 * Thread-safe and immutable.
 */
public final class CpuSoapEngine implements DescriptorEngine {
    /** Entries closer than this (Bohr) have no direction and are rejected. */
    public static final double MIN_DISTANCE = 1e-8;
    /** Centres per fork/join task. */
    static final int BLOCK = 8;

    private final SoapParameters params;
    private final SoapLayout layout;
    private final RadialTable table;
    private final RealSphericalHarmonics harmonics;
    private final ForkJoinPool pool;
    /** Per-thread scratch (a thread runs one block body at a time: bodies never join). */
    private final ThreadLocal<Workspace> workspaces;
    private final int nmax;
    private final int lmax;
    private final int ll;
    private final int width;
    private final int ncoef;
    private final int dlen;
    private final double cutoff;
    private final double[] weights;

    /** An engine running on the common fork/join pool. */
    public CpuSoapEngine(SoapParameters p) {
        this(p, ForkJoinPool.commonPool());
    }

    /**
     * An engine running its blocks on the given pool, or sequentially in the calling thread when
     * {@code pool} is null.
     */
    public CpuSoapEngine(SoapParameters p, ForkJoinPool pool) {
        if (p == null) {
            throw new InvalidInputException("SOAP parameters must be given");
        }
        this.params = p;
        this.layout = SoapLayout.of(p);
        this.table = RadialTable.of(p);
        this.harmonics = new RealSphericalHarmonics(p.lmax());
        this.pool = pool;
        this.nmax = p.nmax();
        this.lmax = p.lmax();
        this.ll = (lmax + 1) * (lmax + 1);
        this.width = nmax * (lmax + 1);
        this.ncoef = nmax * ll;
        this.dlen = layout.length();
        this.cutoff = p.cutoff();
        final int wdt = width;
        final int lls = ll;
        final int nc = ncoef;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(wdt, lls, nc));
        this.weights = new double[lmax + 1];
        for (int l = 0; l <= lmax; l++) {
            weights[l] = SoapLayout.weight(l);
        }
    }

    /** An engine that runs in the calling thread only. */
    public static CpuSoapEngine sequential(SoapParameters p) {
        return new CpuSoapEngine(p, null);
    }

    @Override
    public SoapParameters parameters() {
        return params;
    }

    /** The descriptor layout. */
    public SoapLayout layout() {
        return layout;
    }

    /** The radial table in use. */
    public RadialTable radialTable() {
        return table;
    }

    @Override
    public SoapDescriptorSet compute(NeighborList nl) {
        check(nl);
        int centers = nl.centers();
        double[] values = new double[centers * dlen];
        double[] coef = new double[centers * ncoef];
        forBlocks(centers, b -> {
            Workspace w = workspace();
            int hi = Math.min(centers, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < hi; i++) {
                expand(nl, i, coef, w);
                power(coef, i * ncoef, values, i * dlen);
            }
        });
        return new SoapDescriptorSet(this, nl, values, coef);
    }

    @Override
    public DescriptorGradients computeWithGradients(NeighborList nl) {
        check(nl);
        int centers = nl.centers();
        long size = 3L * nl.entries() * dlen;
        if (size > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("full descriptor Jacobian would hold " + size + " numbers ("
                    + nl.entries() + " entries x 3 x " + dlen + "); use compute(...).backpropagate instead");
        }
        double[] values = new double[centers * dlen];
        double[] grad = new double[(int) size];
        forBlocks(centers, b -> {
            Workspace w = workspace();
            double[] coef = w.coef;
            int hi = Math.min(centers, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < hi; i++) {
                java.util.Arrays.fill(coef, 0.0);
                expandInto(nl, i, coef, 0, w);
                power(coef, 0, values, i * dlen);
                jacobian(nl, i, coef, grad, w);
            }
        });
        return new DescriptorGradients(centers, dlen, values, grad);
    }

    double[] backpropagate(SoapDescriptorSet set, double[] dEdp) {
        NeighborList nl = set.neighbors();
        double[] coef = set.rawCoefficients();
        int centers = nl.centers();
        double[] out = new double[3 * nl.entries()];
        forBlocks(centers, b -> {
            Workspace w = workspace();
            int hi = Math.min(centers, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < hi; i++) {
                backpropCenter(nl, i, coef, i * ncoef, dEdp, i * dlen, out, w);
            }
        });
        return out;
    }

    private void check(NeighborList nl) {
        if (nl == null) {
            throw new InvalidInputException("neighbour list must be given");
        }
        if (nl.cutoff() < cutoff) {
            throw new InvalidInputException("neighbour list cutoff " + nl.cutoff() + " Bohr is below the SOAP cutoff r_c = "
                    + cutoff + " Bohr");
        }
    }

    private void forBlocks(int centers, IntConsumer body) {
        int blocks = (centers + BLOCK - 1) / BLOCK;
        if (pool == null || blocks <= 1) {
            for (int b = 0; b < blocks; b++) {
                body.accept(b);
            }
        } else {
            pool.invoke(new Blocks(0, blocks, body));
        }
    }

    private static final class Blocks extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int lo;
        private final int hi;
        private final transient IntConsumer body;

        Blocks(int lo, int hi, IntConsumer body) {
            this.lo = lo;
            this.hi = hi;
            this.body = body;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.accept(lo);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Blocks(lo, mid, body), new Blocks(mid, hi, body));
        }
    }

    /**
     * Scratch of one thread, sized for one engine's (Nmax, Lmax). The pair arrays are pair-contiguous
     * (structure of arrays: row q of hb holds h_q of every pair of the current centre) and grow to the
     * largest centre seen; nothing is allocated per entry or, after the first call, per call. Static
     * (no reference to the engine) so that the per-thread cache cannot keep an engine alive.
     */
    private static final class Workspace {
        final int width;
        final int ll;
        final double[] h;
        final double[] dh;
        final double[] y;
        final double[] gx;
        final double[] gy;
        final double[] gz;
        final double[] lam;
        final double[] dc;
        final double[] coef;
        int cap;
        int[] entry;
        double[] r;
        double[] ux;
        double[] uy;
        double[] uz;
        /** Spline values h_q(pair) and derivatives, one row per q = n (Lmax+1) + l (rows: vectorisable loops). */
        double[][] hb;
        double[][] dhb;
        /** Y_lm(pair) and the gradient of its polynomial extension, one row per lm. */
        double[][] yb;
        double[][] gxb;
        double[][] gyb;
        double[][] gzb;
        /** A_lm(pair) and B_lm(pair) of the reverse mode, one row per lm. */
        double[][] ab;
        double[][] bb;
        /** Per-pair sums of the reverse mode: radial part and V (x, y, z). */
        double[][] red;
        double[][] scratch;

        Workspace(int width, int ll, int ncoef) {
            this.width = width;
            this.ll = ll;
            h = new double[width];
            dh = new double[width];
            y = new double[ll];
            gx = new double[ll];
            gy = new double[ll];
            gz = new double[ll];
            lam = new double[ncoef];
            dc = new double[3 * ncoef];
            coef = new double[ncoef];
            grow(0);
        }

        void ensure(int pairs) {
            if (pairs > cap) {
                grow(Math.max(pairs, cap + cap / 2));
            }
        }

        private void grow(int c) {
            cap = c;
            entry = new int[c];
            r = new double[c];
            ux = new double[c];
            uy = new double[c];
            uz = new double[c];
            hb = new double[width][c];
            dhb = new double[width][c];
            yb = new double[ll][c];
            gxb = new double[ll][c];
            gyb = new double[ll][c];
            gzb = new double[ll][c];
            ab = new double[ll][c];
            bb = new double[ll][c];
            red = new double[4][c];
            scratch = new double[10][c];
        }
    }

    /** This thread's workspace for this engine. */
    private Workspace workspace() {
        return workspaces.get();
    }

    /**
     * Collects the entries of centre i inside r_c into the workspace (entry index, r, unit vector) and
     * returns their number.
     */
    private int gather(NeighborList nl, int i, Workspace w) {
        w.ensure(nl.count(i));
        int np = 0;
        for (int e = nl.start(i), end = nl.end(i); e < end; e++) {
            double r = distance(nl, e);
            if (r >= cutoff) {
                continue;
            }
            double inv = 1.0 / r;
            w.entry[np] = e;
            w.r[np] = r;
            w.ux[np] = nl.disp(e, 0) * inv;
            w.uy[np] = nl.disp(e, 1) * inv;
            w.uz[np] = nl.disp(e, 2) * inv;
            np++;
        }
        return np;
    }

    /** Spline values (and derivatives when asked) of every gathered pair into hb[q][p] (and dhb[q][p]). */
    private void radialBatch(Workspace w, int np, boolean derivatives) {
        double[] h = w.h;
        double[] dh = w.dh;
        double[][] hb = w.hb;
        double[][] dhb = w.dhb;
        for (int p = 0; p < np; p++) {
            if (derivatives) {
                table.evaluate(w.r[p], h, dh);
                for (int q = 0; q < width; q++) {
                    hb[q][p] = h[q];
                    dhb[q][p] = dh[q];
                }
            } else {
                table.evaluate(w.r[p], h);
                for (int q = 0; q < width; q++) {
                    hb[q][p] = h[q];
                }
            }
        }
    }

    private static double distance(NeighborList nl, int e) {
        double r = nl.distance(e);
        if (!(r > MIN_DISTANCE)) {
            throw new InvalidInputException("neighbour entry " + e + " (atom " + nl.neighbor(e) + ") of centre "
                    + nl.centerOf(e) + " is " + r + " Bohr from it: no direction");
        }
        return r;
    }

    /** c_nlm of centre i into coef[i * ncoef ...] (assumed zero). */
    private void expand(NeighborList nl, int i, double[] coef, Workspace w) {
        expandInto(nl, i, coef, i * ncoef, w);
    }

    private void expandInto(NeighborList nl, int i, double[] coef, int co, Workspace w) {
        int np = gather(nl, i, w);
        if (np == 0) {
            return;
        }
        radialBatch(w, np, false);
        harmonics.evaluateBatchRows(np, w.ux, w.uy, w.uz, w.yb, w.scratch);
        double[][] hb = w.hb;
        double[][] yb = w.yb;
        int lp = lmax + 1;
        // c_nlm = sum_p h_nl(p) Y_lm(p): dot products over pairs in pair order, eight (then four, then one) n at a
        // time for independent chains (register blocking; every coefficient is still its own sum in pair order)
        for (int l = 0; l <= lmax; l++) {
            int lo = l * l;
            int hi = lo + 2 * l + 1;
            for (int lm = lo; lm < hi; lm++) {
                double[] yr = yb[lm];
                int n = 0;
                for (; n + 7 < nmax; n += 8) {
                    double[] h0 = hb[n * lp + l];
                    double[] h1 = hb[(n + 1) * lp + l];
                    double[] h2 = hb[(n + 2) * lp + l];
                    double[] h3 = hb[(n + 3) * lp + l];
                    double[] h4 = hb[(n + 4) * lp + l];
                    double[] h5 = hb[(n + 5) * lp + l];
                    double[] h6 = hb[(n + 6) * lp + l];
                    double[] h7 = hb[(n + 7) * lp + l];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    double s4 = 0;
                    double s5 = 0;
                    double s6 = 0;
                    double s7 = 0;
                    for (int p = 0; p < np; p++) {
                        double yv = yr[p];
                        s0 += h0[p] * yv;
                        s1 += h1[p] * yv;
                        s2 += h2[p] * yv;
                        s3 += h3[p] * yv;
                        s4 += h4[p] * yv;
                        s5 += h5[p] * yv;
                        s6 += h6[p] * yv;
                        s7 += h7[p] * yv;
                    }
                    coef[co + n * ll + lm] = s0;
                    coef[co + (n + 1) * ll + lm] = s1;
                    coef[co + (n + 2) * ll + lm] = s2;
                    coef[co + (n + 3) * ll + lm] = s3;
                    coef[co + (n + 4) * ll + lm] = s4;
                    coef[co + (n + 5) * ll + lm] = s5;
                    coef[co + (n + 6) * ll + lm] = s6;
                    coef[co + (n + 7) * ll + lm] = s7;
                }
                for (; n + 3 < nmax; n += 4) {
                    double[] h0 = hb[n * lp + l];
                    double[] h1 = hb[(n + 1) * lp + l];
                    double[] h2 = hb[(n + 2) * lp + l];
                    double[] h3 = hb[(n + 3) * lp + l];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    for (int p = 0; p < np; p++) {
                        double yv = yr[p];
                        s0 += h0[p] * yv;
                        s1 += h1[p] * yv;
                        s2 += h2[p] * yv;
                        s3 += h3[p] * yv;
                    }
                    coef[co + n * ll + lm] = s0;
                    coef[co + (n + 1) * ll + lm] = s1;
                    coef[co + (n + 2) * ll + lm] = s2;
                    coef[co + (n + 3) * ll + lm] = s3;
                }
                for (; n < nmax; n++) {
                    double[] h0 = hb[n * lp + l];
                    double s0 = 0;
                    for (int p = 0; p < np; p++) {
                        s0 += h0[p] * yr[p];
                    }
                    coef[co + n * ll + lm] = s0;
                }
            }
        }
    }

    /** p of one centre from its coefficients. */
    private void power(double[] coef, int co, double[] values, int vo) {
        int k = vo;
        for (int n = 0; n < nmax; n++) {
            int a = co + n * ll;
            for (int n2 = n; n2 < nmax; n2++) {
                int b = co + n2 * ll;
                for (int l = 0; l <= lmax; l++) {
                    int lo = l * l;
                    int hi = lo + 2 * l + 1;
                    double s = 0;
                    for (int lm = lo; lm < hi; lm++) {
                        s += coef[a + lm] * coef[b + lm];
                    }
                    values[k++] = weights[l] * s;
                }
            }
        }
    }

    /** dE/dd for every entry of centre i. */
    private void backpropCenter(NeighborList nl, int i, double[] coef, int co, double[] dEdp, int po, double[] out,
            Workspace w) {
        double[] lam = w.lam;
        java.util.Arrays.fill(lam, 0.0);
        boolean any = adjointCoefficients(coef, co, dEdp, po, lam);
        if (!any) {
            return; // out is zero-initialised
        }
        int np = gather(nl, i, w);
        if (np == 0) {
            return;
        }
        radialBatch(w, np, true);
        harmonics.evaluateBatchWithGradientRows(np, w.ux, w.uy, w.uz, w.yb, w.gxb, w.gyb, w.gzb, w.scratch);
        adjointRadialSums(w, np, lam);
        pairGradients(w, np, out);
    }

    /**
     * lambda_nlm = s_l sum_n' W_l[n, n'] c_n'lm: the adjoint of the power spectrum at the centre's coefficients
     * {@code coef[co..]} for the gradient {@code dEdp[po..]}; false when that gradient is zero.
     */
    private boolean adjointCoefficients(double[] coef, int co, double[] dEdp, int po, double[] lam) {
        boolean any = false;
        int k = po;
        for (int n = 0; n < nmax; n++) {
            for (int n2 = n; n2 < nmax; n2++) {
                for (int l = 0; l <= lmax; l++) {
                    double g = dEdp[k++];
                    if (g == 0.0) {
                        continue;
                    }
                    any = true;
                    double wgt = weights[l] * g;
                    int lo = l * l;
                    int hi = lo + 2 * l + 1;
                    int an = n * ll;
                    int bn = n2 * ll;
                    if (n == n2) {
                        double w2 = 2 * wgt;
                        for (int lm = lo; lm < hi; lm++) {
                            lam[an + lm] += w2 * coef[co + an + lm];
                        }
                    } else {
                        for (int lm = lo; lm < hi; lm++) {
                            lam[an + lm] += wgt * coef[co + bn + lm];
                            lam[bn + lm] += wgt * coef[co + an + lm];
                        }
                    }
                }
            }
        }
        return any;
    }

    /** A_lm(p) = sum_n lambda_nlm h_nl(p) into w.ab and B_lm(p) = sum_n lambda_nlm h'_nl(p) into w.bb. */
    private void adjointRadialSums(Workspace w, int np, double[] lam) {
        double[][] hb = w.hb;
        double[][] dhb = w.dhb;
        double[][] ab = w.ab;
        double[][] bb = w.bb;
        int lp = lmax + 1;
        // A_lm(p) = sum_n lambda_nlm h_nl(p), B_lm(p) = sum_n lambda_nlm h'_nl(p): axpys over pairs, four n at a
        // time; separate loops for A and B with one index for every row, so that the JIT vectorises them
        for (int l = 0; l <= lmax; l++) {
            int lo = l * l;
            int hi = lo + 2 * l + 1;
            for (int lm = lo; lm < hi; lm++) {
                double[] a = ab[lm];
                double[] bv = bb[lm];
                java.util.Arrays.fill(a, 0, np, 0.0);
                java.util.Arrays.fill(bv, 0, np, 0.0);
                int n = 0;
                for (; n + 3 < nmax; n += 4) {
                    double l0 = lam[n * ll + lm];
                    double l1 = lam[(n + 1) * ll + lm];
                    double l2 = lam[(n + 2) * ll + lm];
                    double l3 = lam[(n + 3) * ll + lm];
                    int q = n * lp + l;
                    double[] h0 = hb[q];
                    double[] h1 = hb[q + lp];
                    double[] h2 = hb[q + 2 * lp];
                    double[] h3 = hb[q + 3 * lp];
                    for (int p = 0; p < np; p++) {
                        a[p] += l0 * h0[p] + l1 * h1[p] + l2 * h2[p] + l3 * h3[p];
                    }
                    double[] d0 = dhb[q];
                    double[] d1 = dhb[q + lp];
                    double[] d2 = dhb[q + 2 * lp];
                    double[] d3 = dhb[q + 3 * lp];
                    for (int p = 0; p < np; p++) {
                        bv[p] += l0 * d0[p] + l1 * d1[p] + l2 * d2[p] + l3 * d3[p];
                    }
                }
                for (; n < nmax; n++) {
                    double l0 = lam[n * ll + lm];
                    double[] h0 = hb[n * lp + l];
                    double[] d0 = dhb[n * lp + l];
                    for (int p = 0; p < np; p++) {
                        a[p] += l0 * h0[p];
                    }
                    for (int p = 0; p < np; p++) {
                        bv[p] += l0 * d0[p];
                    }
                }
            }
        }
    }

    /**
     * Per pair: radial = sum_lm B_lm Y_lm, V = sum_lm A_lm grad_u Y_lm (elementwise over pairs), then the
     * gradient with respect to the pair's displacement into {@code out} (3 per neighbour entry).
     */
    private void pairGradients(Workspace w, int np, double[] out) {
        double[][] ab = w.ab;
        double[][] bb = w.bb;
        // per pair: radial = sum_lm B_lm Y_lm, V = sum_lm A_lm grad_u Y_lm (elementwise over pairs)
        double[] rad = w.red[0];
        double[] vxs = w.red[1];
        double[] vys = w.red[2];
        double[] vzs = w.red[3];
        java.util.Arrays.fill(rad, 0, np, 0.0);
        java.util.Arrays.fill(vxs, 0, np, 0.0);
        java.util.Arrays.fill(vys, 0, np, 0.0);
        java.util.Arrays.fill(vzs, 0, np, 0.0);
        for (int lm = 0; lm < ll; lm++) {
            double[] abr = ab[lm];
            double[] bbr = bb[lm];
            double[] yr = w.yb[lm];
            double[] gxr = w.gxb[lm];
            double[] gyr = w.gyb[lm];
            double[] gzr = w.gzb[lm];
            for (int p = 0; p < np; p++) {
                rad[p] += bbr[p] * yr[p];
                vxs[p] += abr[p] * gxr[p];
            }
            for (int p = 0; p < np; p++) {
                vys[p] += abr[p] * gyr[p];
                vzs[p] += abr[p] * gzr[p];
            }
        }
        for (int p = 0; p < np; p++) {
            double ux = w.ux[p];
            double uy = w.uy[p];
            double uz = w.uz[p];
            double inv = 1.0 / w.r[p];
            double radial = rad[p];
            double vx = vxs[p];
            double vy = vys[p];
            double vz = vzs[p];
            double dot = vx * ux + vy * uy + vz * uz;
            int e = w.entry[p];
            out[3 * e] = radial * ux + (vx - dot * ux) * inv;
            out[3 * e + 1] = radial * uy + (vy - dot * uy) * inv;
            out[3 * e + 2] = radial * uz + (vz - dot * uz) * inv;
        }
    }

    /** Full Jacobian rows of centre i's entries, given its coefficients coef[0..ncoef). */
    private void jacobian(NeighborList nl, int i, double[] coef, double[] grad, Workspace w) {
        double[] h = w.h;
        double[] dh = w.dh;
        double[] y = w.y;
        double[] gx = w.gx;
        double[] gy = w.gy;
        double[] gz = w.gz;
        double[] dc = w.dc;
        int lp = lmax + 1;
        for (int e = nl.start(i), end = nl.end(i); e < end; e++) {
            double r = distance(nl, e);
            if (r >= cutoff) {
                continue; // rows stay zero
            }
            double inv = 1.0 / r;
            double ux = nl.disp(e, 0) * inv;
            double uy = nl.disp(e, 1) * inv;
            double uz = nl.disp(e, 2) * inv;
            table.evaluate(r, h, dh);
            harmonics.evaluateWithGradient(ux, uy, uz, y, gx, gy, gz);
            RealSphericalHarmonics.projectToDirection(ux, uy, uz, r, gx, gy, gz, ll);
            // dc[c][n][lm] = h'_nl Y_lm u_c + h_nl dY_lm/dd_c
            for (int n = 0; n < nmax; n++) {
                for (int l = 0; l <= lmax; l++) {
                    double hv = h[n * lp + l];
                    double dv = dh[n * lp + l];
                    int lo = l * l;
                    int hi = lo + 2 * l + 1;
                    for (int lm = lo; lm < hi; lm++) {
                        double rad = dv * y[lm];
                        int o = n * ll + lm;
                        dc[o] = rad * ux + hv * gx[lm];
                        dc[ncoef + o] = rad * uy + hv * gy[lm];
                        dc[2 * ncoef + o] = rad * uz + hv * gz[lm];
                    }
                }
            }
            for (int c = 0; c < 3; c++) {
                int go = (e * 3 + c) * dlen;
                int dco = c * ncoef;
                int k = 0;
                for (int n = 0; n < nmax; n++) {
                    int a = n * ll;
                    for (int n2 = n; n2 < nmax; n2++) {
                        int b = n2 * ll;
                        for (int l = 0; l <= lmax; l++) {
                            int lo = l * l;
                            int hi = lo + 2 * l + 1;
                            double s = 0;
                            for (int lm = lo; lm < hi; lm++) {
                                s += dc[dco + a + lm] * coef[b + lm] + coef[a + lm] * dc[dco + b + lm];
                            }
                            grad[go + k++] = weights[l] * s;
                        }
                    }
                }
            }
        }
    }
}
