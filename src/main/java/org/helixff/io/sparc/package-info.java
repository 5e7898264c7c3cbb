/**
 * Files of the SPARC DFT code: input, ion and cyclix-coordinate files written for a job, static and AIMD outputs
 * read back into frames. Format layer: may depend on {@code io}, the geometry packages and {@code org.helixff}.
 */
package org.helixff.io.sparc;
