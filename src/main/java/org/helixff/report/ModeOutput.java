package org.helixff.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.io.AtomColumn;
import org.helixff.io.AtomicFiles;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.phonon.ModePattern;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.VectorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.VectorSeries;
import org.jfree.data.xy.VectorSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Files of one phonon mode in real space: an animated extxyz (one period of the motion on a stack of
 * translational cells) and a PNG picture (cross-section with in-plane arrows, side view with axial arrows).
 * The displacement field is given as a complex vector per atom (Bohr, any normalisation); the motion is
 * Re[u exp(-i phi)] for the phase phi = 2 pi f / frames of frame f, scaled so that the largest atom
 * displacement amplitude |u| equals the requested amplitude. Before that, the field's global phase is chosen so
 * that frame 0 is the largest real snapshot (the picture shows frame 0).
 */
public final class ModeOutput {
    /** Largest arrow drawn in the picture, Angstrom (about the C-C distance: readable, not overlapping much). */
    public static final double ARROW_ANGSTROM = 0.6;
    /** At most this many arrows per panel (every s-th atom beyond it). */
    public static final int MAX_ARROWS = 3000;

    private ModeOutput() {
    }

    /**
     * The field with its global phase turned so that its real part is as large as possible, scaled so the largest
     * |u| per atom is 1: {re, im}.
     *
     * @throws InvalidInputException for a zero field
     */
    public static double[][] normalised(double[][] field) {
        double[] re = field[0];
        double[] im = field[1];
        double a = 0;
        double b = 0;
        for (int i = 0; i < re.length; i++) {
            a += re[i] * re[i] - im[i] * im[i];
            b += 2 * re[i] * im[i];
        }
        double th = 0.5 * Math.atan2(b, a);
        double c = Math.cos(th);
        double s = Math.sin(th);
        double[] r = new double[re.length];
        double[] q = new double[re.length];
        double max = 0;
        for (int i = 0; i < re.length; i++) {
            // u exp(-i th)
            r[i] = re[i] * c + im[i] * s;
            q[i] = im[i] * c - re[i] * s;
        }
        for (int i = 0; i < re.length / 3; i++) {
            double m = 0;
            for (int d = 0; d < 3; d++) {
                m += r[3 * i + d] * r[3 * i + d] + q[3 * i + d] * q[3 * i + d];
            }
            max = Math.max(max, Math.sqrt(m));
        }
        if (!(max > 0)) {
            throw new InvalidInputException("the mode's displacement field is zero");
        }
        for (int i = 0; i < re.length; i++) {
            r[i] /= max;
            q[i] /= max;
        }
        return new double[][] {r, q};
    }

    /**
     * Writes the animation: {@code frames} frames of {@code cell} displaced by amplitude x Re[u exp(-i 2 pi f /
     * frames)], each with the info keys given plus {@code frame_phase_rad}, and a column {@code displacement}
     * (Angstrom, the frame's displacement). Read by ASE ({@code ase.io.read(f, ':')}), OVITO and VMD.
     *
     * @param field       the complex field on the atoms of {@code cell}, normalised with {@link #normalised}
     * @param amplitude   largest displacement amplitude, Bohr (> 0)
     * @param frames      frames per period (>= 2)
     * @param info        extra info keys (mode labels)
     */
    public static void writeAnimation(Path target, Structure cell, double[][] field, int frames, double amplitude,
            Map<String, InfoValue> info) {
        if (frames < 2 || !(amplitude > 0) || !Double.isFinite(amplitude)) {
            throw new InvalidInputException("animation needs >= 2 frames and a positive amplitude (got " + frames
                    + ", " + amplitude + " Bohr)");
        }
        double[] x0 = cell.positions();
        List<Frame> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            double ph = 2 * Math.PI * f / frames;
            double c = Math.cos(ph);
            double s = Math.sin(ph);
            double[] x = x0.clone();
            double[] d = new double[x0.length];
            for (int i = 0; i < x.length; i++) {
                double u = amplitude * (field[0][i] * c + field[1][i] * s);
                x[i] += u;
                d[i] = Units.bohrToAngstrom(u);
            }
            Map<String, InfoValue> inf = new LinkedHashMap<>(info);
            inf.put("frame_phase_rad", new InfoValue.Real(ph));
            out.add(Frame.of(cell.withPositions(x)).withInfo(inf).withColumn(AtomColumn.reals("displacement", 3, d)));
        }
        ExtXyz.write(target, out);
    }

    /**
     * Writes the PNG: left, the cross-section (x, y) of the atoms of the first {@code crossCells} cells' worth of
     * atoms with their in-plane displacement arrows; right, the side view (z, x) of the front half (y >= 0) with
     * arrows (u_z, u_x). Frame 0 of the normalised field, the largest arrow {@value #ARROW_ANGSTROM} Angstrom.
     *
     * @param crossAtoms how many atoms (from the start of the cell) form the cross-section
     * @param title      the picture's title (mode labels, frequency, character)
     * @param subtitle   a second line
     */
    public static void writePicture(Path target, Structure cell, double[][] field, int crossAtoms, String title,
            String subtitle) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int n = cell.size();
        double a = ARROW_ANGSTROM;
        XYSeries crossAtomsS = new XYSeries("atoms", false, true);
        VectorSeries crossArrows = new VectorSeries("in-plane displacement");
        int cross = Math.min(n, crossAtoms);
        int stride = Math.max(1, (cross + MAX_ARROWS - 1) / MAX_ARROWS);
        for (int i = 0; i < cross; i += stride) {
            double x = Units.bohrToAngstrom(cell.position(i, 0));
            double y = Units.bohrToAngstrom(cell.position(i, 1));
            crossAtomsS.add(x, y, false);
            crossArrows.add(x, y, a * field[0][3 * i], a * field[0][3 * i + 1]);
        }
        XYSeries sideAtoms = new XYSeries("atoms", false, true);
        VectorSeries sideArrows = new VectorSeries("displacement (axial, x)");
        int front = 0;
        for (int i = 0; i < n; i++) {
            front += cell.position(i, 1) >= 0 ? 1 : 0;
        }
        int stride2 = Math.max(1, (front + MAX_ARROWS - 1) / MAX_ARROWS);
        int seen = 0;
        for (int i = 0; i < n; i++) {
            if (cell.position(i, 1) < 0) {
                continue;
            }
            if (seen++ % stride2 != 0) {
                continue;
            }
            double z = Units.bohrToAngstrom(cell.position(i, 2));
            double x = Units.bohrToAngstrom(cell.position(i, 0));
            sideAtoms.add(z, x, false);
            sideArrows.add(z, x, a * field[0][3 * i + 2], a * field[0][3 * i]);
        }
        JFreeChart left = panel("cross-section (looking down the axis)", "x (A)", "y (A)", crossAtomsS, crossArrows);
        JFreeChart right = panel("side view, front half (y >= 0)", "z (A)", "x (A)", sideAtoms, sideArrows);
        int w = 800;
        int h = 760;
        int head = 80;
        BufferedImage img = new BufferedImage(2 * w, h + head, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 2 * w, h + head);
        g.setColor(Color.BLACK);
        centred(g, title, new Font(Font.SANS_SERIF, Font.BOLD, 20), w, 32);
        centred(g, subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 14), w, 62);
        left.draw(g, new Rectangle2D.Double(0, head, w, h));
        right.draw(g, new Rectangle2D.Double(w, head, w, h));
        g.dispose();
        AtomicFiles.writeBinary(target, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new java.io.IOException("no PNG writer");
            }
        });
    }

    private static void centred(Graphics2D g, String text, Font font, int centre, int baseline) {
        g.setFont(font);
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, Math.max(4, centre - width / 2), baseline);
    }

    private static JFreeChart panel(String title, String xl, String yl, XYSeries atoms, VectorSeries arrows) {
        NumberAxis x = new NumberAxis(xl);
        NumberAxis y = new NumberAxis(yl);
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        VectorRenderer vr = new VectorRenderer();
        vr.setSeriesPaint(0, new Color(200, 30, 30));
        vr.setSeriesStroke(0, new BasicStroke(1.5f));
        VectorSeriesCollection vc = new VectorSeriesCollection();
        vc.addSeries(arrows);
        XYPlot plot = new XYPlot(vc, x, y, vr);
        XYLineAndShapeRenderer ar = new XYLineAndShapeRenderer(false, true);
        ar.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        ar.setSeriesPaint(0, new Color(60, 60, 60));
        plot.setDataset(1, new XYSeriesCollection(atoms));
        plot.setRenderer(1, ar);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(230, 230, 230));
        plot.setRangeGridlinePaint(new Color(230, 230, 230));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.PLAIN, 15), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Atoms per animation frame the automatic cell count stays under. */
    public static final long MAX_ANIMATION_ATOMS = 20_000;

    /**
     * Cells of the animation: {@code requested} when > 0 (it must keep the field single-valued), else the smallest
     * commensurate count repeated until the stack is at least three diameters long, within
     * {@link #MAX_ANIMATION_ATOMS} atoms (never below the commensurate count).
     *
     * @throws InvalidInputException when the mode is not periodic over the requested cells, or over any stack of
     *                               at most 64 cells
     */
    public static int animationCells(ModePattern p, SymmetricStructure s, int requested) {
        int c0 = p.commensurateCells(64);
        double kt = p.axialWaveVector() * p.period();
        if (c0 < 0) {
            throw new InvalidInputException(String.format(Locale.ROOT, "the mode's Bloch phase k T = %.6f rad is not"
                    + " a multiple of 2 pi / C for any C <= 64 cells, so its pattern is not periodic on a cell stack;"
                    + " choose kappa so that k T = 2 pi j / C", kt));
        }
        if (requested > 0) {
            if (requested % c0 != 0) {
                throw new InvalidInputException(String.format(Locale.ROOT, "--cells %d: the mode (k T = %.6f rad)"
                        + " repeats every %d cells; use a multiple of %d", requested, kt, c0, c0));
            }
            return requested;
        }
        double d = 2 * s.meanRadius();
        int reps = (int) Math.max(1, Math.ceil(3 * d / (c0 * p.period())));
        long perCell = s.expandedSize(1);
        while (reps > 1 && perCell * c0 * reps > MAX_ANIMATION_ATOMS) {
            reps--;
        }
        return c0 * reps;
    }

    /**
     * Computes the field, writes {@code <slug>.extxyz} (animation, when {@code animation}) and {@code <slug>.png}
     * (picture) into {@code dir}, and returns the mode's JSON-ready description (labels, frequency, character, ideal overlaps,
     * cells, file names).
     *
     * @param name      what the mode is called (e.g. "RBM"), or null
     * @param tube      e.g. "(10,10)"
     * @param amplitude largest displacement, Bohr
     */
    public static Map<String, Object> writeMode(Path dir, String slug, ModePattern p, SymmetricStructure s,
            int cells, int frames, double amplitude, String name, String tube, String model, boolean animation) {
        Structure cell = s.expand(cells);
        double[][] field = normalised(p.field(cells));
        Map<String, Object> d = describe(p, name);
        d.put("cells", cells);
        d.put("atoms", cell.size());
        d.put("frames", frames);
        d.put("amplitude_angstrom", Units.bohrToAngstrom(amplitude));
        Map<String, InfoValue> info = new LinkedHashMap<>();
        info.put("tube", new InfoValue.Text(tube));
        info.put("model", new InfoValue.Text(model));
        if (name != null) {
            info.put("mode", new InfoValue.Text(name));
        }
        info.put("nu", new InfoValue.Int(p.nu()));
        info.put("kappa_rad", new InfoValue.Real(p.kappa()));
        info.put("branch", new InfoValue.Int(p.branch()));
        info.put("frequency_cm1", new InfoValue.Real(p.frequencyCm1()));
        info.put("angular_momentum", new InfoValue.Int(p.angularMomentum()));
        info.put("k_per_bohr", new InfoValue.Real(p.axialWaveVector()));
        String anim = slug + ".extxyz";
        String pic = slug + ".png";
        if (animation) {
            writeAnimation(dir.resolve(anim), cell, field, frames, amplitude, info);
        }
        double[] ch = p.character();
        String title = String.format(Locale.ROOT, "%s%s (nu, kappa, branch) = (%d, %.4f, %d):  %.2f cm^-1, %s",
                name == null ? "" : name + ",  ", tube, p.nu(), p.kappa(), p.branch(), p.frequencyCm1(),
                dominant(ch));
        String sub = String.format(Locale.ROOT, "%s; angular momentum m = %d, k = %.4f / Bohr; model %s;"
                + " red arrows: displacement at maximum (largest %.1f A)", characterText(ch), p.angularMomentum(),
                p.axialWaveVector(), model, ARROW_ANGSTROM);
        writePicture(dir.resolve(pic), cell, field, (int) s.expandedSize(1), title, sub);
        if (animation) {
            d.put("animation", anim);
        }
        d.put("picture", pic);
        return d;
    }

    /** The mode's labels, frequency, character and ideal-pattern overlaps as a JSON-ready map. */
    public static Map<String, Object> describe(ModePattern p, String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (name != null) {
            d.put("name", name);
        }
        d.put("nu", p.nu());
        d.put("kappa_rad", p.kappa());
        d.put("branch", p.branch());
        d.put("frequency_cm1", p.frequencyCm1());
        d.put("frequency_thz", p.frequencyCm1() * Units.THZ_PER_CM1);
        d.put("angular_momentum", p.angularMomentum());
        d.put("axial_wave_vector_per_bohr", p.axialWaveVector());
        d.put("kT_rad", p.axialWaveVector() * p.period());
        double[] ch = p.character();
        d.put("radial_fraction", ch[0]);
        d.put("circumferential_fraction", ch[1]);
        d.put("axial_fraction", ch[2]);
        d.put("character", dominant(ch));
        d.put("ideal_overlaps", p.idealOverlaps());
        return d;
    }

    /** "radial", "circumferential" or "axial": the largest fraction. */
    public static String dominant(double[] ch) {
        if (ch[2] >= ch[0] && ch[2] >= ch[1]) {
            return "axial";
        }
        return ch[1] >= ch[0] ? "circumferential" : "radial";
    }

    /** "radial 0.998, circumferential 0.001, axial 0.001". */
    public static String characterText(double[] ch) {
        return String.format(Locale.ROOT, "radial %.3f, circumferential %.3f, axial %.3f", ch[0], ch[1], ch[2]);
    }
}
