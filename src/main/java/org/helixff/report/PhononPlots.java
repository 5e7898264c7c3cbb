package org.helixff.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.DensityOfStates;
import org.helixff.phonon.HelicalDispersion;
import org.helixff.phonon.LinearDispersion;
import org.helixff.phonon.PhononLaws;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG plots of phonon results with JFreeChart, drawn headless ({@code java.awt.headless=true} is set before the
 * first chart unless the property was given) and written atomically. Frequencies in cm^-1.
 */
public final class PhononPlots {
    /** Default image size, pixels. */
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 800;
    /** Most bands drawn in a linear dispersion; beyond it every s-th band is drawn and the title says so. */
    public static final int MAX_LINEAR_BANDS = 3000;

    private PhononPlots() {
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static XYSeries series(String key) {
        return new XYSeries(key, false, true);
    }

    private static void save(Path target, JFreeChart chart) {
        AtomicFiles.writeBinary(target, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    private static JFreeChart lines(String title, String x, String y, XYSeriesCollection data, boolean legend) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, legend, false,
                false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDefaultStroke(new BasicStroke(1.2f));
        r.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(r);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /**
     * Helical dispersion: frequency against kappa in [-pi, pi] for every nu and branch, coloured by nu.
     */
    public static void helical(Path target, HelicalDispersion d, String title) {
        headless();
        XYSeriesCollection data = new XYSeriesCollection();
        int n = d.cyclicOrder();
        for (int nu = 0; nu < n; nu++) {
            for (int b = 0; b < d.branches(); b++) {
                XYSeries s = series("nu=" + nu + " branch " + b);
                for (int t = 0; t <= d.kappaPoints(); t++) {
                    int tt = t % d.kappaPoints();
                    s.add(t == d.kappaPoints() ? Math.PI : d.kappa(tt), d.frequency(nu, tt, b), false);
                }
                data.addSeries(s);
            }
        }
        JFreeChart chart = lines(title, "kappa (rad), helical phase", "frequency (cm^-1)", data, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            int nu = i / d.branches();
            r.setSeriesPaint(i, Color.getHSBColor(0.8f * nu / Math.max(1, n), 0.85f, 0.75f));
        }
        chart.getXYPlot().getDomainAxis().setRange(-Math.PI, Math.PI);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(String.format(Locale.ROOT,
                "N = %d cyclic indices (colour: nu from red to violet), %d kappa points", n, d.kappaPoints())));
        save(target, chart);
    }

    /** Linear dispersion of the translational cell: frequency against k T / pi from Gamma (0) to Z (1). */
    public static void linear(Path target, LinearDispersion d, String title) {
        headless();
        XYSeriesCollection data = new XYSeriesCollection();
        int stride = Math.max(1, (d.bands() + MAX_LINEAR_BANDS - 1) / MAX_LINEAR_BANDS);
        for (int b = 0; b < d.bands(); b += stride) {
            XYSeries s = series("band " + b);
            for (int p = 0; p < d.points(); p++) {
                s.add(d.k(p) * d.period() / Math.PI, d.frequency(p, b), false);
            }
            data.addSeries(s);
        }
        JFreeChart chart = lines(title, "k T / pi  (Gamma = 0, Z = 1)", "frequency (cm^-1)", data, false);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, new Color(30, 60, 150));
        }
        r.setDefaultStroke(new BasicStroke(0.8f));
        chart.getXYPlot().getDomainAxis().setRange(0, 1);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(String.format(Locale.ROOT,
                "%d atoms per cell, %d bands%s, %d k points", d.atoms(), d.bands(),
                stride > 1 ? " (every " + stride + "th drawn)" : "", d.points())));
        save(target, chart);
    }

    /** Density of states per motif against frequency, van Hove peaks marked. */
    public static void dos(Path target, DensityOfStates dos, String title) {
        headless();
        XYSeries s = series("DOS");
        for (int i = 0; i < dos.size(); i++) {
            s.add(dos.frequency(i), dos.density(i), false);
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        JFreeChart chart = lines(title, "frequency (cm^-1)", "states per cm^-1 per motif", data, false);
        chart.getXYPlot().getRenderer().setSeriesPaint(0, new Color(150, 30, 30));
        for (double f : dos.peaks(0.05)) {
            org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(f);
            m.setPaint(new Color(0, 0, 0, 40));
            chart.getXYPlot().addDomainMarker(m);
        }
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(String.format(Locale.ROOT,
                "Gaussian broadening sigma = %.3g cm^-1, %d kappa points per nu; grey lines: van Hove peaks",
                dos.sigma(), dos.kappaPoints())));
        save(target, chart);
    }

    /** RBM against 1/d with the fitted line A/d + B. */
    public static void laws(Path target, List<PhononLaws.TubeModes> tubes, PhononLaws.LawFit fit, String title) {
        headless();
        XYSeries pts = series("tubes");
        XYSeries line = series(String.format(Locale.ROOT, "%.1f/d %+.2f", fit.rbmA(), fit.rbmB()));
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (PhononLaws.TubeModes t : tubes) {
            double x = 1 / t.diameterNm();
            pts.add(x, t.rbmCm1(), false);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        line.add(lo, fit.rbmA() * lo + fit.rbmB(), false);
        line.add(hi, fit.rbmA() * hi + fit.rbmB(), false);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(pts);
        data.addSeries(line);
        JFreeChart chart = lines(title, "1 / d (nm^-1)", "RBM (cm^-1)", data, true);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesPaint(0, new Color(30, 60, 150));
        r.setSeriesPaint(1, new Color(150, 30, 30));
        chart.getXYPlot().getRangeAxis().setAutoRange(true);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getDomainAxis()).setAutoRangeIncludesZero(false);
        save(target, chart);
    }
}
