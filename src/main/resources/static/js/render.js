// Draws the page from the one state object: every change, and the clock, ends in render(state).

import { setText, showError } from './dom.js';
import { formatMs } from './rtt.js';
import { StatusPanel } from './status.js';

/** The line under the round-trip tiles. */
export function rttNote({ samples, matcher }) {
  if (!matcher.matching) {
    return 'replies are not echoes of what was sent: no round-trip times for this connection';
  }
  const count = samples.values.length;
  if (count === 0) {
    return 'No echoes yet: each one sent to an echo server shows its round trip here.';
  }
  return `${count.toLocaleString('en')} ${count === 1 ? 'sample' : 'samples'}`;
}

/**
 * Returns `render(state)` for the page in `document` (state as made by createState). The composer,
 * the snippet list, the tools panel and the chart are widgets that draw their own parts: render
 * tells the first two whether sending is possible, and has the others draw.
 */
export function createRender(document, { composer, snippets, tools, chart }) {
  const $ = (id) => document.getElementById(id);
  const ui = {
    url: $('url'),
    connect: $('connect'),
    disconnect: $('disconnect'),
    protocols: $('protocols'),
    connectionError: $('connection-error'),
    closeError: $('close-error'),
    snippetError: $('snippet-error'),
    sent: $('metric-sent'),
    received: $('metric-received'),
    uptime: $('metric-uptime'),
    rttLast: $('rtt-last'),
    rttP50: $('rtt-p50'),
    rttP99: $('rtt-p99'),
    rttNote: $('rtt-note'),
  };
  const status = new StatusPanel($('status'));

  return function render(state) {
    const { connection, reconnector, settings, errors, rtt } = state;
    const readyState = connection.readyState;
    const closed = readyState === WebSocket.CLOSED;
    const open = readyState === WebSocket.OPEN;

    ui.connect.disabled = !closed;
    ui.disconnect.disabled = readyState !== WebSocket.CONNECTING && !open;
    ui.url.readOnly = !closed;
    ui.protocols.readOnly = !closed;
    showError(ui.connectionError, errors.connection);
    showError(ui.closeError, errors.close);
    showError(ui.snippetError, errors.snippet);
    composer.setEnabled(open);
    snippets.setSendable(open);

    status.render({
      socket: connection.socket,
      carrier: state.carrier,
      lastClose: state.lastClose,
      binaryType: settings.binaryType,
      reconnect: {
        enabled: settings.reconnect,
        max: settings.reconnectMax,
        attempt: reconnector.attempt,
        waiting: reconnector.waiting,
        remainingMs: reconnector.remainingMs,
      },
    });

    const traffic = state.traffic.describe();
    setText(ui.sent, traffic.sent);
    setText(ui.received, traffic.received);
    setText(ui.uptime, traffic.uptime);

    setText(ui.rttLast, formatMs(rtt.samples.last));
    setText(ui.rttP50, formatMs(rtt.samples.percentile(50)));
    setText(ui.rttP99, formatMs(rtt.samples.percentile(99)));
    setText(ui.rttNote, rttNote(rtt));
    chart.render(rtt.samples);

    tools.render();
  };
}
