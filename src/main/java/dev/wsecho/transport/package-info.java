/**
 * WebSocket on Jetty's core API under Spring's {@code WebSocketHandler} contract: the handshake,
 * the frames each connection reads and writes, and the flow control between the two.
 */
@NullMarked
package dev.wsecho.transport;

import org.jspecify.annotations.NullMarked;
