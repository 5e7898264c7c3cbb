/**
 * File formats that know no workflow: extended XYZ ({@code ExtXyz}, {@code Frame}, {@code InfoValue},
 * {@code AtomColumn}), model files ({@code ModelFile}), bundled and user datasets, frame journals, units in files,
 * atomic writes and shutdown cleanup. Format layer: may depend on {@code calculator}, {@code model},
 * {@code descriptor}, the geometry packages and {@code org.helixff}; never on teachers, training, workflows,
 * results or the application.
 */
package org.helixff.io;
