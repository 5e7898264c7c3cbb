/**
 * Neighbour lists within a cutoff: images of a motif under the helical group ({@code ImageNeighbors}) and
 * linear-time cell lists for periodic cells ({@code CellNeighbors}), as flat arrays ({@code NeighborList}).
 * Geometry layer: may depend on {@code structure}, {@code symmetry} and {@code org.helixff}.
 */
package org.helixff.neighbors;
