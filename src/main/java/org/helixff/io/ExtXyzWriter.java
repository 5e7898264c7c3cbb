package org.helixff.io;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Writes extxyz frames (the writer of {@link ExtXyz}, which documents the layout and precision): the atom count,
 * the comment line (Lattice, Properties, energies, units, symmetry keys, info, pbc) and the atom lines.
 */
final class ExtXyzWriter {
    /** With a writer, the buffer is flushed into it whenever it exceeds this many characters. */
    private static final int FLUSH_CHARS = 1 << 16;

    private ExtXyzWriter() {
    }

    /**
     * @throws InvalidInputException for a species with whitespace (the format cannot hold it)
     */
    static void checkWritable(Frame f) {
        for (String s : f.species()) {
            if (s.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidInputException("species '" + s + "' contains whitespace: cannot be written as extxyz");
            }
        }
    }

    /** Appends one frame; with a writer, flushes the buffer into it whenever it exceeds 64 kB. */
    static void appendFrame(StringBuilder b, Frame f, FileUnits cellUnits, Writer out) throws IOException {
        checkWritable(f);
        FileUnits u = f.isSymmetric() ? FileUnits.HARTREE_BOHR : cellUnits;
        b.append(f.atoms()).append('\n');
        appendComment(b, f, u);
        appendAtoms(b, f, u, out);
    }

    /** The comment line, with its newline. */
    private static void appendComment(StringBuilder b, Frame f, FileUnits u) {
        double lf = u.lengthPerBohr();
        double ef = u.energyPerHartree();
        int n = f.atoms();
        Structure cell = f.cell().orElse(null);
        if (cell != null) {
            appendLattice(b, cell, lf);
        }
        b.append("Properties=species:S:1:pos:R:3");
        if (f.hasForces()) {
            b.append(":forces:R:3");
        }
        for (AtomColumn c : f.columns()) {
            b.append(':').append(c.name()).append(':').append(c.type()).append(':').append(c.width());
        }
        if (f.energy().isPresent()) {
            b.append(" energy=");
            Decimal.appendFixed(b, f.energy().getAsDouble() * ef, ExtXyz.ENERGY_DECIMALS);
            if (f.isSymmetric() && n > 0) {
                b.append(" energy_per_atom=");
                Decimal.appendFixed(b, f.energy().getAsDouble() * ef / n, ExtXyz.ENERGY_DECIMALS);
            }
        }
        if (f.freeEnergy().isPresent()) {
            b.append(" free_energy=");
            Decimal.appendFixed(b, f.freeEnergy().getAsDouble() * ef, ExtXyz.ENERGY_DECIMALS);
        }
        b.append(" units=").append(u.key());
        SymmetricStructure sym = f.symmetric().orElse(null);
        if (sym != null) {
            appendSymmetry(b, f, sym);
        }
        for (Map.Entry<String, InfoValue> e : f.info().entrySet()) {
            appendInfo(b, e.getKey(), e.getValue(), u);
        }
        b.append(" pbc=\"");
        boolean[] pbc = cell != null ? cell.pbc() : new boolean[3];
        b.append(pbc[0] ? 'T' : 'F').append(' ').append(pbc[1] ? 'T' : 'F').append(' ').append(pbc[2] ? 'T' : 'F');
        b.append("\"\n");
    }

    /** {@code Lattice="..." } when the cell has a non-zero vector or a periodic direction. */
    private static void appendLattice(StringBuilder b, Structure cell, double lf) {
        double[] lat = cell.cell();
        boolean any = false;
        for (double x : lat) {
            any |= x != 0;
        }
        if (any || cell.pbc(0) || cell.pbc(1) || cell.pbc(2)) {
            b.append("Lattice=\"");
            for (int k = 0; k < 9; k++) {
                if (k > 0) {
                    b.append(' ');
                }
                Decimal.appendFixed(b, lat[k] * lf, ExtXyz.POSITION_DECIMALS);
            }
            b.append("\" ");
        }
    }

    /** The symmetry keys, and the tube's n, m unless the info has them. */
    private static void appendSymmetry(StringBuilder b, Frame f, SymmetricStructure sym) {
        HelicalGroup g = sym.group();
        b.append(" cyclic_order=").append(g.cyclicOrder());
        b.append(" screw_angle_rad=").append(Double.toString(g.screwAngle()));
        b.append(" screw_translation_bohr=").append(Double.toString(g.screwShift()));
        b.append(" twist_angle_rad_per_bohr=").append(Double.toString(g.twistPerLength()));
        Nanotube t = sym.tube().orElse(null);
        if (t != null && !f.info().containsKey("n") && !f.info().containsKey("m")) {
            b.append(" n=").append(t.n()).append(" m=").append(t.m());
        }
    }

    /** {@code  key=value}; values with units ({@link ExtXyzHeader#UNIT_INFO}) converted to the file's. */
    private static void appendInfo(StringBuilder b, String key, InfoValue v, FileUnits u) {
        b.append(' ').append(key);
        int[] dims = ExtXyzHeader.UNIT_INFO.get(key);
        if (dims != null && (v instanceof InfoValue.Real || v instanceof InfoValue.Reals)) {
            double fac = u.factor(dims[0], dims[1]);
            double[] a = v instanceof InfoValue.Real r ? new double[] {r.value()} : ((InfoValue.Reals) v).values();
            b.append(a.length == 1 ? "=" : "=\"");
            for (int k = 0; k < a.length; k++) {
                if (k > 0) {
                    b.append(' ');
                }
                Decimal.appendScientific(b, a[k] * fac, ExtXyz.FORCE_DIGITS);
            }
            if (a.length != 1) {
                b.append('"');
            }
            return;
        }
        b.append('=').append(quoted(v));
    }

    /** The atom lines: species, positions, forces, other columns. */
    private static void appendAtoms(StringBuilder b, Frame f, FileUnits u, Writer out) throws IOException {
        double lf = u.lengthPerBohr();
        double ef = u.energyPerHartree();
        double ff = ef / lf;
        String[] species = f.species();
        double[] pos = f.positions();
        double[] forces = f.forces().orElse(null);
        for (int i = 0; i < f.atoms(); i++) {
            b.append(species[i]);
            for (int d = 0; d < 3; d++) {
                b.append(' ');
                Decimal.appendFixed(b, pos[3 * i + d] * lf, ExtXyz.POSITION_DECIMALS);
            }
            if (forces != null) {
                for (int d = 0; d < 3; d++) {
                    b.append(' ');
                    Decimal.appendScientific(b, forces[3 * i + d] * ff, ExtXyz.FORCE_DIGITS);
                }
            }
            for (AtomColumn c : f.columns()) {
                if (c.name().equals(ExtXyz.ENERGIES_COLUMN) && c.type() == AtomColumn.Type.R) {
                    double[] v = c.realValues();
                    for (int d = 0; d < c.width(); d++) {
                        b.append(' ');
                        Decimal.appendScientific(b, v[i * c.width() + d] * ef, ExtXyz.FORCE_DIGITS);
                    }
                } else {
                    for (int d = 0; d < c.width(); d++) {
                        b.append(' ').append(c.token(i, d));
                    }
                }
            }
            b.append('\n');
            if (out != null && b.length() > FLUSH_CHARS) {
                out.append(b);
                b.setLength(0);
            }
        }
    }

    /** The value as it goes after {@code key=}: arrays and text with special characters quoted. */
    static String quoted(InfoValue v) {
        String t = v.text();
        boolean array = v instanceof InfoValue.Reals || v instanceof InfoValue.Ints || v instanceof InfoValue.Bools;
        boolean needs = array || t.isEmpty();
        for (int i = 0; i < t.length() && !needs; i++) {
            char c = t.charAt(i);
            needs = Character.isWhitespace(c) || "\"'{}[]=\\,".indexOf(c) >= 0;
        }
        if (!needs) {
            return t;
        }
        return '"' + t.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
