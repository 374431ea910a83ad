// The message log: newest entry first, bounded to the newest N, filtered by kind and text.

import { formatBytes, hexDump } from './bytes.js';
import { formatMs } from './rtt.js';

export const KINDS = ['sent', 'received', 'system', 'error'];

/** Bytes shown before "Show all", and the most a binary entry keeps at all. */
export const DUMP_PREVIEW_BYTES = 256;
export const DUMP_MAX_BYTES = 64 * 1024;

/** HH:MM:SS.mmm in local time. */
export function formatTime(date) {
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** A `<time>` element showing `date` as `formatTime` does, with its machine-readable value. */
export function timeElement(date) {
  const time = document.createElement('time');
  time.dateTime = date.toISOString();
  time.textContent = formatTime(date);
  return time;
}

function dumpNote(shown, size) {
  return shown < size ? `first ${shown.toLocaleString('en')} of ${size.toLocaleString('en')} bytes` : `${size.toLocaleString('en')} bytes`;
}

function hexDumpBlock(bytes, size) {
  const block = document.createElement('div');
  block.className = 'hexdump';
  const pre = document.createElement('pre');
  const note = document.createElement('span');
  note.className = 'hexdump-note';
  const show = (limit) => {
    const shown = Math.min(limit, bytes.length);
    pre.textContent = hexDump(bytes, shown);
    note.textContent = dumpNote(shown, size);
  };
  show(DUMP_PREVIEW_BYTES);
  block.append(pre, note);
  if (bytes.length > DUMP_PREVIEW_BYTES) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'quiet';
    more.textContent = `Show all ${size > bytes.length ? `first ${formatBytes(bytes.length)}` : `${size.toLocaleString('en')} bytes`}`;
    more.addEventListener('click', () => {
      show(bytes.length);
      more.remove();
    });
    block.append(more);
  }
  return block;
}

export class MessageLog {
  constructor(list, { onChange = () => {}, limit = 1000 } = {}) {
    this.list = list;
    this.onChange = onChange;
    this.limit = limit;
    this.records = [];
    this.dropped = 0;
    this.kinds = new Set(KINDS);
    this.query = '';
  }

  /**
   * Adds one entry at the top; text is shown as typed, never interpreted as HTML. `bytes` (a
   * Uint8Array) adds a hex dump, `rtt` a round-trip time in ms.
   */
  add(kind, text, { bytes = null, rtt = null, date = new Date() } = {}) {
    const kept = bytes ? bytes.slice(0, DUMP_MAX_BYTES) : null;
    const record = { date, kind, text, rtt, size: bytes ? bytes.length : null, bytes: kept };

    const item = document.createElement('li');
    item.className = `entry entry--${kind}`;
    item.dataset.kind = kind;

    const time = timeElement(date);

    const label = document.createElement('span');
    label.className = 'kind';
    label.textContent = kind;

    const body = document.createElement('div');
    body.className = 'body';
    const content = document.createElement('span');
    content.className = 'text';
    content.textContent = text;
    body.append(content);
    if (rtt != null) {
      const badge = document.createElement('span');
      badge.className = 'rtt';
      badge.textContent = `RTT ${formatMs(rtt)}`;
      body.append(badge);
    }
    if (kept) {
      body.append(hexDumpBlock(kept, record.size));
    }

    item.append(time, label, body);
    record.element = item;
    record.hidden = !this.matches(record);
    item.hidden = record.hidden;
    this.records.push(record);
    this.list.prepend(item);
    this.trim();
    this.onChange();
    return record;
  }

  setLimit(limit) {
    this.limit = limit;
    this.trim();
    this.onChange();
  }

  /** Drops the oldest entries beyond the limit, counting them so that the page can say so. */
  trim() {
    const excess = this.records.length - this.limit;
    if (excess > 0) {
      this.records.splice(0, excess).forEach((record) => record.element.remove());
      this.dropped += excess;
    }
  }

  setFilter({ kinds = this.kinds, query = this.query }) {
    this.kinds = new Set(kinds);
    this.query = query.trim().toLowerCase();
    for (const record of this.records) {
      record.hidden = !this.matches(record);
      record.element.hidden = record.hidden;
    }
    this.onChange();
  }

  matches(record) {
    return this.kinds.has(record.kind) && (!this.query || record.text.toLowerCase().includes(this.query));
  }

  get hiddenCount() {
    return this.records.filter((record) => record.hidden).length;
  }

  clear() {
    this.records = [];
    this.dropped = 0;
    this.list.replaceChildren();
    this.onChange();
  }
}
