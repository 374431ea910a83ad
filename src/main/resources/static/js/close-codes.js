// Names of the close codes registered in RFC 6455 §7.4.1 and the IANA registry.

const NAMES = new Map([
  [1000, 'Normal Closure'],
  [1001, 'Going Away'],
  [1002, 'Protocol Error'],
  [1003, 'Unsupported Data'],
  [1005, 'No Status Received'],
  [1006, 'Abnormal Closure'],
  [1007, 'Invalid Payload Data'],
  [1008, 'Policy Violation'],
  [1009, 'Message Too Big'],
  [1010, 'Mandatory Extension'],
  [1011, 'Internal Error'],
  [1012, 'Service Restart'],
  [1013, 'Try Again Later'],
  [1014, 'Bad Gateway'],
  [1015, 'TLS Handshake'],
]);

/** "1000 Normal Closure", or the bare number for codes without a registered name. */
export function describeCloseCode(code) {
  const name = NAMES.get(code) ?? (code >= 4000 && code <= 4999 ? 'application' : code >= 3000 && code <= 3999 ? 'registered' : null);
  return name ? `${code} ${name}` : String(code);
}

export const MAX_REASON_BYTES = 123;

/**
 * Reads the close code and reason the user typed: { code, reason } to pass to socket.close(), or
 * { problem } for what the browser would refuse with an exception (RFC 6455 §5.5: a control
 * frame's payload is at most 125 bytes, two of them the code).
 */
export function parseClose(codeText, reason) {
  const trimmed = codeText.trim();
  const code = trimmed === '' ? 1000 : Number(trimmed);
  if (!Number.isInteger(code) || !(code === 1000 || (code >= 3000 && code <= 4999))) {
    return { problem: `Browsers only send close code 1000 or 3000–4999, not ${trimmed}: 1001–2999 are reserved for the protocol and servers.` };
  }
  const bytes = new TextEncoder().encode(reason).length;
  if (bytes > MAX_REASON_BYTES) {
    return { problem: `The reason is ${bytes} bytes in UTF-8; a close reason can have at most ${MAX_REASON_BYTES}.` };
  }
  return { code, reason };
}
