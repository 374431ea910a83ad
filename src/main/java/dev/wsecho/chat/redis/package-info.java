/**
 * The chat room shared through Redis by every instance, with {@code wsecho.chat.broker=redis}: messages, history, presence and the order in which a joining member sees them.
 */
@NullMarked
package dev.wsecho.chat.redis;

import org.jspecify.annotations.NullMarked;
