// Receiving: reads each message in arrival order, times its echo, counts it and logs it.

import { utf8Length } from './bytes.js';
import { handshakeCarrier } from './lab.js';
import { prettyJson } from './payload.js';

/**
 * What a received message is: { payload, size, text, bytes }. `payload` is what an echo is
 * compared by, `text` what the log shows (JSON pretty-printed), `bytes` the binary for a hex dump.
 */
export async function readMessage(data) {
  if (typeof data === 'string') {
    return { payload: data, size: utf8Length(data), text: prettyJson(data) ?? data, bytes: null };
  }
  const type = data instanceof Blob ? 'Blob' : 'ArrayBuffer';
  const bytes = new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data);
  const size = bytes.length;
  return { payload: bytes, size, text: `binary as ${type}, ${size} ${size === 1 ? 'byte' : 'bytes'}`, bytes };
}

/** Returns the connection's `onMessage(data, at)`; `at` is the arrival time, for the round trip. */
export function createReceiver(state, { log, render }) {
  let received = Promise.resolve();
  // A burst brings thousands of messages a second: the page is redrawn once a frame, not once a
  // message (each redraw sorts the round-trip samples and redraws the chart).
  let redrawPending = false;
  const redrawSoon = () => {
    if (!redrawPending) {
      redrawPending = true;
      requestAnimationFrame(() => {
        redrawPending = false;
        render();
      });
    }
  };

  async function receive(data, at) {
    const message = await readMessage(data);
    const rtt = state.rtt.matcher.received(message.payload, at);
    state.traffic.recordReceived(message.size);
    if (typeof message.payload === 'string') {
      state.carrier = handshakeCarrier(message.payload) ?? state.carrier;
    }
    if (rtt != null) {
      state.rtt.samples.add(rtt);
    }
    log.add('received', message.text, { bytes: message.bytes, rtt });
    redrawSoon();
  }

  return (data, at) => {
    // Blobs are read asynchronously; the chain keeps messages in arrival order for the echo matching.
    received = received.then(() => receive(data, at)).catch((error) => {
      log.add('error', `Could not show a received message: ${error.message}`);
      console.error(error);
    });
  };
}
