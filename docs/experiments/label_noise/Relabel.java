import java.nio.file.Path;
import java.util.*;
import org.helixff.app.Models;
import org.helixff.calculator.*;
import org.helixff.io.*;
import org.helixff.training.*;

/** Relabel training frames with an analytic model (a noise-free proxy of the DFT training set). */
public class Relabel {
    public static void main(String[] a) {
        Calculator c = Models.resolve(a[0]);
        List<Frame> out = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            for (TrainingFrame t : TrainingFrames.load(List.of(a[i]), "T")) {
                TrainingFrame n;
                if (t.isSymmetric()) {
                    SymmetricResult r = c.compute(t.symmetricStructure());
                    n = TrainingFrame.symmetric(t.symmetricStructure(), r.energyPerAtom(), r.forces(), r.dEdh(), "T", t.name());
                } else {
                    CellResult r = c.compute(t.cellStructure());
                    n = TrainingFrame.cell(t.cellStructure(), r.energyPerAtom(), r.forces(), "T", t.name());
                }
                out.add(TrainingFrames.toFrame(n));
            }
        }
        ExtXyz.write(Path.of(a[1]), out);
        System.err.println(out.size() + " frames");
    }
}
