// The connection over time: opens what Connect asked for, logs open, error and close, and retries by the reconnect policy.

import { describeCloseCode } from './close-codes.js';
import { Connection } from './connection.js';
import { Reconnector, shouldReconnect } from './reconnect.js';
import { EchoMatcher } from './rtt.js';

/**
 * Puts the page's Connection and Reconnector into `state` and returns what the controls do with
 * them. `onMessage(data, at)` receives; `onOpen()` runs once a socket is open and drawn.
 */
export function createSession(state, { log, render, onMessage, onOpen }) {
  const reconnector = new Reconnector((attempt) => {
    log.add('system', `Reconnecting to ${state.target.url} (attempt ${attempt} of ${reconnector.maxAttempts})`);
    open(state.target);
  });

  const connection = new Connection({
    onOpen(socket) {
      reconnector.reset();
      state.traffic.opened();
      state.errors.connection = null;
      const details = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`]
        .filter(Boolean).join(', ');
      log.add('system', `Connected to ${socket.url}${details ? ` (${details})` : ''}`);
      render();
      onOpen();
    },
    onMessage,
    onError(socket, opened) {
      const message = opened
        ? 'The connection failed.'
        : `Could not connect to ${socket.url}: the server is unreachable or refused the handshake.`;
      log.add('error', message);
      if (!opened) {
        state.errors.connection = message;
      }
      render();
    },
    onClose(event, { opened, byUser }) {
      const { settings } = state;
      state.traffic.closed();
      state.lastClose = { code: event.code, reason: event.reason, wasClean: event.wasClean };
      log.add('system', `Closed: ${describeCloseCode(event.code)}${event.reason ? `, reason “${event.reason}”` : ''}, wasClean ${event.wasClean}`);
      if (shouldReconnect({ enabled: settings.reconnect, opened, byUser, code: event.code })) {
        const delay = reconnector.schedule({ baseMs: settings.reconnectBaseMs, maxAttempts: settings.reconnectMax });
        if (delay === null) {
          log.add('error', `Gave up reconnecting after ${settings.reconnectMax} ${settings.reconnectMax === 1 ? 'attempt' : 'attempts'}.`);
        } else {
          log.add('system', `Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${reconnector.attempt} of ${settings.reconnectMax})`);
        }
      } else {
        reconnector.reset();
      }
      render();
    },
  });

  state.connection = connection;
  state.reconnector = reconnector;

  function open({ url, protocols }) {
    // Round trips are matched per connection: a new socket owes no echoes.
    state.rtt.matcher = new EchoMatcher();
    try {
      connection.open(url, protocols, state.settings.binaryType);
    } catch (error) {
      // The constructor's SyntaxError: a URL or subprotocol the connection bar's checks did not foresee.
      if (error.name !== 'SyntaxError') {
        throw error;
      }
      reconnector.reset();
      state.errors.connection = error.message;
      log.add('error', error.message);
    }
    render();
  }

  return {
    /** Connect: `target` is { url, protocols }; counters, round trips and the last close start afresh. */
    connect(target) {
      reconnector.reset();
      state.lastClose = null;
      state.carrier = null;
      state.target = target;
      state.traffic.reset();
      state.rtt.samples.clear();
      log.add('system', `Connecting to ${target.url}${target.protocols.length ? ` offering ${target.protocols.join(', ')}` : ''}`);
      open(target);
    },

    /** Disconnect with `{ code, reason }`: the user's own close, after which nothing reconnects. */
    disconnect({ code, reason }) {
      reconnector.reset();
      connection.close(code, reason);
      log.add('system', `Closing with ${code}${reason ? ` “${reason}”` : ''}`);
      render();
    },

    /** Cancel of a reconnect: stops the countdown, and the attempt under way if there is one. */
    cancelReconnect() {
      const connecting = connection.readyState === WebSocket.CONNECTING;
      reconnector.reset();
      if (connecting) {
        connection.close(1000, '');
      }
      log.add('system', 'Auto-reconnect cancelled.');
      render();
    },

    /** Auto-reconnect was switched off: a countdown under way stops. */
    reconnectTurnedOff() {
      if (reconnector.waiting) {
        reconnector.reset();
        log.add('system', 'Auto-reconnect turned off.');
      }
    },

    /** binaryType may change on an open socket; it applies to the next message received. */
    setBinaryType(type) {
      connection.binaryType = type;
    },
  };
}
