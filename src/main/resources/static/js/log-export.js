// The log as plain text for the clipboard and as JSON lines for a file, oldest entry first.

import { toBase64 } from './bytes.js';

/** One JSON object a line: time (ISO 8601), kind, text, and for binary the size and the bytes kept. */
export function toJsonLines(records) {
  return records.map((record) => {
    const line = { time: record.date.toISOString(), kind: record.kind, text: record.text };
    if (record.rtt != null) {
      line.rttMs = Number(record.rtt.toFixed(3));
    }
    if (record.bytes) {
      line.size = record.size;
      line.base64 = toBase64(record.bytes);
      if (record.bytes.length < record.size) {
        line.base64Bytes = record.bytes.length;
      }
    }
    return `${JSON.stringify(line)}\n`;
  }).join('');
}

export function toText(records) {
  return records.map((record) => `${record.date.toISOString()} ${record.kind.toUpperCase()} ${record.text}\n`).join('');
}

/** wsecho-log-2026-11-25T18-58-12.jsonl */
export function exportFileName(date = new Date()) {
  return `wsecho-log-${date.toISOString().slice(0, 19).replace(/:/g, '-')}.jsonl`;
}
