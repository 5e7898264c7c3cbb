package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.TeacherLabel;
import org.helixff.training.TrainingFrame;

/**
 * The labels of an interrupted on-the-fly run, handed out in order as the new run reaches them (see
 * {@link OnTheFly#resumeFrom}): initial frames are matched against the structures the run labels next, the MD
 * labels of a tube are taken before its first fit.
 */
final class ResumeCursor {
    private final List<OnTheFly.SavedLabel> saved;
    private int cursor;
    private int taken;

    ResumeCursor(List<OnTheFly.SavedLabel> saved) {
        this.saved = List.copyOf(saved);
    }

    /** Labels taken so far. */
    int taken() {
        return taken;
    }

    /** The next saved initial label if it is the label of {@code s}; null when none is left; an error on mismatch. */
    TrainingFrame initial(SymmetricStructure s, String tag) {
        if (cursor >= saved.size()) {
            return null;
        }
        OnTheFly.SavedLabel sl = saved.get(cursor);
        if (sl.step() != 0 || !sameStructure(sl.frame(), s)) {
            throw new InvalidInputException("--resume: saved frame " + (cursor + 1) + " (" + sl.tube() + ", step "
                    + sl.step() + ") is not the frame this run labels next (" + tag + ", initial): resume with the"
                    + " same tubes and options as the interrupted run");
        }
        cursor++;
        taken++;
        return sl.frame();
    }

    /** The saved MD labels of tube {@code tag} that come next, in order (empty when none). */
    List<TrainingFrame> mdLabels(String tag) {
        List<TrainingFrame> out = new ArrayList<>();
        while (cursor < saved.size() && saved.get(cursor).step() > 0
                && normalTag(saved.get(cursor).tube()).equals(normalTag(tag))) {
            out.add(saved.get(cursor).frame());
            cursor++;
            taken++;
        }
        return out;
    }

    /**
     * @throws InvalidInputException if a saved label was not reached: it belongs to no tube of this run
     */
    void requireAllTaken() {
        if (cursor < saved.size()) {
            OnTheFly.SavedLabel sl = saved.get(cursor);
            throw new InvalidInputException("--resume: saved frame " + (cursor + 1) + " (" + sl.tube() + ", step "
                    + sl.step() + ") belongs to no tube of this run: resume with the same tubes as the interrupted"
                    + " run");
        }
    }

    private static boolean sameStructure(TrainingFrame f, SymmetricStructure s) {
        if (!f.isSymmetric() || f.atoms() != s.motifSize()) {
            return false;
        }
        SymmetricStructure t = f.symmetricStructure();
        double[] a = t.motif();
        double[] b = s.motif();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= OnTheFly.RESUME_MATCH_TOLERANCE)) {
                return false;
            }
        }
        return t.group().cyclicOrder() == s.group().cyclicOrder()
                && Math.abs(t.group().screwAngle() - s.group().screwAngle()) <= OnTheFly.RESUME_MATCH_TOLERANCE
                && Math.abs(t.group().screwShift() - s.group().screwShift()) <= OnTheFly.RESUME_MATCH_TOLERANCE;
    }

    private static String normalTag(String tag) {
        return tag.replace(' ', '_');
    }

    /** The teacher label a saved frame stands for. */
    static TeacherLabel labelOf(TrainingFrame f) {
        double[] forces = f.hasForces() ? f.forces() : new double[3 * f.atoms()];
        return new TeacherLabel(f.energyPerAtom() * f.atoms(), forces, f.hasDEdh() ? f.dEdh() : Double.NaN,
                Map.of("resumed", true));
    }
}
