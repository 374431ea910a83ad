// Wires the playground: form events drive the connection; every change redraws through render().

import { Connection } from './connection.js';
import { describeCloseCode } from './close-codes.js';
import { sameServerUrl, urlProblem } from './endpoint.js';
import { MessageLog } from './log.js';
import { StatusPanel } from './status.js';
import { initTools } from './tools.js';

const $ = (id) => document.getElementById(id);
const ui = {
  connectForm: $('connect-form'),
  url: $('url'),
  connect: $('connect'),
  disconnect: $('disconnect'),
  connectionError: $('connection-error'),
  sendForm: $('send-form'),
  message: $('message'),
  send: $('send'),
  clearLog: $('clear-log'),
};

const log = new MessageLog($('log'));
const statusPanel = new StatusPanel($('status'));
const state = { lastClose: null };

const HEX_PREVIEW_BYTES = 64;

function describeData(data) {
  if (typeof data === 'string') {
    return data;
  }
  const bytes = new Uint8Array(data);
  const shown = Array.from(bytes.subarray(0, HEX_PREVIEW_BYTES), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `binary, ${bytes.length} bytes: ${shown}${bytes.length > HEX_PREVIEW_BYTES ? ' …' : ''}`;
}

function showConnectionError(message) {
  ui.connectionError.textContent = message ?? '';
  ui.connectionError.hidden = !message;
}

const connection = new Connection({
  onOpen(socket) {
    const details = [socket.protocol && `subprotocol ${socket.protocol}`, socket.extensions && `extensions ${socket.extensions}`]
      .filter(Boolean).join(', ');
    log.add('system', `Connected to ${socket.url}${details ? ` (${details})` : ''}`);
    render();
    ui.message.focus();
  },
  onMessage(data) {
    log.add('received', describeData(data));
  },
  onError(socket, opened) {
    const message = opened
      ? 'The connection failed.'
      : `Could not connect to ${socket.url}: the server is unreachable or refused the handshake.`;
    log.add('error', message);
    if (!opened) {
      showConnectionError(message);
    }
    render();
  },
  onClose(event) {
    state.lastClose = { code: event.code, reason: event.reason, wasClean: event.wasClean };
    log.add('system', `Closed: ${describeCloseCode(event.code)}${event.reason ? `, reason “${event.reason}”` : ''}, wasClean ${event.wasClean}`);
    render();
  },
});

function render() {
  const readyState = connection.readyState;
  ui.connect.disabled = readyState !== WebSocket.CLOSED;
  ui.disconnect.disabled = readyState !== WebSocket.CONNECTING && readyState !== WebSocket.OPEN;
  ui.url.readOnly = readyState !== WebSocket.CLOSED;
  ui.message.disabled = readyState !== WebSocket.OPEN;
  ui.send.disabled = readyState !== WebSocket.OPEN;
  statusPanel.render({ socket: connection.socket, lastClose: state.lastClose });
  tools.render();
}

ui.connectForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (connection.readyState !== WebSocket.CLOSED) {
    return;
  }
  const url = ui.url.value.trim();
  const problem = urlProblem(url);
  if (problem) {
    showConnectionError(problem);
    log.add('error', problem);
    return;
  }
  showConnectionError(null);
  state.lastClose = null;
  try {
    connection.open(url);
    log.add('system', `Connecting to ${url}`);
  } catch (error) {
    showConnectionError(error.message);
    log.add('error', error.message);
  }
  render();
});

ui.disconnect.addEventListener('click', () => {
  connection.close(1000, 'User disconnected');
  log.add('system', 'Closing with 1000 “User disconnected”');
  render();
});

ui.sendForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (connection.readyState !== WebSocket.OPEN) {
    log.add('error', 'Not connected: connect before sending.');
    return;
  }
  const text = ui.message.value;
  connection.send(text);
  log.add('sent', text);
  ui.message.select();
});

ui.clearLog.addEventListener('click', () => log.clear());

const tools = initTools($('tools'), {
  connection,
  log,
  connectTo(url) {
    ui.url.value = url;
    ui.connectForm.requestSubmit();
  },
});

ui.url.value = sameServerUrl(location, document.body.dataset.echoPath);
render();
