// Bytes to and from text: hex and Base64 input, hex dumps, and human-readable sizes.

/** Parses "01 02 ff", "0x01,0x02", "01:02:FF" or "0102ff" into bytes; throws with a message the user can act on. */
export function parseHex(text) {
  const tokens = text.split(/[\s,:;]+/).filter(Boolean).map((token) => token.replace(/^0x/i, ''));
  const bytes = [];
  for (const token of tokens) {
    if (!/^[0-9a-f]+$/i.test(token)) {
      throw new SyntaxError(`“${token}” is not hex: use digits 0–9 and a–f, like 01 02 ff.`);
    }
    // A lone digit is a byte ("1 2 ff"); longer runs are read as pairs ("0102ff").
    if (token.length > 2 && token.length % 2 !== 0) {
      throw new SyntaxError(`“${token}” has an odd number of digits: write each byte as two, like 0a.`);
    }
    for (let i = 0; i < token.length; i += 2) {
      bytes.push(parseInt(token.slice(i, i + 2), 16));
    }
  }
  return Uint8Array.from(bytes);
}

/** Parses standard or URL-safe Base64, padded or not, ignoring white space. */
export function parseBase64(text) {
  const compact = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
    throw new SyntaxError('Not valid Base64: use A–Z, a–z, 0–9, + and / (or - and _), like AQL/.');
  }
  const padded = compact.replace(/=+$/, '').padEnd(Math.ceil(compact.replace(/=+$/, '').length / 4) * 4, '=');
  const binary = atob(padded);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const hex2 = (byte) => byte.toString(16).padStart(2, '0');

/** A classic dump: offset, 16 bytes in hex, then the printable ASCII; of at most `limit` bytes. */
export function hexDump(bytes, limit = bytes.length) {
  const shown = bytes.subarray(0, Math.min(limit, bytes.length));
  const rows = [];
  for (let offset = 0; offset < shown.length; offset += 16) {
    const row = shown.subarray(offset, offset + 16);
    const hex = Array.from(row, hex2);
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${offset.toString(16).padStart(8, '0')}  ${left.padEnd(23)}  ${right.padEnd(23)}  |${ascii}|`);
  }
  return rows.join('\n');
}

const encoder = new TextEncoder();

export function utf8Length(text) {
  return encoder.encode(text).length;
}

/** "512 B", "1.5 KiB", "16.0 MiB". */
export function formatBytes(count) {
  if (count < 1024) {
    return `${count} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = count / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
