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
    return 'Enter a full URL such as ws://localhost:8080/ws/echo.';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return `The URL must start with ws:// or wss://, not ${url.protocol}//.`;
  }
  if (url.hash) {
    return 'A WebSocket URL cannot have a #fragment.';
  }
  return null;
}
