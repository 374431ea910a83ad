/**
 * Start-up: the training run that fills the JVM's AOT cache at build time
 * ({@code docs/how-to/fast-start.md}).
 */
@NullMarked
package dev.wsecho.startup;

import org.jspecify.annotations.NullMarked;
