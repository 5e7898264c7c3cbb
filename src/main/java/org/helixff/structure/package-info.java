/**
 * Atoms and periodic cells ({@code Structure}) and the nanotube builder ({@code Nanotube}: chiral indices, bond
 * length, the helical motif). Bottom of the geometry layer: depends only on {@code org.helixff}.
 */
package org.helixff.structure;
