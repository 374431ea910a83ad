/**
 * Guards on every open WebSocket connection: the connection count and its slots, message rate, keep-alive and idle time, metrics, and graceful shutdown.
 */
@NullMarked
package dev.wsecho.connection;

import org.jspecify.annotations.NullMarked;
