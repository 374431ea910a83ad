// Sending: builds the composer's message, sends it while connected, times its echo, counts it and logs it.

import { PayloadError, buildMessage } from './payload.js';

/** Returns `send(value)` for a composer value; it resolves to whether it sent, and says why not in the composer. */
export function createSender(state, { composer, log, render }) {
  return async function send(value) {
    const { connection } = state;
    if (connection.readyState !== WebSocket.OPEN) {
      composer.showError('Not connected: connect before sending.');
      return false;
    }
    let message;
    try {
      message = await buildMessage(value);
    } catch (error) {
      if (!(error instanceof PayloadError)) {
        throw error;
      }
      composer.showError(error.message);
      return false;
    }
    // Reading a file takes a moment, in which the socket may have closed.
    if (connection.readyState !== WebSocket.OPEN) {
      composer.showError('The connection closed before the message could be sent.');
      return false;
    }
    composer.showError(null);
    connection.send(message.data);
    state.rtt.matcher.sent(message.payload, performance.now());
    state.traffic.recordSent(message.size);
    log.add('sent', message.display, { bytes: message.bytes ?? null });
    render();
    return true;
  };
}
