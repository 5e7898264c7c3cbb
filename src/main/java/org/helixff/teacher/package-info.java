/**
 * Reference calculators that label structures: the analytic Tersoff potentials, SPARC and generic external (GPAW,
 * any command) teachers, and the teacher registry by name ({@code Teachers}). Teachers talk to other codes through
 * the formats. May depend on {@code io}, {@code io.sparc}, {@code calculator}, {@code neighbors}, the geometry
 * packages and {@code org.helixff}.
 */
package org.helixff.teacher;
