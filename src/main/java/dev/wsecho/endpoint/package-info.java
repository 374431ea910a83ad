/**
 * Handshake policy every endpoint shares: registration, allowed origins (403), admission (503), 426 for requests that are no upgrade, and compression.
 */
@NullMarked
package dev.wsecho.endpoint;

import org.jspecify.annotations.NullMarked;
