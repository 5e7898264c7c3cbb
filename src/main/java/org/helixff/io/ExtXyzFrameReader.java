package org.helixff.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Reads one extxyz frame (the frame reader of {@link ExtXyz}): the atom count, the comment line
 * ({@link ExtXyzHeader}), the atom lines ({@link AtomTable}), then the checks of plausibility and the
 * {@link Frame} (symmetric or full cell) with energies, forces, columns, info and provenance.
 */
final class ExtXyzFrameReader {
    private static final Pattern COUNT = Pattern.compile("\\d+");
    /** Relative tolerance of twist_angle_rad_per_bohr against screw_angle_rad/screw_translation_bohr. */
    private static final double TWIST_TOLERANCE = 1e-9;
    private static final String[] ELEMENTS = ("X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn"
            + " Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr"
            + " Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np"
            + " Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" ");

    private ExtXyzFrameReader() {
    }

    /**
     * Reads the frame whose atom-count line {@code countLine} was just read.
     *
     * @param index the frame's 0-based index in the file (for messages and provenance)
     * @throws org.helixff.FileFormatException on malformed, truncated or implausible content
     */
    static Frame read(LineReader in, String countLine, int index) {
        int countLineNo = in.lineNumber();
        String frameName = "frame " + (index + 1);
        int n = atomCount(in, countLine, frameName);
        String comment = in.next();
        if (comment == null) {
            throw in.error(countLineNo + 1, "unexpected end of file: " + frameName + " has no comment line");
        }
        int commentLine = in.lineNumber();
        ExtXyzHeader header = ExtXyzHeader.parse(comment, in);
        AtomTable atoms = new AtomTable(header.props(), n);
        if (!atoms.hasSpecies && atoms.atomicNumbers == null) {
            throw in.error(commentLine, "Properties needs species:S:1 or Z:I:1");
        }
        atoms.readLines(in, header, frameName);
        atoms.speciesFromAtomicNumbers(in, countLineNo + 2);
        List<AtomColumn> columns = atoms.columns(header.energyToHa());

        checkPlausible(in, atoms.pos, atoms.forces, n, countLineNo + 2);
        double energyToHa = header.energyToHa();
        for (Double e : new Double[] {header.energy(), header.freeEnergy()}) {
            if (e != null && n > 0 && !(Math.abs(e * energyToHa / n) <= ExtXyz.MAX_ENERGY_PER_ATOM_HA)) {
                throw in.error(commentLine, String.format(Locale.ROOT, "energy %s Ha/atom is implausible (|E| <= %.0g"
                        + " Ha/atom)", ExtXyz.value(e * energyToHa / n), ExtXyz.MAX_ENERGY_PER_ATOM_HA));
            }
        }
        Frame frame;
        try {
            frame = header.symmetry().present() ? Frame.of(symmetric(header, atoms, in, commentLine))
                    : Frame.of(cell(header, atoms, in, commentLine));
            if (header.energy() != null) {
                frame = frame.withEnergy(header.energy() * energyToHa);
            }
            if (header.freeEnergy() != null) {
                frame = frame.withFreeEnergy(header.freeEnergy() * energyToHa);
            }
            if (atoms.forces != null) {
                frame = frame.withForces(atoms.forces);
            }
            for (AtomColumn col : columns) {
                frame = frame.withColumn(col);
            }
            frame = frame.withInfo(header.info());
        } catch (InvalidInputException e) {
            throw in.error(commentLine, e.getMessage());
        }
        return frame.withProvenance(new Frame.Provenance(in.name(), index, countLineNo));
    }

    private static int atomCount(LineReader in, String countLine, String frameName) {
        String c = countLine.strip();
        if (!COUNT.matcher(c).matches()) {
            throw in.error("expected the atom count of " + frameName + " (a non-negative integer), found '"
                    + ExtXyz.abbreviate(c) + "'");
        }
        long count;
        try {
            count = Long.parseLong(c);
        } catch (NumberFormatException e) {
            count = Long.MAX_VALUE;
        }
        if (count > ExtXyz.MAX_ATOMS) {
            throw in.error("atom count " + c + " of " + frameName + " exceeds " + ExtXyz.MAX_ATOMS);
        }
        return (int) count;
    }

    // ---------------------------------------------------------------- the atom lines

    /**
     * The atom columns of one frame as they are read: species, positions (Bohr), forces (Ha/Bohr, or null) and
     * the other columns in file units. Arrays grow with the atoms actually read: an atom count alone never
     * allocates (a huge count on a short or endless input ends in "unexpected end of file" or the line limit, not
     * in an OutOfMemoryError).
     */
    private static final class AtomTable {
        final List<ExtXyzHeader.Prop> props;
        final int n;
        final List<ExtXyzHeader.Prop> extraProps = new ArrayList<>();
        final List<Object> extra = new ArrayList<>();
        int cap;
        String[] species;
        double[] pos;
        double[] forces;
        boolean hasSpecies;
        long[] atomicNumbers;

        AtomTable(List<ExtXyzHeader.Prop> props, int n) {
            this.props = props;
            this.n = n;
            cap = Math.min(n, ExtXyz.INITIAL_ATOM_CAPACITY);
            species = new String[cap];
            pos = new double[3 * cap];
            for (ExtXyzHeader.Prop p : props) {
                switch (p.name()) {
                    case "species" -> hasSpecies = true;
                    case "pos" -> {
                    }
                    case "forces" -> forces = new double[3 * cap];
                    default -> {
                        extraProps.add(p);
                        int len = cap * p.width();
                        extra.add(switch (p.type()) {
                            case R -> new double[len];
                            case I -> new long[len];
                            case L -> new boolean[len];
                            case S -> new String[len];
                        });
                        if (p.name().equals("Z") && p.type() == AtomColumn.Type.I && p.width() == 1) {
                            atomicNumbers = (long[]) extra.get(extra.size() - 1);
                        }
                    }
                }
            }
        }

        /** Reads the {@code n} atom lines. */
        void readLines(LineReader in, ExtXyzHeader header, String frameName) {
            int ncols = 0;
            for (ExtXyzHeader.Prop p : props) {
                ncols += p.width();
            }
            for (int i = 0; i < n; i++) {
                String line = in.next();
                if (line == null) {
                    throw in.error(in.lineNumber() + 1, "unexpected end of file: " + frameName + " has " + i + " of "
                            + n + " atoms");
                }
                if (i == cap) {
                    grow();
                }
                String[] f = LineReader.fields(line);
                if (f.length != ncols) {
                    throw in.error("expected " + ncols + " columns, found " + f.length);
                }
                readAtom(in, f, i, header.lengthToBohr(), header.energyToHa());
            }
        }

        private void grow() {
            cap = (int) Math.min(n, 2L * cap);
            species = Arrays.copyOf(species, cap);
            pos = Arrays.copyOf(pos, 3 * cap);
            forces = forces == null ? null : Arrays.copyOf(forces, 3 * cap);
            for (int x = 0; x < extra.size(); x++) {
                int len = cap * extraProps.get(x).width();
                Object a = extra.get(x);
                Object grown = switch (extraProps.get(x).type()) {
                    case R -> Arrays.copyOf((double[]) a, len);
                    case I -> Arrays.copyOf((long[]) a, len);
                    case L -> Arrays.copyOf((boolean[]) a, len);
                    case S -> Arrays.copyOf((String[]) a, len);
                };
                if (a == atomicNumbers) {
                    atomicNumbers = (long[]) grown;
                }
                extra.set(x, grown);
            }
        }

        /** Atom {@code i} from the fields of its line. */
        private void readAtom(LineReader in, String[] f, int i, double lengthToBohr, double energyToHa) {
            int col = 0;
            int extraIndex = 0;
            for (ExtXyzHeader.Prop p : props) {
                switch (p.name()) {
                    case "species" -> species[i] = f[col];
                    case "pos" -> {
                        for (int d = 0; d < 3; d++) {
                            pos[3 * i + d] = in.number(f[col + d], "pos " + "xyz".charAt(d) + " of atom " + (i + 1))
                                    * lengthToBohr;
                        }
                    }
                    case "forces" -> {
                        double fc = lengthToBohr / energyToHa;
                        for (int d = 0; d < 3; d++) {
                            forces[3 * i + d] = in.number(f[col + d], "force " + "xyz".charAt(d) + " of atom "
                                    + (i + 1)) / fc;
                        }
                    }
                    default -> readExtra(in, p, extra.get(extraIndex++), f, col, i);
                }
                col += p.width();
            }
        }

        private static void readExtra(LineReader in, ExtXyzHeader.Prop p, Object arr, String[] f, int col, int i) {
            for (int d = 0; d < p.width(); d++) {
                String tok = f[col + d];
                String what = p.name() + (p.width() > 1 ? "[" + d + "]" : "") + " of atom " + (i + 1);
                int k = i * p.width() + d;
                switch (p.type()) {
                    case R -> ((double[]) arr)[k] = in.number(tok, what);
                    case I -> ((long[]) arr)[k] = in.integer(tok, what);
                    case L -> {
                        Boolean b = InfoValue.parseBoolean(tok);
                        if (b == null) {
                            throw in.error(what + " is not a logical (T/F): '" + ExtXyz.abbreviate(tok) + "'");
                        }
                        ((boolean[]) arr)[k] = b;
                    }
                    case S -> ((String[]) arr)[k] = tok;
                }
            }
        }

        /** Without a species column: the element symbols of the Z column (atom lines from {@code firstAtomLine}). */
        void speciesFromAtomicNumbers(LineReader in, int firstAtomLine) {
            if (hasSpecies) {
                return;
            }
            for (int i = 0; i < n; i++) {
                long z = atomicNumbers[i];
                if (z < 1 || z >= ELEMENTS.length) {
                    throw in.error(firstAtomLine + i, "atomic number " + z + " of atom " + (i + 1) + " is unknown");
                }
                species[i] = ELEMENTS[(int) z];
            }
        }

        /** The other columns; the {@code energies} column converted to Hartree. */
        List<AtomColumn> columns(double energyToHa) {
            List<AtomColumn> columns = new ArrayList<>();
            for (int k = 0; k < extraProps.size(); k++) {
                ExtXyzHeader.Prop p = extraProps.get(k);
                Object arr = extra.get(k);
                columns.add(switch (p.type()) {
                    case R -> {
                        double[] a = (double[]) arr;
                        if (p.name().equals(ExtXyz.ENERGIES_COLUMN)) {
                            for (int i = 0; i < a.length; i++) {
                                a[i] *= energyToHa;
                            }
                        }
                        yield AtomColumn.reals(p.name(), p.width(), a);
                    }
                    case I -> AtomColumn.ints(p.name(), p.width(), (long[]) arr);
                    case L -> AtomColumn.logicals(p.name(), p.width(), (boolean[]) arr);
                    case S -> AtomColumn.strings(p.name(), p.width(), (String[]) arr);
                });
            }
            return columns;
        }
    }

    // ---------------------------------------------------------------- checks and structures

    /**
     * Finite but absurd numbers are refused where they are read: a coordinate beyond
     * {@link ExtXyz#MAX_COORDINATE_BOHR} or a force beyond {@link ExtXyz#MAX_FORCE_HA_PER_BOHR} (atom lines start
     * at {@code firstAtomLine}).
     */
    private static void checkPlausible(LineReader in, double[] pos, double[] forces, int n, int firstAtomLine) {
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                double x = pos[3 * i + d];
                if (!(Math.abs(x) <= ExtXyz.MAX_COORDINATE_BOHR)) {
                    throw in.error(firstAtomLine + i, String.format(Locale.ROOT, "pos %s of atom %d = %s Bohr is"
                            + " implausible (|x| <= %.0g Bohr)", "xyz".charAt(d), i + 1, ExtXyz.value(x),
                            ExtXyz.MAX_COORDINATE_BOHR));
                }
                if (forces != null && !(Math.abs(forces[3 * i + d]) <= ExtXyz.MAX_FORCE_HA_PER_BOHR)) {
                    throw in.error(firstAtomLine + i, String.format(Locale.ROOT, "force %s of atom %d = %s Ha/Bohr is"
                            + " implausible (|F| <= %.0g Ha/Bohr)", "xyz".charAt(d), i + 1,
                            ExtXyz.value(forces[3 * i + d]), ExtXyz.MAX_FORCE_HA_PER_BOHR));
                }
            }
        }
    }

    /** The full cell of a frame without symmetry keys: Lattice (T T T by default when given) and pbc. */
    private static Structure cell(ExtXyzHeader h, AtomTable atoms, LineReader in, int commentLine) {
        String latticeRaw = h.lattice();
        String pbcRaw = h.pbc();
        double[] cell = new double[9];
        if (latticeRaw != null) {
            String[] t = latticeRaw.strip().split("[\\s,]+");
            if (t.length != 9) {
                throw in.error(commentLine, "Lattice needs 9 numbers, found " + t.length);
            }
            for (int k = 0; k < 9; k++) {
                cell[k] = in.number(t[k], "Lattice component " + (k + 1), commentLine) * h.lengthToBohr();
                if (!(Math.abs(cell[k]) <= ExtXyz.MAX_COORDINATE_BOHR)) {
                    throw in.error(commentLine, String.format(Locale.ROOT, "Lattice component %d = %s Bohr is"
                            + " implausible (|x| <= %.0g Bohr)", k + 1, ExtXyz.value(cell[k]),
                            ExtXyz.MAX_COORDINATE_BOHR));
                }
            }
        }
        boolean[] pbc = latticeRaw != null ? new boolean[] {true, true, true} : new boolean[3];
        if (pbcRaw != null) {
            String[] t = pbcRaw.strip().split("[\\s,]+");
            if (t.length != 3) {
                throw in.error(commentLine, "pbc needs 3 booleans, found '" + ExtXyz.abbreviate(pbcRaw) + "'");
            }
            for (int d = 0; d < 3; d++) {
                Boolean b = InfoValue.parseBoolean(t[d]);
                if (b == null) {
                    throw in.error(commentLine, "pbc needs 3 booleans (T/F), found '" + ExtXyz.abbreviate(pbcRaw)
                            + "'");
                }
                pbc[d] = b;
            }
            if (latticeRaw == null && (pbc[0] || pbc[1] || pbc[2])) {
                throw in.error(commentLine, "pbc=\"" + pbcRaw.strip() + "\" is periodic but the frame has no"
                        + " Lattice");
            }
        }
        return new Structure(atoms.species, atoms.pos, cell, pbc);
    }

    /** The symmetric structure of a frame with symmetry keys (no Lattice allowed). */
    private static SymmetricStructure symmetric(ExtXyzHeader h, AtomTable atoms, LineReader in, int line) {
        if (h.lattice() != null) {
            throw in.error(line, "a symmetric frame (cyclic_order, screw_angle_rad, ...) cannot have a Lattice");
        }
        ExtXyzHeader.SymmetryKeys k = h.symmetry();
        String cycRaw = k.cyclicOrder();
        String alphaRaw = k.screwAngle();
        String hRaw = k.screwTranslation();
        String twistRaw = k.twist();
        if (cycRaw == null || alphaRaw == null || hRaw == null) {
            throw in.error(line, "a symmetric frame needs cyclic_order, screw_angle_rad and screw_translation_bohr;"
                    + " missing " + (cycRaw == null ? "cyclic_order " : "") + (alphaRaw == null ? "screw_angle_rad " : "")
                    + (hRaw == null ? "screw_translation_bohr" : "").strip());
        }
        if (atoms.species.length == 0) {
            throw in.error(line, "a symmetric frame needs at least one motif atom");
        }
        if (!LineReader.isInteger(cycRaw.strip())) {
            throw in.error(line, "cyclic_order must be a positive integer, found '" + ExtXyz.abbreviate(cycRaw) + "'");
        }
        long cyc = in.integer(cycRaw.strip(), "cyclic_order");
        if (cyc < 1 || cyc > Integer.MAX_VALUE) {
            throw in.error(line, "cyclic_order must be a positive integer, found " + cyc);
        }
        double alpha = in.number(alphaRaw.strip(), "screw_angle_rad", line);
        double shift = in.number(hRaw.strip(), "screw_translation_bohr", line);
        if (!(shift > 0)) {
            throw in.error(line, "screw_translation_bohr must be positive, found " + hRaw.strip());
        }
        if (twistRaw != null) {
            double tw = in.number(twistRaw.strip(), "twist_angle_rad_per_bohr", line);
            double expected = alpha / shift;
            if (Math.abs(tw - expected) > TWIST_TOLERANCE * Math.max(1.0, Math.abs(expected))) {
                throw in.error(line, "twist_angle_rad_per_bohr=" + twistRaw.strip()
                        + " disagrees with screw_angle_rad/screw_translation_bohr = " + expected);
            }
        }
        HelicalGroup group = new HelicalGroup((int) cyc, alpha, shift);
        return new SymmetricStructure(atoms.species, atoms.pos, group, tubeFromInfo(h.info(), (int) cyc));
    }

    /**
     * The builder's tube named by info {@code n}, {@code m} (and {@code mirror_image=T}: the mirror
     * image z -> -z, i.e. the builder's (m, n)), if it exists and has the frame's cyclic order.
     */
    private static Nanotube tubeFromInfo(Map<String, InfoValue> info, int cyclicOrder) {
        if (!(info.get("n") instanceof InfoValue.Int n) || !(info.get("m") instanceof InfoValue.Int m)) {
            return null;
        }
        boolean mirror = info.get("mirror_image") instanceof InfoValue.Bool b && b.value();
        long a = mirror ? m.value() : n.value();
        long b = mirror ? n.value() : m.value();
        if (a < 1 || b < 0 || a > 100000 || b > 100000) {
            return null;
        }
        try {
            Nanotube t = Nanotube.of((int) a, (int) b);
            return t.cyclicOrder() == cyclicOrder ? t : null;
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
