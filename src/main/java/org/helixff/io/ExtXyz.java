package org.helixff.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.helixff.FileFormatException;
import org.helixff.InvalidInputException;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Extended XYZ ("extxyz") files as ASE reads and writes them: per frame an atom count, a comment line
 * of {@code key=value} pairs and one line per atom with the columns named by {@code Properties}.
 *
 * <p><b>Reading.</b> The comment line is tokenised like ASE's reader: values may be quoted with
 * {@code "..."}, {@code '...'}, {@code {...}} or {@code [...]} (spaces inside), a backslash escapes the
 * next character, a key without {@code =} is the boolean true, and values are typed as integer, real,
 * boolean (T/F/True/False/true/false) or arrays of them, else text. {@code Properties} defaults to
 * {@code species:S:1:pos:R:3}; {@code pos:R:3} and {@code species:S:1} (or ASE's {@code Z:I:1}) are
 * required, {@code forces:R:3} is optional, other columns ({@code Z}, {@code masses}, {@code tags}, ...)
 * are kept as {@link AtomColumn}s. {@code Lattice} (9 numbers, rows a, b, c) and {@code pbc} (3
 * booleans; T T T when only a Lattice is given) define a full cell. A frame with the symmetry keys
 * {@code cyclic_order}, {@code screw_angle_rad}, {@code screw_translation_bohr} (the layout of the
 * shipped SPARC data, see {@code docs/notes-io.md}) becomes a {@link SymmetricStructure} (its
 * {@code n}, {@code m} and {@code mirror_image} info attach the builder's {@link Nanotube}); any other
 * becomes a full-cell {@link Structure}. The {@code units} key ({@code hartree_bohr} or
 * {@code eV_angstrom}, the latter assumed when absent, as ASE does) decides the conversion of
 * positions, cell, energy, free energy, forces, {@code virial}, {@code stress}, {@code dipole} and the
 * {@code energies} column; the symmetry keys are always radians and Bohr, as their names say.
 * Malformed, truncated or non-finite input throws {@link FileFormatException} naming the file and the
 * 1-based line ({@code "cnt.extxyz:14: expected 6 columns, found 4"}).
 *
 * <p><b>Writing.</b> Full cells are written the way {@code ase.io.read} understands natively:
 * {@code Lattice="..."} (Angstrom), {@code Properties=species:S:1:pos:R:3[:forces:R:3]}, {@code energy=}
 * (eV), {@code free_energy=}, {@code units=eV_angstrom}, the info, {@code pbc="T T T"}; forces in eV/A.
 * {@link FileUnits#HARTREE_BOHR} may be asked for instead. Symmetric frames are always written like
 * the SPARC data: {@code units=hartree_bohr}, no Lattice, {@code pbc="F F F"}, energy per motif and
 * {@code energy_per_atom}, and the symmetry keys, so that they read back as symmetric frames.
 * Precision: positions and cell {@value #POSITION_DECIMALS} decimals, energies {@value #ENERGY_DECIMALS}
 * decimals, forces (and other converted values) {@value #FORCE_DIGITS} digits after the point in
 * exponent form; untouched reals in their shortest exact form. Writing what was read gives the same
 * text again. Files are written atomically ({@link AtomicFiles}).
 *
 * <p>The parts: {@code ExtXyzHeader} parses a comment line, {@code ExtXyzFrameReader} reads a frame (count,
 * header, atom lines, structure), {@code ExtXyzWriter} writes one; this class holds the public entry points and
 * the limits.
 */
public final class ExtXyz {
    /** Decimals of positions and lattice vectors (Bohr or Angstrom). */
    public static final int POSITION_DECIMALS = 10;
    /** Decimals of energies (Hartree or eV). */
    public static final int ENERGY_DECIMALS = 10;
    /** Digits after the point of forces and other converted values, in exponent notation. */
    public static final int FORCE_DIGITS = 10;
    /** Largest atom count accepted in one frame (guards against reading garbage as a count). */
    public static final long MAX_ATOMS = 50_000_000L;
    /** Largest |coordinate| or lattice component, Bohr (~53 um): beyond it a number is a mistake, not a structure. */
    public static final double MAX_COORDINATE_BOHR = 1e6;
    /** Largest |force component|, Ha/Bohr: overlapping atoms in Tersoff give ~1e2; beyond 1e4 no code means it. */
    public static final double MAX_FORCE_HA_PER_BOHR = 1e4;
    /** Largest |energy per atom|, Ha: all-electron energies of the heaviest atoms are ~3e4 Ha. */
    public static final double MAX_ENERGY_PER_ATOM_HA = 1e5;
    /** Atoms allocated before they are read; arrays double as more atom lines arrive. */
    static final int INITIAL_ATOM_CAPACITY = 1 << 12;

    /** The per-atom energy column, converted with the energy unit. */
    static final String ENERGIES_COLUMN = "energies";

    private ExtXyz() {
    }

    // ------------------------------------------------------------------------------------------ reading

    /**
     * Reads every frame of a file.
     *
     * @throws InvalidInputException if the file does not exist
     * @throws FileFormatException   on malformed, truncated or non-finite content (names file and line)
     */
    public static List<Frame> read(Path path) {
        try (LineReader in = LineReader.open(path)) {
            return read(in);
        }
    }

    /** Reads every frame from text; {@code name} is used in messages and provenance. */
    public static List<Frame> parse(String name, String text) {
        try (LineReader in = LineReader.ofText(name, text)) {
            return read(in);
        }
    }

    /** Reads every remaining frame from a line reader (frame indices count from 0 here). */
    public static List<Frame> read(LineReader in) {
        List<Frame> frames = new ArrayList<>();
        String line;
        while ((line = in.next()) != null) {
            if (line.isBlank()) {
                int blank = in.lineNumber();
                String rest;
                while ((rest = in.next()) != null && rest.isBlank()) {
                    // trailing blank lines are allowed
                }
                if (rest != null) {
                    throw in.error(blank, "blank line where the atom count of frame " + (frames.size() + 1)
                            + " was expected");
                }
                break;
            }
            frames.add(ExtXyzFrameReader.read(in, line, frames.size()));
        }
        return frames;
    }

    /** A value for messages: at most 40 characters. */
    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    // ------------------------------------------------------------------------------------------ writing

    /**
     * Writes frames atomically: full cells in eV/Angstrom (ASE's native units), symmetric frames in
     * Hartree/Bohr with the symmetry keys.
     *
     * @throws InvalidInputException for values the format cannot hold (whitespace in a species, ...)
     */
    public static void write(Path path, List<Frame> frames) {
        write(path, frames, FileUnits.EV_ANGSTROM);
    }

    /** Writes frames atomically, full cells in the given units (symmetric frames always in Hartree/Bohr). */
    public static void write(Path path, List<Frame> frames, FileUnits cellUnits) {
        for (Frame f : frames) {
            ExtXyzWriter.checkWritable(f);
        }
        AtomicFiles.writeText(path, w -> write(w, frames, cellUnits));
    }

    /** Writes frames to a character stream (not closed), in pieces of about 64 kB. */
    public static void write(Writer out, List<Frame> frames, FileUnits cellUnits) throws IOException {
        StringBuilder b = new StringBuilder(1 << 17);
        for (Frame f : frames) {
            ExtXyzWriter.appendFrame(b, f, cellUnits, out);
        }
        out.append(b);
    }

    /** The extxyz text of frames, full cells in the given units. */
    public static String format(List<Frame> frames, FileUnits cellUnits) {
        StringBuilder b = new StringBuilder(1 << 12);
        try {
            for (Frame f : frames) {
                ExtXyzWriter.appendFrame(b, f, cellUnits, null);
            }
        } catch (IOException e) {
            throw new IllegalStateException("no I/O happens without a writer", e);
        }
        return b.toString();
    }

    /** The extxyz text of one frame, full cells in the given units. */
    public static String format(Frame frame, FileUnits cellUnits) {
        return format(Collections.singletonList(frame), cellUnits);
    }

    /** A number for a message: %.6g, or "out of double range" for a value that overflowed in a unit conversion. */
    static String value(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x) : (x < 0 ? "-" : "+") + "(beyond 1.8e308)";
    }
}
