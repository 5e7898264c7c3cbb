/**
 * Result writers: phonon JSON, CSV, band.yaml and plots, phonopy files, mode pictures and animations, projected
 * DOS and thermal outputs, MD trajectories, each written atomically from result values. May depend on the
 * workflows ({@code phonon}, {@code dynamics}, {@code relax}), {@code io} and the layers below; nothing but the
 * application depends on it.
 */
package org.helixff.report;
