package dev.wsecho.transport;

/**
 * Marks a {@code WebSocketHandler} that never blocks the thread delivering its messages:
 * it computes, sends to its own connection (which never waits on that thread) and hands
 * anything slow to threads of its own. Its connections are then read on Jetty's selector
 * thread, as an event loop, with no hand-off to another thread per read.
 *
 * <p>
 * A handler that may block (on a database, on Redis, on another connection's lock) must
 * not carry this mark: while it blocked, every connection of that selector would wait.
 */
public interface NonBlockingHandler {

}
