// Remembers the last URL and the page's settings in localStorage, so a reload picks up where you were.

const KEY = 'wsecho.playground.settings';

export const DEFAULTS = Object.freeze({
  url: null,
  protocols: '',
  binaryType: 'blob',
  reconnect: false,
  reconnectMax: 10,
  reconnectBaseMs: 1000,
  logLimit: 1000,
  mode: 'text',
  encoding: 'hex',
  sendAs: 'ArrayBuffer',
});

/** Reads an integer from a form field, held within [min, max]; the fallback when it is no number. */
export function clampInt(text, min, max, fallback) {
  const value = Number.parseInt(text, 10);
  return Number.isNaN(value) ? fallback : Math.min(max, Math.max(min, value));
}

// localStorage throws where the user blocked site data; the page then works without memory.
export function loadSettings(storage = globalThis.localStorage) {
  try {
    const stored = JSON.parse(storage.getItem(KEY) ?? '{}');
    return { ...DEFAULTS, ...(stored && typeof stored === 'object' ? stored : {}) };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveSettings(settings, storage = globalThis.localStorage) {
  try {
    storage.setItem(KEY, JSON.stringify(settings));
    return true;
  } catch {
    return false;
  }
}
