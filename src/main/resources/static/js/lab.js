// The Lab tab: a form per /ws/lab command, sent as JSON over the playground's own connection.

import { sameServerUrl } from './endpoint.js';

/** The command a form describes: its inputs by name, numbers as numbers, checkboxes as booleans. */
export function commandFrom(form) {
  const command = { command: form.dataset.command };
  for (const input of form.querySelectorAll('input[name]')) {
    if (input.type === 'checkbox') {
      command[input.name] = input.checked;
    } else if (input.type === 'number') {
      command[input.name] = input.valueAsNumber;
    } else {
      command[input.name] = input.value;
    }
  }
  return command;
}

/**
 * What carried the handshake, from the lab's `welcome` or `info` reply: { httpVersion,
 * connectProtocol }, or null for any other message. Any server's text may arrive here, so
 * anything that is not such a reply is left alone.
 */
export function handshakeCarrier(text) {
  if (!/^\s*\{/.test(text)) {
    return null;
  }
  let reply;
  try {
    reply = JSON.parse(text);
  } catch {
    return null;
  }
  if ((reply?.type !== 'welcome' && reply?.type !== 'info') || typeof reply.httpVersion !== 'string') {
    return null;
  }
  return { httpVersion: reply.httpVersion, connectProtocol: typeof reply.connectProtocol === 'string' ? reply.connectProtocol : null };
}

/** "HTTP/2 · :protocol websocket", or "HTTP/1.1": how the status panel shows a carrier. */
export function describeCarrier(carrier) {
  if (!carrier) {
    return '–';
  }
  return carrier.connectProtocol ? `${carrier.httpVersion} · :protocol ${carrier.connectProtocol}` : carrier.httpVersion;
}

export class LabPanel {
  constructor(root, { connection, log, labPath, connectTo }) {
    this.root = root;
    this.connection = connection;
    this.log = log;
    this.labPath = labPath;
    this.status = root.querySelector('#lab-status');
    this.use = root.querySelector('#lab-use');
    this.use.addEventListener('click', () => connectTo(sameServerUrl(location, labPath)));
    for (const form of root.querySelectorAll('form.lab-command')) {
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        this.send(commandFrom(form));
      });
    }
    root.querySelector('#lab-stop').addEventListener('click', () => this.send({ command: 'stop' }));
    this.render();
  }

  /** Whether the playground's connection is open on this server's lab. */
  get onLab() {
    const socket = this.connection.socket;
    return Boolean(socket) && socket.readyState === WebSocket.OPEN && new URL(socket.url).pathname === this.labPath;
  }

  send(command) {
    if (!this.onLab) {
      this.log.add('error', `Lab commands need a connection to ${this.labPath}.`);
      return;
    }
    const text = JSON.stringify(command);
    this.connection.send(text);
    this.log.add('sent', text);
  }

  render() {
    const onLab = this.onLab;
    const status = onLab ? `Connected to ${this.labPath}.` : `Not connected to ${this.labPath}.`;
    // The page redraws several times a second: only a real change is written.
    if (this.status.textContent !== status) {
      this.status.textContent = status;
    }
    this.use.disabled = this.connection.readyState !== WebSocket.CLOSED;
    for (const button of this.root.querySelectorAll('.lab-command button')) {
      button.disabled = !onLab;
    }
  }
}
