package org.helixff.report;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.DensityOfStates;
import org.helixff.phonon.ProjectedDos;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;

/** Files of a {@link ProjectedDos}: CSV, stacked PNG and a JSON-ready map. Written atomically. */
public final class ProjectedDosOutput {
    /** Peaks labelled in the picture (the most prominent by frequency order beyond it are only marked). */
    public static final int MAX_LABELS = 12;

    private ProjectedDosOutput() {
    }

    /**
     * CSV: {@code frequency_cm1,total,radial,circumferential,axial,nu0,...,nu(N-1)}, states per cm^-1 per motif.
     */
    public static void writeCsv(Path target, ProjectedDos p) {
        DensityOfStates t = p.total();
        AtomicFiles.writeText(target, w -> {
            StringBuilder h = new StringBuilder("frequency_cm1,total,radial,circumferential,axial");
            for (int nu = 0; nu < p.cyclicOrder(); nu++) {
                h.append(",nu").append(nu);
            }
            w.write(h.append('\n').toString());
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < t.size(); i++) {
                b.setLength(0);
                b.append(String.format(Locale.ROOT, "%.6f,%.10e", t.frequency(i), t.density(i)));
                for (int q = 0; q < 3; q++) {
                    b.append(String.format(Locale.ROOT, ",%.10e", p.polarisation(q, i)));
                }
                for (int nu = 0; nu < p.cyclicOrder(); nu++) {
                    b.append(String.format(Locale.ROOT, ",%.10e", p.angularMomentum(nu, i)));
                }
                w.write(b.append('\n').toString());
            }
        });
    }

    /** Stacked areas: polarisation parts (top) and nu parts (bottom), van Hove peaks marked and labelled (nu, kappa). */
    public static void writePng(Path target, ProjectedDos p, String title) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        DensityOfStates t = p.total();
        DefaultTableXYDataset pol = new DefaultTableXYDataset();
        for (int q = 0; q < 3; q++) {
            XYSeries s = new XYSeries(ProjectedDos.POLARISATIONS.get(q), true, false);
            for (int i = 0; i < t.size(); i++) {
                s.add(t.frequency(i), p.polarisation(q, i), false);
            }
            pol.addSeries(s);
        }
        DefaultTableXYDataset nus = new DefaultTableXYDataset();
        for (int nu = 0; nu < p.cyclicOrder(); nu++) {
            XYSeries s = new XYSeries("nu=" + nu, true, false);
            for (int i = 0; i < t.size(); i++) {
                s.add(t.frequency(i), p.angularMomentum(nu, i), false);
            }
            nus.addSeries(s);
        }
        StackedXYAreaRenderer2 r1 = new StackedXYAreaRenderer2();
        r1.setSeriesPaint(0, new Color(200, 60, 50));
        r1.setSeriesPaint(1, new Color(50, 110, 200));
        r1.setSeriesPaint(2, new Color(60, 160, 80));
        XYPlot top = new XYPlot(pol, null, new NumberAxis("states / cm^-1 / motif"), r1);
        StackedXYAreaRenderer2 r2 = new StackedXYAreaRenderer2();
        for (int nu = 0; nu < p.cyclicOrder(); nu++) {
            r2.setSeriesPaint(nu, Color.getHSBColor(0.8f * nu / Math.max(1, p.cyclicOrder()), 0.7f, 0.85f));
        }
        XYPlot bottom = new XYPlot(nus, null, new NumberAxis("states / cm^-1 / motif"), r2);
        for (XYPlot pl : List.of(top, bottom)) {
            pl.setBackgroundPaint(Color.WHITE);
            pl.setDomainGridlinePaint(Color.LIGHT_GRAY);
            pl.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        double ymax = 0;
        for (int i = 0; i < t.size(); i++) {
            ymax = Math.max(ymax, t.density(i));
        }
        int labelled = 0;
        for (ProjectedDos.Peak pk : p.peaks()) {
            ValueMarker m = new ValueMarker(pk.frequencyCm1());
            m.setPaint(new Color(0, 0, 0, 60));
            top.addDomainMarker(m);
            bottom.addDomainMarker(m);
            if (labelled++ < MAX_LABELS) {
                XYTextAnnotation a = new XYTextAnnotation(String.format(Locale.ROOT, "(%d, %.2f)", pk.nu(),
                        pk.kappa()), pk.frequencyCm1(), ymax * (1.02 + 0.07 * (labelled % 2)));
                a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                a.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                top.addAnnotation(a);
            }
        }
        top.getRangeAxis().setRange(0, ymax * 1.2);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("frequency (cm^-1)"));
        plot.add(top, 1);
        plot.add(bottom, 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, p.cyclicOrder() <= 24);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(String.format(Locale.ROOT,
                "top: by polarisation; bottom: by helical angular momentum nu; van Hove peaks labelled (nu, kappa);"
                        + " sigma %.3g cm^-1, %d kappa points per nu", t.sigma(), t.kappaPoints())));
        AtomicFiles.writeBinary(target, out -> ChartUtils.writeChartAsPNG(out, chart, 1400, 1000));
    }

    /** JSON-ready summary: integrals of every part and the labelled peaks. */
    public static Map<String, Object> summary(ProjectedDos p, List<String> files) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("total_integral_states_per_motif", p.total().integral());
        Map<String, Object> pol = new LinkedHashMap<>();
        for (int q = 0; q < 3; q++) {
            pol.put(ProjectedDos.POLARISATIONS.get(q), p.polarisationIntegral(q));
        }
        o.put("polarisation_integrals", pol);
        List<Double> nus = new ArrayList<>();
        for (int nu = 0; nu < p.cyclicOrder(); nu++) {
            nus.add(p.angularMomentumIntegral(nu));
        }
        o.put("nu_integrals", nus);
        List<Object> peaks = new ArrayList<>();
        for (ProjectedDos.Peak pk : p.peaks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frequency_cm1", pk.frequencyCm1());
            m.put("nu", pk.nu());
            m.put("kappa_rad", pk.kappa());
            m.put("branch", pk.branch());
            m.put("slope_cm1_per_rad", pk.slope());
            m.put("character", pk.character());
            peaks.add(m);
        }
        o.put("van_hove_peaks", peaks);
        o.put("files", files);
        return o;
    }
}
