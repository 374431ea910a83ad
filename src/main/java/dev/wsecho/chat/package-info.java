/**
 * The chat room at {@code /ws/chat} and {@code /sse/chat}: its protocol, its members and the room in this process.
 */
@NullMarked
package dev.wsecho.chat;

import org.jspecify.annotations.NullMarked;
