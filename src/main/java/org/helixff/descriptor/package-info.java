/**
 * SOAP descriptors: parameters and layout ({@code SoapParameters}, {@code SoapLayout}), radial bases, the
 * descriptor-engine contract ({@code DescriptorEngine}: values and gradients in one call) and its CPU reference
 * ({@code CpuSoapEngine}). Descriptor layer: may depend on {@code descriptor.math}, {@code neighbors}, the
 * geometry packages and {@code org.helixff}; never on {@code compute}.
 */
package org.helixff.descriptor;
