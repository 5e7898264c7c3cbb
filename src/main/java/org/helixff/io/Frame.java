package org.helixff.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * One configuration of a structure file with its reference data: either a tube given by its motif and
 * cyclic x helical group ({@link Kind#SYMMETRIC}, the SPARC cyclix data) or a periodic full cell
 * ({@link Kind#FULL_CELL}, e.g. the GPAW data), with optional energy, free energy and forces, the
 * remaining typed {@code key=value} information, extra per-atom columns, and where it was read from.
 * Immutable; arrays are copied in and out.
 *
 * <p>Units inside: Hartree, Bohr, Hartree/Bohr. <b>Energy semantics</b>: for a symmetric frame
 * {@link #energy()} is the energy of the infinite tube <em>per motif</em> (for the SPARC data the
 * "Total free energy" of the 2-atom domain, Ha per 2 atoms), the quantity
 * {@code Calculator.compute(SymmetricStructure)} returns; for a full cell it is the total energy of
 * the cell. {@link #energyPerAtom()} divides by the motif size or the number of atoms. Forces are per
 * motif atom (symmetric) or per atom of the cell, Cartesian, Ha/Bohr. {@link #freeEnergy()} is the
 * extxyz {@code free_energy} key when present (for the GPAW data, {@code energy} is extrapolated to
 * zero smearing and the forces are the derivative of {@code free_energy}; for the SPARC data
 * {@code energy} already is the free energy).
 *
 * <p>Info values of the keys {@code virial} (energy), {@code stress} (energy/length^3) and
 * {@code dipole} (length) are held in Hartree/Bohr units and converted by the writer; every other info
 * value and extra column is kept verbatim. Keys the reader and writer manage themselves are reserved
 * ({@link #RESERVED_KEYS}) and cannot be set as info.
 */
public final class Frame {
    /** What a frame describes. */
    public enum Kind {
        /** A motif plus its cyclic x helical group: the infinite tube. */
        SYMMETRIC,
        /** A (partly) periodic full cell. */
        FULL_CELL
    }

    /**
     * Where a frame was read from.
     *
     * @param file  the file name as given to the reader (or the data-set path)
     * @param index 0-based index of the frame in the file
     * @param line  1-based line of the frame's atom count
     */
    public record Provenance(String file, int index, int line) {
    }

    /** Info keys written and read by the extxyz layer itself; not allowed as free-form info. */
    public static final Set<String> RESERVED_KEYS = Set.of("Lattice", "Properties", "pbc", "units", "energy",
            "free_energy", "energy_per_atom", "cyclic_order", "screw_angle_rad", "screw_translation_bohr",
            "twist_angle_rad_per_bohr");
    /** Per-atom property names the extxyz layer writes itself. */
    public static final Set<String> RESERVED_COLUMNS = Set.of("species", "pos", "forces");

    /** Keys are written unquoted: no whitespace, '=', quotes, brackets, braces, backslash or comma. */
    private static final Pattern KEY = Pattern.compile("[^\\s=\"'{}\\[\\]\\\\,]+");

    private final SymmetricStructure symmetric;
    private final Structure cell;
    private final Double energy;
    private final Double freeEnergy;
    private final double[] forces;
    private final Map<String, InfoValue> info;
    private final List<AtomColumn> columns;
    private final Provenance provenance;

    private Frame(SymmetricStructure symmetric, Structure cell, Double energy, Double freeEnergy, double[] forces,
            Map<String, InfoValue> info, List<AtomColumn> columns, Provenance provenance) {
        this.symmetric = symmetric;
        this.cell = cell;
        this.energy = energy;
        this.freeEnergy = freeEnergy;
        this.forces = forces;
        this.info = info;
        this.columns = columns;
        this.provenance = provenance;
    }

    /** A symmetric frame without energy, forces or info. */
    public static Frame of(SymmetricStructure structure) {
        if (structure == null) {
            throw new InvalidInputException("frame: structure is null");
        }
        return new Frame(structure, null, null, null, null, Map.of(), List.of(), null);
    }

    /** A full-cell frame without energy, forces or info. */
    public static Frame of(Structure structure) {
        if (structure == null) {
            throw new InvalidInputException("frame: structure is null");
        }
        return new Frame(null, structure, null, null, null, Map.of(), List.of(), null);
    }

    /** SYMMETRIC for a tube frame (motif plus group), FULL_CELL otherwise. */
    public Kind kind() {
        return symmetric != null ? Kind.SYMMETRIC : Kind.FULL_CELL;
    }

    /** True for a tube frame. */
    public boolean isSymmetric() {
        return symmetric != null;
    }

    /** The motif and group of a symmetric frame; empty for a full cell. */
    public Optional<SymmetricStructure> symmetric() {
        return Optional.ofNullable(symmetric);
    }

    /** The periodic cell of a full-cell frame; empty for a symmetric frame. */
    public Optional<Structure> cell() {
        return Optional.ofNullable(cell);
    }

    /** Atoms stored: motif atoms (symmetric) or atoms of the cell. */
    public int atoms() {
        return symmetric != null ? symmetric.motifSize() : cell.size();
    }

    /** Chemical symbols of the stored atoms. */
    public String[] species() {
        return symmetric != null ? symmetric.species() : cell.species();
    }

    /** Positions of the stored atoms, 3 per atom, Bohr (motif positions for a symmetric frame). */
    public double[] positions() {
        return symmetric != null ? symmetric.motif() : cell.positions();
    }

    /** Energy in Hartree: per motif (symmetric) or of the whole cell (full cell); empty if absent. */
    public OptionalDouble energy() {
        return energy == null ? OptionalDouble.empty() : OptionalDouble.of(energy);
    }

    /** {@link #energy()} divided by {@link #atoms()}, Hartree per atom. */
    public OptionalDouble energyPerAtom() {
        return energy == null || atoms() == 0 ? OptionalDouble.empty() : OptionalDouble.of(energy / atoms());
    }

    /** The free energy ({@code free_energy} key) in Hartree, same per-motif/per-cell meaning as the energy. */
    public OptionalDouble freeEnergy() {
        return freeEnergy == null ? OptionalDouble.empty() : OptionalDouble.of(freeEnergy);
    }

    /** True when the frame carries forces. */
    public boolean hasForces() {
        return forces != null;
    }

    /** Copy of the forces, 3 per stored atom, Cartesian, Ha/Bohr; empty if absent. */
    public Optional<double[]> forces() {
        return forces == null ? Optional.empty() : Optional.of(forces.clone());
    }

    /** Largest force norm over the stored atoms, Ha/Bohr; empty without forces or atoms. */
    public OptionalDouble maxForceNorm() {
        if (forces == null || forces.length == 0) {
            return OptionalDouble.empty();
        }
        double best = 0;
        for (int i = 0; i < forces.length; i += 3) {
            best = Math.max(best, Math.sqrt(forces[i] * forces[i] + forces[i + 1] * forces[i + 1]
                    + forces[i + 2] * forces[i + 2]));
        }
        return OptionalDouble.of(best);
    }

    /** The free-form info, in file order; unmodifiable. */
    public Map<String, InfoValue> info() {
        return info;
    }

    /** One info value. */
    public Optional<InfoValue> info(String key) {
        return Optional.ofNullable(info.get(key));
    }

    /** A text info value; empty if absent or of another type. */
    public Optional<String> infoText(String key) {
        return info.get(key) instanceof InfoValue.Text t ? Optional.of(t.value()) : Optional.empty();
    }

    /** An integer info value; empty if absent or of another type. */
    public OptionalLong infoLong(String key) {
        return info.get(key) instanceof InfoValue.Int i ? OptionalLong.of(i.value()) : OptionalLong.empty();
    }

    /** A numeric info value (integer or real); empty if absent or of another type. */
    public OptionalDouble infoDouble(String key) {
        InfoValue v = info.get(key);
        if (v instanceof InfoValue.Real r) {
            return OptionalDouble.of(r.value());
        }
        if (v instanceof InfoValue.Int i) {
            return OptionalDouble.of(i.value());
        }
        return OptionalDouble.empty();
    }

    /** A boolean info value; empty if absent or of another type. */
    public Optional<Boolean> infoBoolean(String key) {
        return info.get(key) instanceof InfoValue.Bool b ? Optional.of(b.value()) : Optional.empty();
    }

    /** Extra per-atom columns in file order; unmodifiable. */
    public List<AtomColumn> columns() {
        return columns;
    }

    /** Where the frame was read from; empty for frames made in code. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** Same frame with the energy in Hartree (per motif for symmetric frames, per cell otherwise). */
    public Frame withEnergy(double hartree) {
        requireFinite(hartree, "energy");
        return new Frame(symmetric, cell, hartree, freeEnergy, forces, info, columns, provenance);
    }

    /** Same frame with the free energy in Hartree. */
    public Frame withFreeEnergy(double hartree) {
        requireFinite(hartree, "free energy");
        return new Frame(symmetric, cell, energy, hartree, forces, info, columns, provenance);
    }

    /** Same frame with forces, 3 per stored atom, Ha/Bohr (null removes them). */
    public Frame withForces(double[] haPerBohr) {
        double[] f = null;
        if (haPerBohr != null) {
            if (haPerBohr.length != 3 * atoms()) {
                throw new InvalidInputException("frame: " + haPerBohr.length + " force components for " + atoms()
                        + " atoms (need 3 per atom)");
            }
            f = haPerBohr.clone();
            for (int i = 0; i < f.length; i++) {
                if (!Double.isFinite(f[i])) {
                    throw new InvalidInputException("frame: non-finite force " + f[i] + " on atom " + (i / 3));
                }
            }
        }
        return new Frame(symmetric, cell, energy, freeEnergy, f, info, columns, provenance);
    }

    /** Same frame with one info value added or replaced (null removes the key). */
    public Frame withInfo(String key, InfoValue value) {
        checkKey(key);
        LinkedHashMap<String, InfoValue> m = new LinkedHashMap<>(info);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new Frame(symmetric, cell, energy, freeEnergy, forces, Collections.unmodifiableMap(m), columns,
                provenance);
    }

    /** Same frame with all info replaced (kept in the map's iteration order). */
    public Frame withInfo(Map<String, InfoValue> newInfo) {
        LinkedHashMap<String, InfoValue> m = new LinkedHashMap<>();
        for (Map.Entry<String, InfoValue> e : newInfo.entrySet()) {
            checkKey(e.getKey());
            if (e.getValue() == null) {
                throw new InvalidInputException("frame: info key " + e.getKey() + " has a null value");
            }
            m.put(e.getKey(), e.getValue());
        }
        return new Frame(symmetric, cell, energy, freeEnergy, forces, Collections.unmodifiableMap(m), columns,
                provenance);
    }

    /** Same frame with an extra per-atom column added or replaced (same name). */
    public Frame withColumn(AtomColumn column) {
        if (RESERVED_COLUMNS.contains(column.name())) {
            throw new InvalidInputException("frame: per-atom column name '" + column.name() + "' is reserved");
        }
        if (column.atoms() != atoms()) {
            throw new InvalidInputException("frame: per-atom column " + column.name() + " covers " + column.atoms()
                    + " atoms, the frame has " + atoms());
        }
        List<AtomColumn> c = new ArrayList<>();
        boolean replaced = false;
        for (AtomColumn old : columns) {
            if (old.name().equals(column.name())) {
                c.add(column);
                replaced = true;
            } else {
                c.add(old);
            }
        }
        if (!replaced) {
            c.add(column);
        }
        return new Frame(symmetric, cell, energy, freeEnergy, forces, info, List.copyOf(c), provenance);
    }

    /** Same frame with another provenance (null clears it). */
    public Frame withProvenance(Provenance p) {
        return new Frame(symmetric, cell, energy, freeEnergy, forces, info, columns, p);
    }

    private static void checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException("frame: info key '" + key + "' must be non-empty without whitespace, '=', quotes, brackets, backslash or comma");
        }
        if (RESERVED_KEYS.contains(key)) {
            throw new InvalidInputException("frame: info key '" + key + "' is reserved (written from the frame itself)");
        }
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new InvalidInputException("frame: " + what + " " + v + " is not finite");
        }
    }

    @Override
    public String toString() {
        return "Frame[" + kind() + ", " + atoms() + " atoms" + (energy == null ? "" : ", E=" + energy + " Ha")
                + (provenance == null ? "" : ", " + provenance.file() + "#" + provenance.index()) + "]";
    }
}
