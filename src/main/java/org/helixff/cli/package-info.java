/**
 * The picocli commands: parse options, resolve the backend and model once, call the library, print results and
 * turn errors into one line and exit code 2. Top of the order: may depend on every package; nothing depends on it.
 */
package org.helixff.cli;
