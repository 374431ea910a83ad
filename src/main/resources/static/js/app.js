// Wires the playground: controls drive the connection; every change redraws through render().

import { utf8Length } from './bytes.js';
import { describeCloseCode, parseClose } from './close-codes.js';
import { Composer } from './composer.js';
import { Connection } from './connection.js';
import { parseProtocols, sameServerUrl, urlProblem } from './endpoint.js';
import { MessageLog } from './log.js';
import { LogToolbar } from './log-toolbar.js';
import { Traffic } from './metrics.js';
import { PayloadError, buildMessage, prettyJson } from './payload.js';
import { Reconnector } from './reconnect.js';
import { RttChart } from './rtt-chart.js';
import { EchoMatcher, RttSamples, formatMs } from './rtt.js';
import { clampInt, loadSettings, saveSettings } from './settings.js';
import { Snippets } from './snippets.js';
import { StatusPanel } from './status.js';
import { initTools } from './tools.js';

const $ = (id) => document.getElementById(id);
// Assigned once the page is wired; render() may run before that.
let tools = null;
const ui = {
  connectForm: $('connect-form'),
  url: $('url'),
  connect: $('connect'),
  disconnect: $('disconnect'),
  closeCode: $('close-code'),
  closeReason: $('close-reason'),
  closeError: $('close-error'),
  connectionError: $('connection-error'),
  protocols: $('protocols'),
  binaryTypes: document.querySelectorAll('input[name="binary-type"]'),
  reconnect: $('reconnect'),
  reconnectMax: $('reconnect-max'),
  reconnectBase: $('reconnect-base'),
  logLimit: $('log-limit'),
  cancelReconnect: $('cancel-reconnect'),
  snippetForm: $('snippet-form'),
  snippetName: $('snippet-name'),
  snippetError: $('snippet-error'),
  rttLast: $('rtt-last'),
  rttP50: $('rtt-p50'),
  rttP99: $('rtt-p99'),
  rttNote: $('rtt-note'),
};

const settings = loadSettings();
const remember = (changes) => {
  Object.assign(settings, changes);
  saveSettings(settings);
};

const log = new MessageLog($('log'), { limit: settings.logLimit });
new LogToolbar(document, log);
const statusPanel = new StatusPanel($('status'));
const traffic = new Traffic($('traffic'));
const samples = new RttSamples();
const chart = new RttChart($('rtt-chart'));
const state = { lastClose: null, target: null, matcher: new EchoMatcher(), received: Promise.resolve() };

function showError(element, message) {
  element.textContent = message ?? '';
  element.hidden = !message;
}

const reconnector = new Reconnector((attempt) => {
  log.add('system', `Reconnecting to ${state.target.url} (attempt ${attempt} of ${reconnector.maxAttempts})`);
  open(state.target);
});

function open({ url, protocols }) {
  state.matcher = new EchoMatcher();
  try {
    connection.open(url, protocols, settings.binaryType);
  } catch (error) {
    // The constructor's SyntaxError: a URL or subprotocol the checks above did not foresee.
    if (error.name !== 'SyntaxError') {
      throw error;
    }
    reconnector.reset();
    showError(ui.connectionError, error.message);
    log.add('error', error.message);
  }
  render();
}

async function receive(data, at) {
  let payload;
  let size;
  let text;
  let bytes = null;
  if (typeof data === 'string') {
    payload = data;
    size = utf8Length(data);
    text = prettyJson(data) ?? data;
  } else {
    const type = data instanceof Blob ? 'Blob' : 'ArrayBuffer';
    bytes = new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data);
    payload = bytes;
    size = bytes.length;
    text = `binary as ${type}, ${size} ${size === 1 ? 'byte' : 'bytes'}`;
  }
  const rtt = state.matcher.received(payload, at);
  traffic.recordReceived(size);
  if (rtt != null) {
    samples.add(rtt);
    chart.add(samples.total, rtt, samples.percentile(50), samples.percentile(99));
  }
  log.add('received', text, { bytes, rtt });
  renderRtt();
  traffic.render();
}

const connection = new Connection({
  onOpen(socket) {
    reconnector.reset();
    traffic.opened();
    showError(ui.connectionError, null);
    const details = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`]
      .filter(Boolean).join(', ');
    log.add('system', `Connected to ${socket.url}${details ? ` (${details})` : ''}`);
    render();
    composer.message.focus();
  },
  onMessage(data, at) {
    // Blobs are read asynchronously; the chain keeps messages in arrival order for the echo matching.
    state.received = state.received.then(() => receive(data, at)).catch((error) => {
      log.add('error', `Could not show a received message: ${error.message}`);
      console.error(error);
    });
  },
  onError(socket, opened) {
    const message = opened
      ? 'The connection failed.'
      : `Could not connect to ${socket.url}: the server is unreachable or refused the handshake.`;
    log.add('error', message);
    if (!opened) {
      showError(ui.connectionError, message);
    }
    render();
  },
  onClose(event, { opened, byUser }) {
    traffic.closed();
    state.lastClose = { code: event.code, reason: event.reason, wasClean: event.wasClean };
    log.add('system', `Closed: ${describeCloseCode(event.code)}${event.reason ? `, reason “${event.reason}”` : ''}, wasClean ${event.wasClean}`);
    if (settings.reconnect && !byUser && (!opened || event.code !== 1000)) {
      const delay = reconnector.schedule({ baseMs: settings.reconnectBaseMs, maxAttempts: settings.reconnectMax });
      if (delay === null) {
        log.add('error', `Gave up reconnecting after ${settings.reconnectMax} ${settings.reconnectMax === 1 ? 'attempt' : 'attempts'}.`);
      } else {
        log.add('system', `Reconnecting in ${(delay / 1000).toFixed(1)} s (attempt ${reconnector.attempt} of ${settings.reconnectMax})`);
      }
    } else {
      reconnector.reset();
    }
    render();
  },
});

const composer = new Composer($('send-form'), {
  onSubmit: (value) => send(value),
  onSettingsChange: (choices) => remember(choices),
});

async function send(value) {
  if (connection.readyState !== WebSocket.OPEN) {
    composer.showError('Not connected: connect before sending.');
    return false;
  }
  let message;
  try {
    message = await buildMessage(value);
  } catch (error) {
    if (!(error instanceof PayloadError)) {
      throw error;
    }
    composer.showError(error.message);
    return false;
  }
  // Reading a file takes a moment, in which the socket may have closed.
  if (connection.readyState !== WebSocket.OPEN) {
    composer.showError('The connection closed before the message could be sent.');
    return false;
  }
  composer.showError(null);
  connection.send(message.data);
  state.matcher.sent(message.payload, performance.now());
  traffic.recordSent(message.size);
  log.add('sent', message.display, { bytes: message.bytes ?? null });
  traffic.render();
  return true;
}

const snippets = new Snippets($('snippets'), {
  onSend: (snippet) => send({ ...snippet, file: null }),
});

function reconnectView() {
  return {
    enabled: settings.reconnect,
    max: settings.reconnectMax,
    attempt: reconnector.attempt,
    waiting: reconnector.waiting,
    remainingMs: reconnector.remainingMs,
  };
}

function renderRtt() {
  ui.rttLast.textContent = formatMs(samples.last);
  ui.rttP50.textContent = formatMs(samples.percentile(50));
  ui.rttP99.textContent = formatMs(samples.percentile(99));
  const count = samples.values.length;
  let note = `${count.toLocaleString('en')} ${count === 1 ? 'sample' : 'samples'}`;
  if (!state.matcher.matching) {
    note = 'replies are not echoes of what was sent: no round-trip times for this connection';
  } else if (count === 0) {
    note = 'No echoes yet: each one sent to an echo server shows its round trip here.';
  }
  ui.rttNote.textContent = note;
}

function render() {
  const readyState = connection.readyState;
  const closed = readyState === WebSocket.CLOSED;
  ui.connect.disabled = !closed;
  ui.disconnect.disabled = readyState !== WebSocket.CONNECTING && readyState !== WebSocket.OPEN;
  ui.url.readOnly = !closed;
  ui.protocols.readOnly = !closed;
  composer.setEnabled(readyState === WebSocket.OPEN);
  snippets.setSendable(readyState === WebSocket.OPEN);
  statusPanel.render({ socket: connection.socket, lastClose: state.lastClose, binaryType: settings.binaryType, reconnect: reconnectView() });
  traffic.render();
  renderRtt();
  tools?.render();
}

// Connection bar.

ui.connectForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (connection.readyState !== WebSocket.CLOSED) {
    return;
  }
  const url = ui.url.value.trim();
  const problem = urlProblem(url);
  const protocols = parseProtocols(ui.protocols.value);
  if (problem || protocols.problem) {
    showError(ui.connectionError, problem ?? protocols.problem);
    log.add('error', problem ?? protocols.problem);
    return;
  }
  showError(ui.connectionError, null);
  remember({ url, protocols: ui.protocols.value.trim() });
  reconnector.reset();
  state.lastClose = null;
  state.target = { url, protocols: protocols.names };
  traffic.reset();
  samples.clear();
  chart.clear();
  log.add('system', `Connecting to ${url}${protocols.names.length ? ` offering ${protocols.names.join(', ')}` : ''}`);
  open(state.target);
});

ui.disconnect.addEventListener('click', () => {
  const close = parseClose(ui.closeCode.value, ui.closeReason.value);
  if (close.problem) {
    showError(ui.closeError, close.problem);
    return;
  }
  showError(ui.closeError, null);
  reconnector.reset();
  connection.close(close.code, close.reason);
  log.add('system', `Closing with ${close.code}${close.reason ? ` “${close.reason}”` : ''}`);
  render();
});

[ui.closeCode, ui.closeReason].forEach((field) => field.addEventListener('input', () => showError(ui.closeError, null)));

ui.cancelReconnect.addEventListener('click', () => {
  const connecting = connection.readyState === WebSocket.CONNECTING;
  reconnector.reset();
  if (connecting) {
    connection.close(1000, '');
  }
  log.add('system', 'Auto-reconnect cancelled.');
  render();
});

// Settings.

ui.binaryTypes.forEach((radio) => {
  radio.checked = radio.value === settings.binaryType;
  radio.addEventListener('change', () => {
    remember({ binaryType: radio.value });
    // binaryType may change on an open socket; it applies to the next message received.
    connection.binaryType = radio.value;
    render();
  });
});

ui.reconnect.checked = settings.reconnect;
ui.reconnect.addEventListener('change', () => {
  remember({ reconnect: ui.reconnect.checked });
  if (!ui.reconnect.checked && reconnector.waiting) {
    reconnector.reset();
    log.add('system', 'Auto-reconnect turned off.');
  }
  render();
});

const numberSettings = [
  [ui.reconnectMax, 'reconnectMax', 1, 100],
  [ui.reconnectBase, 'reconnectBaseMs', 10, 30000],
  [ui.logLimit, 'logLimit', 10, 100000],
];
for (const [field, key, min, max] of numberSettings) {
  field.value = settings[key];
  field.addEventListener('change', () => {
    const value = clampInt(field.value, min, max, settings[key]);
    field.value = value;
    remember({ [key]: value });
    if (key === 'logLimit') {
      log.setLimit(value);
    }
    render();
  });
}

ui.protocols.value = settings.protocols;
ui.protocols.addEventListener('change', () => remember({ protocols: ui.protocols.value.trim() }));

// Snippets.

ui.snippetForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = ui.snippetName.value.trim();
  const value = composer.value;
  if (!name) {
    showError(ui.snippetError, 'Name the snippet first.');
    return;
  }
  if (value.mode === 'binary' && value.encoding === 'file') {
    showError(ui.snippetError, 'A file cannot be saved as a snippet: paste its bytes as hex or Base64.');
    return;
  }
  showError(ui.snippetError, null);
  snippets.save({ name, mode: value.mode, encoding: value.encoding, sendAs: value.sendAs, text: value.text });
  ui.snippetName.value = '';
});

// The test-server tools (lab, chat, SSE) share the connection and the log.

tools = initTools($('tools'), {
  connection,
  log,
  connectTo(url) {
    ui.url.value = url;
    ui.connectForm.requestSubmit();
  },
});

// Start-up.

ui.url.value = settings.url ?? sameServerUrl(location, document.body.dataset.echoPath);
composer.load({ mode: settings.mode, encoding: settings.encoding, sendAs: settings.sendAs });
snippets.render();
render();
// Countdown and uptime move on their own.
setInterval(() => {
  statusPanel.renderReconnect(reconnectView());
  traffic.render();
}, 200);
// The static page already says CLOSED; this says the controls are wired (browser tests wait for it).
document.body.dataset.ready = 'true';
