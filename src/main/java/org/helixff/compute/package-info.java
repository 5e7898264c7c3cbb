/**
 * Engine contracts and values shared by every backend: the kernel-engine contract ({@code KernelEngine}), the
 * engine pair a model runs on ({@code Engines}), kernel specs and design blocks, the {@code Backend} names and the
 * backend report. May depend on {@code descriptor}, {@code neighbors} and {@code org.helixff}; never on its
 * implementations {@code compute.cpu}/{@code compute.cuda} or on {@code backend}.
 */
package org.helixff.compute;
