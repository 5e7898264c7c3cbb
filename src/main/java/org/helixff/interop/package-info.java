/**
 * Serving a calculator to other codes: the i-PI client. May depend on {@code io.ipi}, {@code calculator}, the
 * geometry packages and {@code org.helixff}.
 */
package org.helixff.interop;
