// Traffic counters and uptime: messages and bytes each way since Connect, and how long the socket is open.

import { formatBytes } from './bytes.js';

/** "0:00:07", "1:02:03". */
export function formatUptime(ms) {
  const seconds = Math.floor(ms / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export class Traffic {
  constructor(root, now = () => Date.now()) {
    this.now = now;
    this.sentElement = root.querySelector('#metric-sent');
    this.receivedElement = root.querySelector('#metric-received');
    this.uptimeElement = root.querySelector('#metric-uptime');
    this.reset();
  }

  reset() {
    this.sent = { messages: 0, bytes: 0 };
    this.received = { messages: 0, bytes: 0 };
    this.openedAt = null;
    this.closedAfter = null;
  }

  recordSent(bytes) {
    this.sent.messages += 1;
    this.sent.bytes += bytes;
  }

  recordReceived(bytes) {
    this.received.messages += 1;
    this.received.bytes += bytes;
  }

  opened() {
    this.openedAt = this.now();
    this.closedAfter = null;
  }

  closed() {
    if (this.openedAt !== null) {
      this.closedAfter = this.now() - this.openedAt;
      this.openedAt = null;
    }
  }

  render() {
    const describe = ({ messages, bytes }) => `${messages.toLocaleString('en')} ${messages === 1 ? 'message' : 'messages'} · ${formatBytes(bytes)}`;
    this.sentElement.textContent = describe(this.sent);
    this.receivedElement.textContent = describe(this.received);
    if (this.openedAt !== null) {
      this.uptimeElement.textContent = formatUptime(this.now() - this.openedAt);
    } else {
      this.uptimeElement.textContent = this.closedAfter !== null ? `${formatUptime(this.closedAfter)} (closed)` : '–';
    }
  }
}
