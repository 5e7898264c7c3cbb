package org.helixff.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.Units;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.ThermalProperties;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Files of {@link ThermalProperties}: {@code thermal_properties.yaml} in phonopy's layout, a JSON-ready map and a
 * PNG plot. The "unit cell" of the phonopy layout is the tube's helical motif ({@code natom} = motif size), so the
 * molar values are per mole of motifs, exactly as phonopy's are per mole of unit cells: free energy in kJ/mol,
 * entropy and heat capacity in J/K/mol, {@code energy} = F + T S in kJ/mol.
 */
public final class ThermalOutput {
    private ThermalOutput() {
    }

    /**
     * Writes {@code thermal_properties.yaml} (atomically) in phonopy's layout: the comment line, {@code unit},
     * {@code natom}, {@code cutoff_frequency} (THz), {@code num_modes}, {@code num_integrated_modes},
     * {@code zero_point_energy} (kJ/mol), then one entry per temperature with {@code temperature},
     * {@code free_energy}, {@code entropy}, {@code heat_capacity}, {@code energy}; then a {@code helixff} key with
     * the tube, the model and the sampling (phonopy's readers ignore it).
     *
     * @param tube  e.g. "(10,10)"
     * @param model calculator name
     */
    public static void writeYaml(Path target, ThermalProperties tp, String tube, String model) {
        AtomicFiles.writeText(target, w -> yaml(w, tp, tube, model));
    }

    private static void yaml(Writer w, ThermalProperties tp, String tube, String model) throws IOException {
        int modes = 3 * tp.motifSize();
        w.write("# Thermal properties / unit cell (natom)\n");
        w.write("# written by helixff for tube " + tube + " (model " + model + "): the unit cell is the "
                + tp.motifSize() + "-atom helical motif,\n");
        w.write("# values per mole of motifs (divide by natom for per mole of atoms)\n");
        w.write("\n");
        w.write("unit:\n");
        w.write("  temperature:   K\n");
        w.write("  free_energy:   kJ/mol\n");
        w.write("  entropy:       J/K/mol\n");
        w.write("  heat_capacity: J/K/mol\n");
        w.write("\n");
        w.write(String.format(Locale.ROOT, "natom: %-5d%n", tp.motifSize()));
        w.write(String.format(Locale.ROOT, "cutoff_frequency: %.5f%n", 0.0));
        w.write(String.format(Locale.ROOT, "num_modes: %d%n", modes));
        w.write(String.format(Locale.ROOT, "num_integrated_modes: %d%n", modes));
        w.write("\n");
        w.write(String.format(Locale.ROOT, "zero_point_energy: %15.7f%n",
                ThermalProperties.kjPerMol(tp.zeroPointEnergy())));
        w.write("\n");
        w.write("thermal_properties:\n");
        for (ThermalProperties.Point p : tp.points()) {
            w.write(String.format(Locale.ROOT, "- temperature:   %15.7f%n", p.temperature()));
            w.write(String.format(Locale.ROOT, "  free_energy:   %15.7f%n", ThermalProperties.kjPerMol(p.freeEnergy())));
            w.write(String.format(Locale.ROOT, "  entropy:       %15.7f%n", ThermalProperties.jPerKMol(p.entropy())));
            w.write(String.format(Locale.ROOT, "  heat_capacity: %15.7f%n",
                    ThermalProperties.jPerKMol(p.heatCapacity())));
            w.write(String.format(Locale.ROOT, "  energy:        %15.7f%n",
                    ThermalProperties.kjPerMol(p.internalEnergy())));
            w.write("\n");
        }
        w.write("helixff:\n");
        w.write("  tube: \"" + tube + "\"\n");
        w.write("  model: \"" + model.replace("\"", "'") + "\"\n");
        w.write("  method: " + tp.method() + "\n");
        w.write(String.format(Locale.ROOT, "  cyclic_order: %d%n", tp.cyclicOrder()));
        w.write(String.format(Locale.ROOT, "  kappa_points_per_nu: %d%n", tp.kappaPoints()));
        if (tp.convergence() != null) {
            w.write(String.format(Locale.ROOT, "  convergence_tolerance: %.3e%n", tp.convergence().tolerance()));
            List<Double> ch = tp.convergence().changes();
            w.write(String.format(Locale.ROOT, "  last_change: %.3e%n", ch.isEmpty() ? Double.NaN : ch.get(ch.size() - 1)));
            w.write("  converged: " + tp.convergence().converged() + "\n");
        }
        w.write(String.format(Locale.ROOT, "  imaginary_states_excluded_per_motif: %.6e%n", tp.imaginaryWeight()));
    }

    /** Per-atom and molar values of one temperature point. */
    private static Map<String, Object> point(ThermalProperties.Point p, int nm) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("temperature_k", p.temperature());
        o.put("heat_capacity_kb_per_atom", p.heatCapacity() / nm);
        o.put("entropy_kb_per_atom", p.entropy() / nm);
        o.put("free_energy_mev_per_atom", 1000 * Units.hartreeToEv(p.freeEnergy()) / nm);
        o.put("internal_energy_mev_per_atom", 1000 * Units.hartreeToEv(p.internalEnergy()) / nm);
        o.put("heat_capacity_j_per_k_mol_atoms", ThermalProperties.jPerKMol(p.heatCapacity()) / nm);
        o.put("entropy_j_per_k_mol_atoms", ThermalProperties.jPerKMol(p.entropy()) / nm);
        o.put("free_energy_kj_per_mol_atoms", ThermalProperties.kjPerMol(p.freeEnergy()) / nm);
        o.put("internal_energy_kj_per_mol_atoms", ThermalProperties.kjPerMol(p.internalEnergy()) / nm);
        return o;
    }

    /**
     * JSON-ready summary: sampling and convergence, exclusions, zero-point energy, every temperature (per atom
     * and per mole of atoms), the low-temperature analysis and the high-temperature (Dulong-Petit) check.
     *
     * @param low      the acoustic-branch analysis (may be null)
     * @param highCvAt Cv per motif (k_B) predicted by the high-temperature expansion at the highest temperature
     *                 (NaN to leave out)
     */
    public static Map<String, Object> summary(ThermalProperties tp, ThermalProperties.LowTemperature low,
            double highCvAt) {
        int nm = tp.motifSize();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("definitions", "phonopy: F = sum hbar w/2 + kT ln(1-exp(-x)), S, Cv, U = F + TS; x = hbar w/kT;"
                + " zero-point energy included");
        o.put("method", tp.method());
        o.put("kappa_points_per_nu", tp.kappaPoints());
        if (tp.convergence() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("tolerance_relative", tp.convergence().tolerance());
            c.put("kappa_points_tried", tp.convergence().kappaPoints());
            c.put("largest_relative_changes", tp.convergence().changes());
            c.put("converged", tp.convergence().converged());
            o.put("convergence", c);
        }
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("zero_modes", "the four zero modes are isolated points of zero weight in the DOS");
        ex.put("imaginary_states_per_motif", tp.imaginaryWeight());
        ex.put("lowest_sampled_frequency_cm1", tp.lowestFrequency());
        o.put("excluded", ex);
        o.put("zero_point_energy_mev_per_atom", 1000 * Units.hartreeToEv(tp.zeroPointEnergy()) / nm);
        o.put("zero_point_energy_kj_per_mol_atoms", ThermalProperties.kjPerMol(tp.zeroPointEnergy()) / nm);
        List<Object> pts = new ArrayList<>();
        for (ThermalProperties.Point p : tp.points()) {
            pts.add(point(p, nm));
        }
        o.put("points", pts);
        if (low != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("linear_branch_velocities_cm1_per_rad", List.of(low.velocities()[0], low.velocities()[1]));
            l.put("flexural_curvatures_cm1_per_rad2", List.of(low.curvatures()[0], low.curvatures()[1]));
            l.put("measured_dispersion_orders", List.of(low.orders()[0], low.orders()[1], low.orders()[2],
                    low.orders()[3]));
            List<Object> e = new ArrayList<>();
            for (double t : new double[] {0.1, 1, 10}) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("temperature_k", t);
                q.put("heat_capacity_kb_per_atom", low.heatCapacity(t) / nm);
                q.put("exponent_dlnCv_dlnT", low.exponent(t));
                e.add(q);
            }
            l.put("acoustic_prediction", e);
            l.put("explanation", "4 acoustic branches: axial translation and twist are linear (Cv ~ T each),"
                    + " the two flexural branches are quadratic (Cv ~ T^1/2 each); the flexural ones dominate as"
                    + " T -> 0, so Cv ~ T^0.5 with the exponent rising towards 1 until optical modes set in");
            o.put("low_temperature", l);
        }
        if (!Double.isNaN(highCvAt) && !tp.points().isEmpty()) {
            ThermalProperties.Point last = tp.points().get(tp.points().size() - 1);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("temperature_k", last.temperature());
            h.put("heat_capacity_over_3kB", last.heatCapacity() / (3 * nm));
            h.put("high_t_expansion_over_3kB", highCvAt / (3 * nm));
            o.put("dulong_petit", h);
        }
        return o;
    }

    /** PNG: Cv and S (J/K/mol of atoms) and F, U (kJ/mol of atoms) against temperature, two stacked panels. */
    public static void plot(Path target, ThermalProperties tp, String title) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        int nm = tp.motifSize();
        XYSeries cv = new XYSeries("Cv (J/K/mol)", false, true);
        XYSeries s = new XYSeries("S (J/K/mol)", false, true);
        XYSeries f = new XYSeries("F (kJ/mol)", false, true);
        XYSeries u = new XYSeries("U (kJ/mol)", false, true);
        for (ThermalProperties.Point p : tp.points()) {
            cv.add(p.temperature(), ThermalProperties.jPerKMol(p.heatCapacity()) / nm, false);
            s.add(p.temperature(), ThermalProperties.jPerKMol(p.entropy()) / nm, false);
            f.add(p.temperature(), ThermalProperties.kjPerMol(p.freeEnergy()) / nm, false);
            u.add(p.temperature(), ThermalProperties.kjPerMol(p.internalEnergy()) / nm, false);
        }
        XYSeriesCollection top = new XYSeriesCollection();
        top.addSeries(cv);
        top.addSeries(s);
        XYSeriesCollection bottom = new XYSeriesCollection();
        bottom.addSeries(f);
        bottom.addSeries(u);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("temperature (K)"));
        plot.add(panel(top, "J/K per mole of atoms"), 1);
        plot.add(panel(bottom, "kJ per mole of atoms"), 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(String.format(Locale.ROOT,
                "harmonic, from the phonon DOS (%d kappa points per nu); zero-point energy %.3f kJ/mol", tp.kappaPoints(),
                ThermalProperties.kjPerMol(tp.zeroPointEnergy()) / nm)));
        AtomicFiles.writeBinary(target, out -> ChartUtils.writeChartAsPNG(out, chart, 1000, 900));
    }

    private static XYPlot panel(XYSeriesCollection data, String label) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultStroke(new BasicStroke(1.6f));
        r.setAutoPopulateSeriesStroke(false);
        r.setSeriesPaint(0, new Color(150, 30, 30));
        r.setSeriesPaint(1, new Color(30, 60, 150));
        XYPlot p = new XYPlot(data, null, y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
