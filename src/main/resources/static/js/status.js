// The status panel: the socket's state, URL, negotiated options, the HTTP that carried a lab handshake, binaryType, last close and reconnect.

import { describeCloseCode } from './close-codes.js';
import { setText } from './dom.js';
import { describeCarrier } from './lab.js';

const STATE_NAMES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

/** "OPEN (1)": the readyState by name and number. */
export function describeReadyState(readyState) {
  return `${STATE_NAMES[readyState]} (${readyState})`;
}

export class StatusPanel {
  constructor(root) {
    this.state = root.querySelector('#status-state');
    this.url = root.querySelector('#status-url');
    this.protocol = root.querySelector('#status-protocol');
    this.extensions = root.querySelector('#status-extensions');
    this.http = root.querySelector('#status-http');
    this.binaryType = root.querySelector('#status-binary-type');
    this.close = root.querySelector('#status-close');
    this.reconnect = root.querySelector('#status-reconnect');
    this.countdown = root.querySelector('#reconnect-countdown');
    this.cancel = root.querySelector('#cancel-reconnect');
  }

  /** `reconnect`: { enabled, max, attempt, waiting, remainingMs }. */
  render({ socket, carrier, lastClose, binaryType, reconnect }) {
    const readyState = socket ? socket.readyState : WebSocket.CLOSED;
    setText(this.state, describeReadyState(readyState));
    this.state.className = `state state--${STATE_NAMES[readyState].toLowerCase()}`;
    setText(this.url, socket ? socket.url : '–');
    setText(this.protocol, socket && socket.protocol ? socket.protocol : '–');
    setText(this.extensions, socket && socket.extensions ? socket.extensions : '–');
    setText(this.http, describeCarrier(carrier));
    setText(this.binaryType, binaryType);
    setText(this.close, lastClose
      ? `${describeCloseCode(lastClose.code)}${lastClose.reason ? ` “${lastClose.reason}”` : ''} · wasClean ${lastClose.wasClean}`
      : '–');
    this.renderReconnect(reconnect);
  }

  renderReconnect({ enabled, max, attempt, waiting, remainingMs }) {
    if (attempt > 0) {
      setText(this.reconnect, `attempt ${attempt} of ${max}`);
      setText(this.countdown, waiting ? `in ${(remainingMs / 1000).toFixed(1)} s` : 'connecting…');
    } else {
      setText(this.reconnect, enabled ? `on · up to ${max} attempts` : 'off');
      setText(this.countdown, '');
    }
    this.cancel.hidden = attempt === 0;
  }
}
