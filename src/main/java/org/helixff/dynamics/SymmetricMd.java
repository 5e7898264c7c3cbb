package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Symmetry-adapted molecular dynamics of an infinite tube: the motif atoms move under the
 * symmetry-adapted forces and every image follows (image (k, j) of atom a is at R_g x_a + j h z, its
 * velocity R_g v_a). This is the exact dynamics of the infinite tube restricted to configurations with
 * the tube's full cyclic x helical symmetry (a symmetric start stays symmetric under the full dynamics;
 * {@code MolecularDynamicsTest} checks it against a full-cell run). Energies are per motif.
 *
 * <p>Zero modes of the motif: translation along the axis and rigid rotation about it (the group commutes
 * with both). Transverse translations are not zero modes here: moving every motif atom by the same
 * vector moves the images by rotated vectors, a deformation. Hence DOF = 3 n - 2 for n motif atoms (4 for
 * a 2-atom motif) and the initial and Langevin velocities carry no axial momentum and no angular
 * momentum about the axis.
 *
 * <p>Axial coupling ({@link MdOptions#axial()}): h is a coordinate (see {@link MdOptions.Axial}); alpha
 * is fixed. The piston starts at rest.
 */
public final class SymmetricMd extends MdIntegrator {
    private final SymmetricStructure template;
    private final HelicalGroup group0;
    private final SymmetricForceField field;

    /**
     * @param start      the starting tube
     * @param velocities initial motif velocities (3 per atom, Bohr per au of time), or null to draw them
     *                   from the Maxwell-Boltzmann distribution at the options' temperature (zero modes
     *                   removed, then rescaled to that temperature exactly); given velocities are used as
     *                   they are
     * @param field      energy and symmetric forces (and dE/dh with axial coupling)
     * @param options    time step, thermostat, seed, axial coupling
     * @throws InvalidInputException for a non-carbon motif or bad velocities
     */
    public SymmetricMd(SymmetricStructure start, double[] velocities, SymmetricForceField field, MdOptions options) {
        super(options, start.species(), start.motif(), start.group().screwShift(),
                options.axial() == null ? 0.0 : options.axial().tension() / start.group().cyclicOrder());
        if (field == null) {
            throw new InvalidInputException("molecular dynamics: force field must be given");
        }
        this.template = start;
        this.group0 = start.group();
        this.field = field;
        start(velocities);
    }

    @Override
    List<double[]> zeroModeCandidates(double[] p) {
        double[] tz = new double[3 * atoms];
        double[] rot = new double[3 * atoms];
        for (int i = 0; i < atoms; i++) {
            double s = Math.sqrt(mass[i]);
            tz[3 * i + 2] = s;
            rot[3 * i] = -s * p[3 * i + 1];
            rot[3 * i + 1] = s * p[3 * i];
        }
        List<double[]> out = new ArrayList<>();
        out.add(tz);
        out.add(rot);
        return out;
    }

    private SymmetricStructure structureAt(double[] p, double hNow) {
        SymmetricStructure s = template.withMotif(p);
        if (axial) {
            s = s.withGroup(group0.withScrew(group0.screwAngle(), hNow));
        }
        return s;
    }

    @Override
    ForceSample evaluate(double[] p, double hNow, long s) {
        return field.evaluate(structureAt(p, hNow), s);
    }

    @Override
    MdFrame frame() {
        double k = kinetic();
        return new MdFrame(step, timeFs(), structureAt(x, h), null, v, sample, k, temperatureOf(k), totalEnergy(),
                heat, axial ? vh : Double.NaN, degreesOfFreedom());
    }

    /** The tube now. */
    public SymmetricStructure structure() {
        return structureAt(x, h);
    }
}
