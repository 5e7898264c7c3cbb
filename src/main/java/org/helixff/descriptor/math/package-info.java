/**
 * Special functions and quadrature for the descriptors: real spherical harmonics, spherical Bessel functions,
 * Gauss-Legendre nodes. Pure numerics: depends only on {@code org.helixff}.
 */
package org.helixff.descriptor.math;
