/**
 * wsecho: a WebSocket echo and test server with a browser playground; the application class alone, each capability in a package below.
 */
@NullMarked
package dev.wsecho;

import org.jspecify.annotations.NullMarked;
