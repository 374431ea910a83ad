// The connection bar: Connect to the URL with the subprotocols, Disconnect with a close code and reason, Cancel a reconnect.

import { parseClose } from './close-codes.js';
import { parseProtocols, sameServerUrl, urlProblem } from './endpoint.js';
import { remember } from './state.js';

/** Wires the bar; returns `connectTo(url)`, which connects as though the user had typed `url`. */
export function initConnectionBar(document, state, { session, log, render }) {
  const $ = (id) => document.getElementById(id);
  const form = $('connect-form');
  const url = $('url');
  const protocols = $('protocols');
  const closeCode = $('close-code');
  const closeReason = $('close-reason');

  url.value = state.settings.url ?? sameServerUrl(location, document.body.dataset.echoPath);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.connection.readyState !== WebSocket.CLOSED) {
      return;
    }
    const target = url.value.trim();
    const offered = parseProtocols(protocols.value);
    const problem = urlProblem(target) ?? offered.problem ?? null;
    state.errors.connection = problem;
    if (problem) {
      log.add('error', problem);
      render();
      return;
    }
    remember(state, { url: target, protocols: protocols.value.trim() });
    session.connect({ url: target, protocols: offered.names });
  });

  $('disconnect').addEventListener('click', () => {
    const close = parseClose(closeCode.value, closeReason.value);
    state.errors.close = close.problem ?? null;
    if (close.problem) {
      render();
      return;
    }
    session.disconnect(close);
  });

  [closeCode, closeReason].forEach((field) => field.addEventListener('input', () => {
    state.errors.close = null;
    render();
  }));

  $('cancel-reconnect').addEventListener('click', () => session.cancelReconnect());

  return {
    connectTo(address) {
      url.value = address;
      form.requestSubmit();
    },
  };
}
