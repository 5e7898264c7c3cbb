package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.app.Models;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.model.ModelCalculator;
import org.helixff.neighbors.CellNeighbors;
import org.helixff.neighbors.ImageNeighbors;
import org.helixff.neighbors.NeighborList;
import org.helixff.training.FrameSelection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code helixff select}: which candidate frames to send to the teacher next (farthest-first by novelty). */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Choose the candidate frames a teacher (DFT) should label next.",
            "Farthest-first by the model's extrapolation distance, counting the frames already chosen as known.",
            "Writes the chosen frames in the order chosen, each with its selection_rank and selection_score."})
final class SelectCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, description = "candidate frames (extxyz, cells or symmetric)")
    Path pool;

    @Option(names = "--count", required = true, description = "most frames to choose")
    int count;

    @Option(names = "--min-score", defaultValue = "0",
            description = "stop when no candidate scores above this (default: ${DEFAULT-VALUE}: choose --count)")
    double minScore;

    @Option(names = "--model", defaultValue = "default", description = "learned model (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--out", required = true, description = "extxyz file of the chosen frames")
    Path out;

    @Option(names = "--json", description = "print the choices as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(Models.resolve(model) instanceof ModelCalculator mc)) {
            throw new InvalidInputException("--model " + model + " is not a learned model: nothing to measure against");
        }
        List<Frame> frames = ExtXyz.read(pool);
        if (frames.isEmpty()) {
            throw new InvalidInputException(pool + " holds no frames");
        }
        double rc = mc.model().soap().cutoff();
        List<NeighborList> lists = new ArrayList<>();
        for (Frame f : frames) {
            lists.add(f.isSymmetric() ? ImageNeighbors.build(f.symmetric().orElseThrow(), rc)
                    : CellNeighbors.build(f.cell().orElseThrow(), rc));
        }
        List<FrameSelection.Choice> choices = FrameSelection.farthestFirst(mc.model(), mc.engine(), lists, count,
                minScore);
        List<Frame> chosen = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < choices.size(); r++) {
            FrameSelection.Choice c = choices.get(r);
            chosen.add(frames.get(c.index()).withInfo("selection_rank", new InfoValue.Int(r))
                    .withInfo("selection_score", new InfoValue.Real(c.score()))
                    .withInfo("pool_frame", new InfoValue.Int(c.index())));
            Map<String, Object> row = Json.object();
            row.put("rank", r);
            row.put("pool_frame", c.index());
            row.put("score", c.score());
            rows.add(row);
        }
        ExtXyz.write(out, chosen);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("pool", pool.toString());
            j.put("candidates", frames.size());
            j.put("model", mc.name());
            j.put("chosen", rows);
            j.put("out", out.toString());
            Json.print(o, j);
        } else {
            o.printf(Locale.ROOT, "chose %d of %d candidates from %s (model %s) -> %s%n", choices.size(), frames.size(),
                    pool, mc.name(), out);
            for (Map<String, Object> row : rows) {
                o.printf(Locale.ROOT, "  rank %3d  pool frame %4d  score %.3f%n", row.get("rank"), row.get("pool_frame"),
                        (Double) row.get("score"));
            }
        }
        o.flush();
        return 0;
    }
}
