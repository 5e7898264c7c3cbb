/**
 * The cyclic x helical group of a tube ({@code HelicalGroup}, {@code GroupElement}), the symmetry-adapted
 * structure ({@code SymmetricStructure}: a motif plus its group, with {@code expand(cells)} and
 * {@code meanRadius()}) and recognition of a tube in a full cell ({@code TubeRecognition}). Geometry layer: may
 * depend on {@code structure} and {@code org.helixff}.
 */
package org.helixff.symmetry;
