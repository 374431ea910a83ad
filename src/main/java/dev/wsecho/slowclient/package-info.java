/**
 * Outbound limits: how far a client may fall behind what the server sends it, and how it is
 * closed when it does.
 */
@NullMarked
package dev.wsecho.slowclient;

import org.jspecify.annotations.NullMarked;
