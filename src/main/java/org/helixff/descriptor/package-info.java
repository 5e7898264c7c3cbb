/**
 * SOAP descriptors: parameters and layout ({@code SoapParameters}, {@code SoapLayout}), radial bases, and the
 * descriptor-engine contract ({@code DescriptorEngine}: values and gradients in one call, with the descriptor and
 * gradient values it returns). The engines live with the other compute engines: the CPU reference in
 * {@code compute.cpu}, the GPU one in {@code compute.cuda}. Descriptor layer: may depend on
 * {@code descriptor.math}, {@code neighbors}, the geometry packages and {@code org.helixff}; never on
 * {@code compute}.
 */
package org.helixff.descriptor;
