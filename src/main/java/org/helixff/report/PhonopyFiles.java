package org.helixff.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.FileFormatException;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.io.AtomicFiles;
import org.helixff.io.LineReader;
import org.helixff.phonon.CellForceConstants;
import org.helixff.structure.Structure;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * phonopy's files for the force constants of a translational cell (phonopy 2.x formats, from its documentation):
 * {@code phonopy_disp.yaml} (unit cell, supercell matrix diag(1, 1, M), primitive matrix = identity, masses, units)
 * and {@code FORCE_CONSTANTS} (text: "rows columns", then for each pair "i j" (1-based supercell indices) and three
 * lines of the 3x3 block). Both in phonopy's default (VASP) units: Angstrom, eV/Angstrom^2, atomic mass units; so
 * phonopy reports THz with its own unit constants, or cm^-1 exactly as HelixFF with
 * {@code factor=}{@link #FACTOR_CM1}.
 *
 * <p>Reading accepts {@code phonopy_params.yaml}/{@code phonopy.yaml} with the force constants inside (compact or
 * full), or a phonopy_disp.yaml-like file plus a {@code FORCE_CONSTANTS} file (compact or full), for a tube cell
 * with its axis along c = (0, 0, T), supercell matrix diag(1, 1, M) and no primitive reduction. Other units,
 * calculators or shapes are rejected with one line naming the problem.
 */
public final class PhonopyFiles {
    /** ASE/VASP-unit frequency factor to cm^-1 with HelixFF's constants: sqrt(eV/(A^2 amu)) -> cm^-1. */
    public static final double FACTOR_CM1 = Units.CM1_PER_HARTREE * Units.ANGSTROM_PER_BOHR
            / Math.sqrt(Units.EV_PER_HARTREE * Units.ME_PER_AMU);
    /** Ha/Bohr^2 -> eV/A^2. */
    private static final double FC_EV_A2 = Units.EV_PER_HARTREE / (Units.ANGSTROM_PER_BOHR * Units.ANGSTROM_PER_BOHR);
    /** Largest number of force-constant numbers read (guards against a corrupt shape). */
    public static final long MAX_ENTRIES = 200_000_000L;
    /** Fractional positions of the supercell and of the unit cell shifted by c T agree to this (fraction). */
    private static final double POSITION_MATCH = 1e-6;

    private PhonopyFiles() {
    }

    /**
     * Writes {@code phonopy_disp.yaml} and {@code FORCE_CONSTANTS} (compact: unit-cell rows) into {@code dir}.
     *
     * @param title a comment line (tube and model)
     */
    public static void write(Path dir, CellForceConstants fc, String title) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("cannot create directory " + dir + ": " + e.getMessage());
        }
        AtomicFiles.writeText(dir.resolve("phonopy_disp.yaml"), w -> writeYaml(w, fc, title));
        AtomicFiles.writeText(dir.resolve("FORCE_CONSTANTS"), w -> writeForceConstants(w, fc));
    }

    private static String num(double v) {
        return Double.toString(v == 0 ? 0.0 : v);
    }

    private static void writeYaml(Writer w, CellForceConstants fc, String title) throws IOException {
        Structure c = fc.cell();
        int n = c.size();
        int msc = fc.supercell();
        double[] lat = c.cell();
        double[] mass = fc.masses();
        w.write("# " + title.replace('\n', ' ') + "\n");
        w.write("# Written by HelixFF: translational cell of the tube (axis along c, lateral vacuum), supercell diag(1,1,"
                + msc + ").\n");
        w.write("# Units (phonopy's default, VASP): Angstrom, eV/Angstrom^2 (FORCE_CONSTANTS, compact), AMU.\n");
        w.write(String.format(Locale.ROOT, "# Frequencies in cm^-1 with HelixFF's constants: phonopy.load(...,"
                + " factor=%.12f); the default factor gives THz with phonopy's own constants.%n", FACTOR_CM1));
        w.write("physical_unit:\n  atomic_mass: \"AMU\"\n  length: \"angstrom\"\n"
                + "  force_constants: \"eV/angstrom^2\"\n\n");
        w.write("supercell_matrix:\n- [ 1, 0, 0 ]\n- [ 0, 1, 0 ]\n- [ 0, 0, " + msc + " ]\n\n");
        w.write("primitive_matrix:\n- [ 1.0, 0.0, 0.0 ]\n- [ 0.0, 1.0, 0.0 ]\n- [ 0.0, 0.0, 1.0 ]\n\n");
        writeCell(w, "unit_cell", lat, c, mass, 1);
        w.write("\n");
        writeCell(w, "supercell", lat, c, mass, msc);
    }

    private static void writeCell(Writer w, String name, double[] lat, Structure c, double[] mass, int msc)
            throws IOException {
        w.write(name + ":\n  lattice:\n");
        for (int v = 0; v < 3; v++) {
            double f = v == 2 ? msc : 1;
            w.write("  - [ " + num(Units.bohrToAngstrom(lat[3 * v] * f)) + ", " + num(Units.bohrToAngstrom(lat[3 * v + 1]
                    * f)) + ", " + num(Units.bohrToAngstrom(lat[3 * v + 2] * f)) + " ] # " + "abc".charAt(v) + "\n");
        }
        w.write("  points:\n");
        double[] p = c.positions();
        int idx = 0;
        for (int i = 0; i < c.size(); i++) {
            double[] frac = fractional(lat, p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            for (int cc = 0; cc < msc; cc++) {
                idx++;
                w.write("  - symbol: " + c.species(i) + " # " + idx + "\n");
                w.write("    coordinates: [ " + num(frac[0]) + ", " + num(frac[1]) + ", " + num((frac[2] + cc) / msc)
                        + " ]\n");
                w.write("    mass: " + num(mass[i] / Units.ME_PER_AMU) + "\n");
            }
        }
    }

    private static double[] fractional(double[] lat, double x, double y, double z) {
        // lattice rows a, b, c; solve r = f_a a + f_b b + f_c c (3x3, Cramer)
        double[] a = {lat[0], lat[1], lat[2]};
        double[] b = {lat[3], lat[4], lat[5]};
        double[] c = {lat[6], lat[7], lat[8]};
        double det = dot(a, cross(b, c));
        double[] r = {x, y, z};
        return new double[] {dot(r, cross(b, c)) / det, dot(a, cross(r, c)) / det, dot(a, cross(b, r)) / det};
    }

    private static double dot(double[] u, double[] v) {
        return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static void writeForceConstants(Writer w, CellForceConstants fc) throws IOException {
        int n = fc.atoms();
        int msc = fc.supercell();
        int ns = n * msc;
        w.write(String.format(Locale.ROOT, "%4d %4d%n", n, ns));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < ns; s++) {
                b.setLength(0);
                b.append(i * msc + 1).append(' ').append(s + 1).append('\n');
                for (int al = 0; al < 3; al++) {
                    for (int be = 0; be < 3; be++) {
                        b.append(be == 0 ? "" : " ").append(num(fc.entry(i, s, al, be) * FC_EV_A2));
                    }
                    b.append('\n');
                }
                w.write(b.toString());
            }
        }
    }

    /**
     * Reads a tube cell's force constants from phonopy's files.
     *
     * @param yaml           phonopy_params.yaml / phonopy.yaml / phonopy_disp.yaml
     * @param forceConstants a FORCE_CONSTANTS file, or null to take the force constants from the YAML file
     * @throws FileFormatException   for unreadable or malformed files
     * @throws InvalidInputException for a cell phonopy could hold but HelixFF cannot use (units, shape, primitive)
     */
    public static CellForceConstants read(Path yaml, Path forceConstants) {
        Map<String, Object> root = loadYaml(yaml);
        String f = yaml.toString();
        Object units = root.get("physical_unit");
        if (units instanceof Map<?, ?> u) {
            check(f, u.get("length"), "angstrom", "length unit");
            check(f, u.get("force_constants"), "eV/angstrom^2", "force-constant unit");
            check(f, u.get("atomic_mass"), "AMU", "mass unit");
        }
        if (root.get("phonopy") instanceof Map<?, ?> head && head.get("calculator") != null
                && !"vasp".equals(String.valueOf(head.get("calculator")))) {
            throw new InvalidInputException(f + ": calculator '" + head.get("calculator") + "' has other units than"
                    + " phonopy's default (Angstrom, eV): convert with phonopy first");
        }
        int[][] scm = intMatrix(f, root.get("supercell_matrix"), "supercell_matrix");
        int msc = scm[2][2];
        if (scm[0][0] != 1 || scm[1][1] != 1 || msc < 1 || scm[0][1] != 0 || scm[0][2] != 0 || scm[1][0] != 0
                || scm[1][2] != 0 || scm[2][0] != 0 || scm[2][1] != 0) {
            throw new InvalidInputException(f + ": supercell_matrix must be diag(1, 1, M) (tube axis along c)");
        }
        if (root.containsKey("primitive_matrix")) {
            double[][] pm = doubleMatrix(f, root.get("primitive_matrix"), "primitive_matrix");
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (Math.abs(pm[i][j] - (i == j ? 1 : 0)) > 1e-12) {
                        throw new InvalidInputException(f + ": primitive_matrix must be the identity (the"
                                + " translational cell is the primitive cell of a tube)");
                    }
                }
            }
        }
        Object uc = root.containsKey("unit_cell") ? root.get("unit_cell") : root.get("primitive_cell");
        if (!(uc instanceof Map<?, ?> ucm)) {
            throw new FileFormatException(f + ": no unit_cell section");
        }
        double[][] lat = doubleMatrix(f, ucm.get("lattice"), "unit_cell lattice");
        if (!(ucm.get("points") instanceof List<?> pts) || pts.isEmpty()) {
            throw new FileFormatException(f + ": unit_cell has no points");
        }
        int n = pts.size();
        String[] sp = new String[n];
        double[] pos = new double[3 * n];
        double[] mass = new double[n];
        double[] cell = new double[9];
        for (int v = 0; v < 3; v++) {
            for (int d = 0; d < 3; d++) {
                cell[3 * v + d] = Units.angstromToBohr(lat[v][d]);
            }
        }
        double[][] fracs = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!(pts.get(i) instanceof Map<?, ?> pt)) {
                throw new FileFormatException(f + ": unit_cell point " + (i + 1) + " is not a mapping");
            }
            fracs[i] = vector(f, pt.get("coordinates"), "coordinates of point " + (i + 1));
        }
        unwrapLaterally(fracs);
        for (int i = 0; i < n; i++) {
            Map<?, ?> pt = (Map<?, ?>) pts.get(i);
            sp[i] = String.valueOf(pt.get("symbol"));
            double[] fr = fracs[i];
            for (int d = 0; d < 3; d++) {
                pos[3 * i + d] = fr[0] * cell[d] + fr[1] * cell[3 + d] + fr[2] * cell[6 + d];
            }
            if (pt.get("mass") == null) {
                if (!"C".equals(sp[i])) {
                    throw new InvalidInputException(f + ": point " + (i + 1) + " (" + sp[i] + ") has no mass");
                }
                mass[i] = Units.CARBON_MASS;
            } else {
                mass[i] = number(f, pt.get("mass"), "mass of point " + (i + 1)) * Units.ME_PER_AMU;
            }
        }
        double t = cell[8];
        if (!(t > 0) || Math.abs(cell[6]) > 1e-9 * t || Math.abs(cell[7]) > 1e-9 * t) {
            throw new InvalidInputException(f + ": the tube axis must be the lattice vector c = (0, 0, T)");
        }
        Structure unit = new Structure(sp, pos, cell, new boolean[] {false, false, true});
        if (root.get("supercell") instanceof Map<?, ?> sc) {
            checkSupercell(f, sc, unit, lat, msc);
        }
        double[] phi = forceConstants != null ? readForceConstantsFile(forceConstants, n, msc)
                : yamlForceConstants(f, root.get("force_constants"), n, msc);
        return new CellForceConstants(unit, msc, mass, phi);
    }

    /**
     * Puts the lateral fractional coordinates (a, b) of every atom within half a cell of their circular mean, so a
     * tube that phonopy or a DFT code wrapped across the lateral cell boundary is whole again (its vacuum gap is
     * where the cut goes).
     */
    static void unwrapLaterally(double[][] frac) {
        for (int d = 0; d < 2; d++) {
            double c = 0;
            double s = 0;
            for (double[] x : frac) {
                c += Math.cos(2 * Math.PI * x[d]);
                s += Math.sin(2 * Math.PI * x[d]);
            }
            double mean = Math.atan2(s, c) / (2 * Math.PI);
            for (double[] x : frac) {
                x[d] -= Math.rint(x[d] - mean);
            }
        }
    }

    private static void check(String f, Object value, String expected, String what) {
        if (value != null && !expected.equalsIgnoreCase(String.valueOf(value))) {
            throw new InvalidInputException(f + ": " + what + " '" + value + "' is not supported (need " + expected
                    + ")");
        }
    }

    private static void checkSupercell(String f, Map<?, ?> sc, Structure unit, double[][] lat, int msc) {
        if (!(sc.get("points") instanceof List<?> pts) || pts.size() != unit.size() * msc) {
            throw new InvalidInputException(f + ": the supercell does not hold " + msc + " x " + unit.size() + " atoms");
        }
        double[] cell = unit.cell();
        for (int i = 0; i < unit.size(); i++) {
            double[] fu = fractional(cell, unit.position(i, 0), unit.position(i, 1), unit.position(i, 2));
            for (int c = 0; c < msc; c++) {
                Object o = pts.get(i * msc + c);
                double[] fs = vector(f, o instanceof Map<?, ?> m ? m.get("coordinates") : null,
                        "supercell point " + (i * msc + c + 1));
                double[] want = {fu[0], fu[1], (fu[2] + c) / msc};
                for (int d = 0; d < 3; d++) {
                    double diff = fs[d] - want[d];
                    if (Math.abs(diff - Math.rint(diff)) > POSITION_MATCH) {
                        throw new InvalidInputException(f + ": supercell atom " + (i * msc + c + 1) + " is not unit-cell"
                                + " atom " + (i + 1) + " moved by " + c + " c (phonopy's order for diag(1,1,M))");
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadYaml(Path yaml) {
        LoaderOptions lo = new LoaderOptions();
        lo.setCodePointLimit(Integer.MAX_VALUE);
        Yaml y = new Yaml(new SafeConstructor(lo));
        try (Reader r = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
            Object o = y.load(r);
            if (!(o instanceof Map)) {
                throw new FileFormatException(yaml + ": not a phonopy YAML file (no mapping at the top)");
            }
            return (Map<String, Object>) o;
        } catch (IOException e) {
            throw new FileFormatException("cannot read " + yaml + ": " + e.getMessage(), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new FileFormatException(yaml + ": malformed YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '),
                    e);
        }
    }

    private static double number(String f, Object o, String what) {
        if (o instanceof Number x && Double.isFinite(x.doubleValue())) {
            return x.doubleValue();
        }
        throw new FileFormatException(f + ": " + what + " is not a finite number: " + o);
    }

    private static double[] vector(String f, Object o, String what) {
        if (o instanceof List<?> l && l.size() == 3) {
            return new double[] {number(f, l.get(0), what), number(f, l.get(1), what), number(f, l.get(2), what)};
        }
        throw new FileFormatException(f + ": " + what + " is not a list of 3 numbers");
    }

    private static double[][] doubleMatrix(String f, Object o, String what) {
        if (o instanceof List<?> l && l.size() == 3) {
            return new double[][] {vector(f, l.get(0), what), vector(f, l.get(1), what), vector(f, l.get(2), what)};
        }
        throw new FileFormatException(f + ": " + what + " is missing or not a 3x3 matrix");
    }

    private static int[][] intMatrix(String f, Object o, String what) {
        double[][] d = doubleMatrix(f, o, what);
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[i][j] = (int) Math.rint(d[i][j]);
                if (r[i][j] != d[i][j]) {
                    throw new FileFormatException(f + ": " + what + " has a non-integer entry " + d[i][j]);
                }
            }
        }
        return r;
    }

    private static double[] yamlForceConstants(String f, Object o, int n, int msc) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new InvalidInputException(f + ": no force_constants in the file: give the FORCE_CONSTANTS file too");
        }
        int[] shape = shape(f, m.get("shape"));
        int ns = n * msc;
        int rowsWanted = checkShape(f, shape, n, ns);
        if (!(m.get("elements") instanceof List<?> el) || el.size() != (long) shape[0] * shape[1]) {
            throw new FileFormatException(f + ": force_constants elements do not match the shape " + shape[0] + " x "
                    + shape[1]);
        }
        double[] phi = new double[9 * n * ns];
        for (int r = 0; r < shape[0]; r++) {
            int unitRow = rowsWanted == n ? r : (r % msc == 0 ? r / msc : -1);
            if (unitRow < 0) {
                continue;
            }
            for (int s = 0; s < ns; s++) {
                double[][] blk = doubleMatrix(f, el.get(r * ns + s), "force constant (" + (r + 1) + ", " + (s + 1)
                        + ")");
                put(phi, unitRow, s, ns, blk);
            }
        }
        return phi;
    }

    private static void put(double[] phi, int row, int s, int ns, double[][] blk) {
        int o = 9 * (row * ns + s);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                phi[o + 3 * a + b] = blk[a][b] / FC_EV_A2;
            }
        }
    }

    private static int[] shape(String f, Object o) {
        if (o instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new int[] {a.intValue(), b.intValue()};
        }
        throw new FileFormatException(f + ": force_constants shape is not [rows, columns]");
    }

    /** Returns the number of rows expected: n (compact) or n msc (full). */
    private static int checkShape(String f, int[] shape, int n, int ns) {
        if (shape[1] != ns || (shape[0] != n && shape[0] != ns)) {
            throw new InvalidInputException(f + ": force constants of shape " + shape[0] + " x " + shape[1]
                    + " do not fit a unit cell of " + n + " atoms in a supercell of " + ns + " (need " + n + " or " + ns
                    + " rows and " + ns + " columns)");
        }
        if ((long) shape[0] * shape[1] * 9 > MAX_ENTRIES) {
            throw new InvalidInputException(f + ": force constants of shape " + shape[0] + " x " + shape[1]
                    + " are too large");
        }
        return shape[0];
    }

    private static double[] readForceConstantsFile(Path file, int n, int msc) {
        String f = file.toString();
        int ns = n * msc;
        try (LineReader in = LineReader.open(file)) {
            String head = in.next();
            if (head == null) {
                throw new FileFormatException(f + ": empty file");
            }
            String[] h = head.trim().split("\\s+");
            int[] shape = new int[2];
            try {
                shape[0] = Integer.parseInt(h[0]);
                shape[1] = h.length > 1 ? Integer.parseInt(h[1]) : shape[0];
            } catch (NumberFormatException e) {
                throw new FileFormatException(f + ", line 1: expected 'rows columns', found '" + head.trim() + "'");
            }
            int rows = checkShape(f, shape, n, ns);
            double[] phi = new double[9 * n * ns];
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < ns; s++) {
                    String idx = in.next();
                    if (idx == null) {
                        throw new FileFormatException(f + ": truncated after line " + in.lineNumber());
                    }
                    String[] ij = idx.trim().split("\\s+");
                    int si;
                    int sj;
                    try {
                        si = Integer.parseInt(ij[0]) - 1;
                        sj = Integer.parseInt(ij[1]) - 1;
                    } catch (RuntimeException e) {
                        throw new FileFormatException(f + ", line " + in.lineNumber() + ": expected 'i j', found '"
                                + idx.trim() + "'");
                    }
                    if (sj != s || si < 0 || si >= ns || (rows == n && si != r * msc) || (rows == ns && si != r)) {
                        throw new FileFormatException(f + ", line " + in.lineNumber() + ": pair '" + idx.trim()
                                + "' out of order (expected " + ((rows == n ? r * msc : r) + 1) + " " + (s + 1) + ")");
                    }
                    double[][] blk = new double[3][3];
                    for (int a = 0; a < 3; a++) {
                        String line = in.next();
                        if (line == null) {
                            throw new FileFormatException(f + ": truncated after line " + in.lineNumber());
                        }
                        String[] tok = line.trim().split("\\s+");
                        if (tok.length != 3) {
                            throw new FileFormatException(f + ", line " + in.lineNumber() + ": expected 3 numbers");
                        }
                        for (int b = 0; b < 3; b++) {
                            try {
                                blk[a][b] = Double.parseDouble(tok[b]);
                            } catch (NumberFormatException e) {
                                throw new FileFormatException(f + ", line " + in.lineNumber() + ": '" + tok[b]
                                        + "' is not a number");
                            }
                            if (!Double.isFinite(blk[a][b])) {
                                throw new FileFormatException(f + ", line " + in.lineNumber() + ": non-finite number");
                            }
                        }
                    }
                    int unitRow = rows == n ? r : (r % msc == 0 ? r / msc : -1);
                    if (unitRow >= 0) {
                        put(phi, unitRow, s, ns, blk);
                    }
                }
            }
            return phi;
        }
    }
}
