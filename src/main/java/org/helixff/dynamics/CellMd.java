package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.structure.Structure;

/**
 * Molecular dynamics of a periodic full cell (the oracle for {@link SymmetricMd}; any cell). Energies are
 * per cell. Zero modes: the three translations, and the rotation about the z axis through the centre of
 * mass when the cell is not periodic in x and y and its third lattice vector (if periodic) lies along z
 * (an isolated tube along z). DOF = 3 atoms - zero modes. No axial coupling.
 */
public final class CellMd extends MdIntegrator {
    private final Structure template;
    private final CellForceField field;
    private final boolean rotation;

    /**
     * @param start      the starting cell
     * @param velocities initial velocities (3 per atom, Bohr per au of time, used as they are) or null for
     *                   Maxwell-Boltzmann at the options' temperature (zero modes removed, rescaled to exactly T)
     * @param field      energy and forces
     * @param options    time step, thermostat, seed; axial coupling is not supported
     * @throws InvalidInputException with axial coupling, a non-carbon cell or bad velocities
     */
    public CellMd(Structure start, double[] velocities, CellForceField field, MdOptions options) {
        super(requireNoAxial(options), start.species(), start.positions(), Double.NaN, 0.0);
        if (field == null) {
            throw new InvalidInputException("molecular dynamics: force field must be given");
        }
        this.template = start;
        this.field = field;
        boolean zAxis = !start.pbc(2) || (start.cell(2, 0) == 0 && start.cell(2, 1) == 0);
        this.rotation = !start.pbc(0) && !start.pbc(1) && zAxis;
        start(velocities);
    }

    private static MdOptions requireNoAxial(MdOptions o) {
        if (o != null && o.axial() != null) {
            throw new InvalidInputException("axial coupling is implemented for symmetric tubes only");
        }
        return o;
    }

    @Override
    List<double[]> zeroModeCandidates(double[] p) {
        List<double[]> out = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            double[] t = new double[3 * atoms];
            for (int i = 0; i < atoms; i++) {
                t[3 * i + c] = Math.sqrt(mass[i]);
            }
            out.add(t);
        }
        if (rotation) {
            double mx = 0;
            double my = 0;
            double mt = 0;
            for (int i = 0; i < atoms; i++) {
                mx += mass[i] * p[3 * i];
                my += mass[i] * p[3 * i + 1];
                mt += mass[i];
            }
            mx /= mt;
            my /= mt;
            double[] r = new double[3 * atoms];
            for (int i = 0; i < atoms; i++) {
                double s = Math.sqrt(mass[i]);
                r[3 * i] = -s * (p[3 * i + 1] - my);
                r[3 * i + 1] = s * (p[3 * i] - mx);
            }
            out.add(r);
        }
        return out;
    }

    @Override
    ForceSample evaluate(double[] p, double hNow, long s) {
        return field.evaluate(template.withPositions(p), s);
    }

    @Override
    MdFrame frame() {
        double k = kinetic();
        return new MdFrame(step, timeFs(), null, template.withPositions(x), v, sample, k, temperatureOf(k),
                totalEnergy(), heat, Double.NaN, degreesOfFreedom());
    }

    /** The cell now. */
    public Structure structure() {
        return template.withPositions(x);
    }
}
