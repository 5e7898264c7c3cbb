/**
 * The i-PI socket wire protocol (message framing, headers, errors). Format layer: depends only on
 * {@code org.helixff}.
 */
package org.helixff.io.ipi;
