// The status panel: the socket's state, URL, negotiated options and last close, drawn from state.

import { describeCloseCode } from './close-codes.js';

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
    this.close = root.querySelector('#status-close');
  }

  render({ socket, lastClose }) {
    const readyState = socket ? socket.readyState : WebSocket.CLOSED;
    this.state.textContent = describeReadyState(readyState);
    this.state.className = `state state--${STATE_NAMES[readyState].toLowerCase()}`;
    this.url.textContent = socket ? socket.url : '–';
    this.protocol.textContent = socket && socket.protocol ? socket.protocol : '–';
    this.extensions.textContent = socket && socket.extensions ? socket.extensions : '–';
    this.close.textContent = lastClose
      ? `${describeCloseCode(lastClose.code)}${lastClose.reason ? ` “${lastClose.reason}”` : ''} · wasClean ${lastClose.wasClean}`
      : '–';
  }
}
