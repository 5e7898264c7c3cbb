package org.helixff.teacher;

import java.util.Map;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.symmetry.SymmetricStructure;

/** Any in-process {@link Calculator} (e.g. the Tersoff teachers) as a {@link Teacher}, with dE/dh. */
public final class CalculatorTeacher implements Teacher {
    private final Calculator calculator;

    /**
     * @param calculator the reference calculator
     * @throws org.helixff.InvalidInputException when it is null
     */
    public CalculatorTeacher(Calculator calculator) {
        if (calculator == null) {
            throw new InvalidInputException("calculator teacher: calculator must be given");
        }
        this.calculator = calculator;
    }

    /** The teacher of a calculator named as in {@link Teachers#byName(String)}. */
    public static CalculatorTeacher byName(String name) {
        return new CalculatorTeacher(Teachers.byName(name));
    }

    /** The wrapped calculator. */
    public Calculator calculator() {
        return calculator;
    }

    @Override
    public String name() {
        return calculator.name();
    }

    @Override
    public TeacherLabel label(SymmetricStructure structure) {
        long t0 = System.nanoTime();
        SymmetricResult r = calculator.compute(structure);
        return new TeacherLabel(r.energyPerMotif(), r.forces(), r.dEdh(),
                Map.of("seconds", (System.nanoTime() - t0) * 1e-9));
    }
}
