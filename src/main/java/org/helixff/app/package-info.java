/**
 * Application wiring: resolving what a user names ({@code Models}: "default", a teacher name or a model file, on a
 * given backend; the bundled {@code DefaultModel}). May depend on everything below it; only {@code cli} depends on
 * it.
 */
package org.helixff.app;
