/**
 * Learning a kernel model from labelled frames: teacher data, training frames and training-set files, reference
 * selection, Bayesian regression, the trainer, evaluation and cross-validation. May depend on {@code io},
 * {@code model}, {@code compute}, {@code compute.cpu} (the CPU reference kernel engine), {@code calculator},
 * {@code descriptor}, the geometry packages and {@code org.helixff}; never on teachers, workflows or results.
 */
package org.helixff.training;
