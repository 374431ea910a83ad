/**
 * Server-Sent Events: the tick stream at {@code /sse/ticks}.
 */
@NullMarked
package dev.wsecho.sse;

import org.jspecify.annotations.NullMarked;
