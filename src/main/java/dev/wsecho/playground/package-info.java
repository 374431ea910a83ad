/**
 * The browser playground at {@code /}.
 */
@NullMarked
package dev.wsecho.playground;

import org.jspecify.annotations.NullMarked;
