/**
 * Molecular dynamics (symmetric and full-cell integrators, thermostats, statistics, frames) and the on-the-fly
 * learning loop that calls a teacher and retrains. May depend on {@code relax}, {@code training}, {@code teacher},
 * {@code model}, {@code io}, {@code calculator}, {@code backend}, the lower layers and {@code org.helixff}; never
 * on {@code report} or the application.
 */
package org.helixff.dynamics;
