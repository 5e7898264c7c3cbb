/**
 * Shared foundations of HelixFF: the unit conversions ({@link org.helixff.Units}: Hartree and Bohr inside,
 * conversion only at the edges), the unchecked exception hierarchy ({@link org.helixff.HelixException} and its
 * subtypes, each naming the offending value), user-facing message helpers and the {@link org.helixff.Progress}
 * callback. Depends on nothing else in HelixFF; every other package may use it.
 */
package org.helixff;
