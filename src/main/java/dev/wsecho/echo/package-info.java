/**
 * The echo endpoint at {@code /ws/echo}: every message back as it came, with its subprotocol policy.
 */
@NullMarked
package dev.wsecho.echo;

import org.jspecify.annotations.NullMarked;
