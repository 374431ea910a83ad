// The page's one state object: everything render() draws is read from here, and nowhere else.

import { Traffic } from './metrics.js';
import { EchoMatcher, RttSamples } from './rtt.js';
import { saveSettings } from './settings.js';

/**
 * `settings` are the user's saved choices; `connection` and `reconnector` are filled in by the
 * session, which owns them; `target` is what Connect last asked for; `errors` are the inline
 * messages of the connection bar, the close fields and the snippet form (null when none);
 * `carrier` is what the lab said carried the handshake ({ httpVersion, connectProtocol }), null
 * until a lab connection says so.
 */
export function createState(settings) {
  return {
    settings,
    connection: null,
    reconnector: null,
    target: null,
    lastClose: null,
    carrier: null,
    errors: { connection: null, close: null, snippet: null },
    traffic: new Traffic(),
    rtt: { samples: new RttSamples(), matcher: new EchoMatcher() },
  };
}

/** Changes settings and saves them, so that a reload picks them up. */
export function remember(state, changes) {
  Object.assign(state.settings, changes);
  saveSettings(state.settings);
}
