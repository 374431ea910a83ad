// Traffic counters and uptime: messages and bytes each way since Connect, and how long the socket is open.

import { formatBytes } from './bytes.js';

/** "0:00:07", "1:02:03". */
export function formatUptime(ms) {
  const seconds = Math.floor(ms / 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export class Traffic {
  constructor(now = () => Date.now()) {
    this.now = now;
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

  /** The Traffic panel's lines: { sent, received, uptime }. */
  describe() {
    const describe = ({ messages, bytes }) => `${messages.toLocaleString('en')} ${messages === 1 ? 'message' : 'messages'} · ${formatBytes(bytes)}`;
    let uptime = '–';
    if (this.openedAt !== null) {
      uptime = formatUptime(this.now() - this.openedAt);
    } else if (this.closedAfter !== null) {
      uptime = `${formatUptime(this.closedAfter)} (closed)`;
    }
    return { sent: describe(this.sent), received: describe(this.received), uptime };
  }
}
