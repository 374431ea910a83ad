// Builds WebSocket URLs for this page's own server and checks ones the user types.

/** The URL of `path` on the server that served this page: wss: when the page came over https. */
export function sameServerUrl(location, path) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** Returns an error message for a URL the WebSocket constructor would refuse, or null. */
export function urlProblem(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL such as wss://example.com/ws/echo.';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return `The URL must start with ws:// or wss://, not ${url.protocol}//.`;
  }
  if (url.hash) {
    return 'A WebSocket URL cannot have a #fragment.';
  }
  return null;
}

// RFC 7230 token characters: what Sec-WebSocket-Protocol allows in a subprotocol name.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Splits "chat, v2" into ['chat', 'v2'], or returns { problem } for names the constructor would refuse. */
export function parseProtocols(text) {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const invalid = names.find((name) => !TOKEN.test(name));
  if (invalid) {
    return { problem: `“${invalid}” is not a valid subprotocol name: use letters, digits and !#$%&'*+-.^_\`|~, no spaces.` };
  }
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) {
    return { problem: `The subprotocol “${duplicate}” is listed twice.` };
  }
  return { names };
}
