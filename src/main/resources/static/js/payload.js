// Turns what the composer holds into a WebSocket message, refusing input that would send the wrong thing.

import { parseBase64, parseHex, utf8Length } from './bytes.js';

/** Input the user can fix (bad JSON, bad hex, no file); anything else is a bug and propagates. */
export class PayloadError extends Error {}

export const SEND_AS = ['ArrayBuffer', 'Uint8Array', 'Blob'];

/** JSON text pretty-printed with two spaces, or null when the text is not a JSON object or array. */
export function prettyJson(text) {
  if (!/^\s*[[{]/.test(text)) {
    return null;
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

async function binaryBytes({ encoding, text, file }) {
  if (encoding === 'file') {
    if (!file) {
      throw new PayloadError('Choose a file to send.');
    }
    return new Uint8Array(await file.arrayBuffer());
  }
  if (!text.trim()) {
    throw new PayloadError(`Enter the bytes to send as ${encoding === 'base64' ? 'Base64, like AQL/' : 'hex, like 01 02 ff'}.`);
  }
  try {
    return encoding === 'base64' ? parseBase64(text) : parseHex(text);
  } catch (error) {
    throw new PayloadError(error.message);
  }
}

function wrap(bytes, sendAs) {
  switch (sendAs) {
    case 'Uint8Array': return bytes;
    case 'Blob': return new Blob([bytes]);
    default: return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
}

/**
 * Builds { data, payload, size, display, bytes } from the composer's value: `data` goes to
 * socket.send(), `payload` (the string or the bytes) is what an echo must return.
 */
export async function buildMessage({ mode, encoding, text, file, sendAs }) {
  if (mode === 'json') {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new PayloadError(`Invalid JSON, not sent: ${error.message}`);
    }
    return { data: text, payload: text, size: utf8Length(text), display: JSON.stringify(parsed, null, 2) };
  }
  if (mode === 'binary') {
    const bytes = await binaryBytes({ encoding, text, file });
    const kind = SEND_AS.includes(sendAs) ? sendAs : 'ArrayBuffer';
    return {
      data: wrap(bytes, kind),
      payload: bytes,
      size: bytes.length,
      display: `binary as ${kind}, ${bytes.length} ${bytes.length === 1 ? 'byte' : 'bytes'}`,
      bytes,
    };
  }
  return { data: text, payload: text, size: utf8Length(text), display: text };
}
