package org.helixff.io.sparc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The SPARC cyclix input ({@code .inpt} + {@code .ion}) for a {@link SymmetricStructure}, laid out like
 * the shipped raw runs, plus what is needed to map SPARC's results back onto the caller's motif.
 * Immutable.
 *
 * <p>Preparation: (1) a tube with negative screw angle is replaced by its mirror image z -> -z (motif
 * z negated, alpha -> -alpha), because SPARC's pseudocharge bound fails for negative TWIST_ANGLE (data
 * README); energies are unchanged and forces mirror back. (2) Every motif atom is folded into SPARC's
 * fundamental domain theta in [0, 2 pi / N), z in [0, h) ({@link CyclixCoordinates#fold}). (3)
 * {@code CELL: L1 2pi/N h}, {@code TWIST_ANGLE: alpha/h}, {@code BC: D C H}, {@code FD_GRID} and
 * {@code KPOINT_GRID: 1 N eta} follow the rules of {@link SparcSettings}. (4) The {@code .ion} groups
 * the atoms by element (first appearance order) with Cartesian {@code COORD} rows in Bohr.
 */
public final class SparcJob {
    private final SparcInput input;
    private final SparcIon ion;
    private final int[] motifAtom;
    private final GroupElement[] folds;
    private final HelicalGroup sparcGroup;
    private final boolean mirrored;

    private SparcJob(SparcInput input, SparcIon ion, int[] motifAtom, GroupElement[] folds, HelicalGroup sparcGroup,
            boolean mirrored) {
        this.input = input;
        this.ion = ion;
        this.motifAtom = motifAtom;
        this.folds = folds;
        this.sparcGroup = sparcGroup;
        this.mirrored = mirrored;
    }

    /**
     * Prepares the input of a single point (or MD, per settings) of the structure.
     *
     * @throws InvalidInputException if an element has no pseudopotential in the settings, or the
     *                               inner radial boundary r_min - vacuum is not positive (SPARC needs
     *                               the vacuum to be smaller than the tube radius)
     */
    public static SparcJob prepare(SymmetricStructure structure, SparcSettings settings) {
        HelicalGroup g = structure.group();
        boolean mirrored = g.screwAngle() < 0;
        HelicalGroup sg = mirrored ? g.withScrew(-g.screwAngle(), g.screwShift()) : g;
        CyclixCoordinates cc = CyclixCoordinates.of(sg);
        int n = structure.motifSize();
        double[] x = structure.motif();
        double[] folded = new double[3 * n];
        GroupElement[] fold = new GroupElement[n];
        double rmin = Double.POSITIVE_INFINITY;
        double rmax = 0;
        for (int a = 0; a < n; a++) {
            double z = mirrored ? -x[3 * a + 2] : x[3 * a + 2];
            CyclixCoordinates.Fold f = cc.fold(x[3 * a], x[3 * a + 1], z);
            System.arraycopy(f.position(), 0, folded, 3 * a, 3);
            fold[a] = f.element();
            double r = Math.hypot(x[3 * a], x[3 * a + 1]);
            rmin = Math.min(rmin, r);
            rmax = Math.max(rmax, r);
        }
        double vac = settings.vacuum();
        if (!(rmin - vac > 0)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "SPARC cyclix needs the radial vacuum (%.3f Bohr) below the smallest atom radius (%.3f Bohr):"
                            + " inner boundary r_in = %.3f Bohr is not positive", vac, rmin, rmin - vac));
        }
        double l1 = (rmax - rmin) + 2 * vac;
        double l2 = cc.angularWidth();
        double l3 = sg.screwShift();
        double tau = cc.twist();
        double rmid = 0.5 * (rmin + rmax);
        double s = settings.meshSpacing();
        int nx = SparcSettings.ceil(l1 / s);
        int ny = SparcSettings.ceil(rmid * l2 / s);
        int nz = SparcSettings.ceil(l3 * Math.sqrt(1 + rmid * tau * rmid * tau) / s);
        int eta = settings.helicalKpointsFor(l3);

        Map<String, String> kv = new LinkedHashMap<>();
        kv.put("CELL", String.format(Locale.ROOT, "%.12f %.15f %.12f", l1, l2, l3));
        kv.put("TWIST_ANGLE", String.format(Locale.ROOT, "%.15f", tau));
        kv.put("BC", "D C H");
        kv.put("FD_GRID", nx + " " + ny + " " + nz);
        kv.put("KPOINT_GRID", "1 " + sg.cyclicOrder() + " " + eta);
        kv.put("KPOINT_SHIFT", "0 0 0");
        kv.put("EXCHANGE_CORRELATION", settings.exchangeCorrelation());
        kv.put("ELEC_TEMP_TYPE", settings.smearingType());
        kv.put("SMEARING", repr(settings.smearing()));
        kv.put("TOL_SCF", repr(settings.tolScf()));
        kv.put("MIXING_VARIABLE", settings.mixingVariable());
        kv.put("MIXING_PRECOND", settings.mixingPrecond());
        kv.put("PRINT_FORCES", "1");
        kv.put("PRINT_ATOMS", "1");
        SparcSettings.Md md = settings.md();
        if (md != null) {
            kv.put("MD_FLAG", "1");
            kv.put("MD_METHOD", md.method());
            kv.put("ION_TEMP", repr(md.ionTemperature()));
            kv.put("MD_TIMESTEP", repr(md.timestepFs()));
            kv.put("MD_NSTEP", Integer.toString(md.steps()));
            kv.put("PRINT_VELS", "1");
        }

        // group by element, first-appearance order
        List<String> elements = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (!elements.contains(structure.species(a))) {
                elements.add(structure.species(a));
            }
        }
        List<SparcIon.AtomType> types = new ArrayList<>();
        int[] order = new int[n];
        int next = 0;
        for (String el : elements) {
            String pp = settings.pseudopotentials().get(el);
            if (pp == null) {
                throw new InvalidInputException("no SPARC pseudopotential for element " + el + " in the settings");
            }
            List<Integer> atoms = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                if (structure.species(a).equals(el)) {
                    atoms.add(a);
                }
            }
            double[] c = new double[3 * atoms.size()];
            for (int i = 0; i < atoms.size(); i++) {
                System.arraycopy(folded, 3 * atoms.get(i), c, 3 * i, 3);
                order[next++] = atoms.get(i);
            }
            types.add(new SparcIon.AtomType(el, pp, Double.NaN, c, false));
        }
        return new SparcJob(SparcInput.of(kv), new SparcIon(types), order, fold, sg, mirrored);
    }

    /** Python-like shortest repr of a setting: 0.005, 1e-05, 1200, 3.0. */
    static String repr(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15 && v >= 100) {
            return Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** The {@code .inpt} content. */
    public SparcInput input() {
        return input;
    }

    /** The {@code .ion} content. */
    public SparcIon ion() {
        return ion;
    }

    /** True if the structure was mirrored (z -> -z) because its screw angle was negative. */
    public boolean mirrored() {
        return mirrored;
    }

    /** The group SPARC sees (alpha >= 0). */
    public HelicalGroup sparcGroup() {
        return sparcGroup;
    }

    /** Motif atom of each ion-file atom, in ion-file order. */
    public int[] motifAtoms() {
        return motifAtom.clone();
    }

    /** The group element that folded each motif atom (of the possibly mirrored motif) into the domain. */
    public GroupElement fold(int motifAtomIndex) {
        return folds[motifAtomIndex];
    }

    /**
     * Forces on the caller's motif atoms (motif order, Ha/Bohr) from SPARC's forces on the ion-file
     * atoms (ion order, Ha/Bohr): F_a = P R(g_a)^T F_sparc, with g_a the fold and P the mirror if used.
     */
    public double[] motifForces(double[] sparcForces) {
        if (sparcForces.length != 3 * motifAtom.length) {
            throw new InvalidInputException("SPARC forces: " + sparcForces.length + " components for "
                    + motifAtom.length + " atoms");
        }
        double[] out = new double[sparcForces.length];
        for (int i = 0; i < motifAtom.length; i++) {
            int a = motifAtom[i];
            double[] f = sparcGroup.rotateInverse(folds[a],
                    new double[] {sparcForces[3 * i], sparcForces[3 * i + 1], sparcForces[3 * i + 2]});
            out[3 * a] = f[0];
            out[3 * a + 1] = f[1];
            out[3 * a + 2] = mirrored ? -f[2] : f[2];
        }
        return out;
    }

    /** Writes {@code dir/basename.inpt} and {@code dir/basename.ion} (each atomically). */
    public void write(Path dir, String basename) {
        if (basename == null || !basename.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidInputException("SPARC file basename '" + basename + "' must be a plain file name");
        }
        input.write(dir.resolve(basename + ".inpt"));
        ion.write(dir.resolve(basename + ".ion"));
    }
}
