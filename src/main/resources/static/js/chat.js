// The Chat tab: its own socket to /ws/chat (v2, so it gets the history), a message list and the members.

import { sameServerUrl } from './endpoint.js';
import { timeElement } from './log.js';

export class ChatPanel {
  constructor(root, { chatPath }) {
    this.chatPath = chatPath;
    this.socket = null;
    this.me = null;
    this.lastId = 0;
    const $ = (id) => root.querySelector(`#${id}`);
    this.ui = {
      joinForm: $('chat-join-form'), nick: $('chat-nick'), join: $('chat-join'), rename: $('chat-rename'),
      leave: $('chat-leave'), status: $('chat-status'), messages: $('chat-messages'), members: $('chat-members'),
      sendForm: $('chat-send-form'), text: $('chat-text'), send: $('chat-send'),
    };
    this.ui.joinForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.join();
    });
    this.ui.rename.addEventListener('click', () => this.sendJson({ type: 'nick', name: this.ui.nick.value.trim() }));
    this.ui.leave.addEventListener('click', () => this.socket.close(1000, 'Left the room'));
    this.ui.sendForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.sendJson({ type: 'chat', message: this.ui.text.value });
      this.ui.text.select();
    });
    this.render();
  }

  /** Connects; after an earlier visit, asks only for the messages said since (?since=). */
  join() {
    if (this.socket) {
      return;
    }
    const query = new URLSearchParams();
    const nick = this.ui.nick.value.trim();
    if (nick) {
      query.set('name', nick);
    }
    if (this.lastId > 0) {
      query.set('since', String(this.lastId));
    }
    const search = query.toString();
    const url = sameServerUrl(location, this.chatPath) + (search ? `?${search}` : '');
    const socket = new WebSocket(url, ['v2', 'chat']);
    this.socket = socket;
    this.me = null;
    this.ui.status.textContent = 'Joining…';
    socket.addEventListener('message', (event) => this.receive(JSON.parse(event.data)));
    socket.addEventListener('open', () => this.render());
    socket.addEventListener('close', (event) => {
      this.socket = null;
      this.me = null;
      this.line('chat-system', `Left the room (${event.code}${event.reason ? ` ${event.reason}` : ''})`);
      this.showMembers([]);
      this.render();
    });
    this.render();
  }

  sendJson(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  receive(message) {
    switch (message.type) {
      case 'history':
        message.messages.forEach((chat) => this.chat(chat));
        if (!message.complete) {
          this.line('chat-error', 'Some messages said while you were away are no longer kept.');
        }
        break;
      case 'chat':
        this.chat(message);
        break;
      case 'join':
        // The first join a client receives is its own.
        this.me ??= message.name;
        this.line('chat-system', `${message.name} joined`);
        this.showMembers(message.members);
        break;
      case 'leave':
        this.line('chat-system', `${message.name} left`);
        this.showMembers(message.members);
        break;
      case 'nick':
        if (message.from === this.me) {
          this.me = message.name;
        }
        this.line('chat-system', `${message.from} is now ${message.name}`);
        this.showMembers(message.members);
        break;
      case 'error':
        this.line('chat-error', message.message);
        break;
      default:
        this.line('chat-error', `Unexpected message: ${JSON.stringify(message)}`);
    }
    this.render();
  }

  chat(message) {
    if (message.id <= this.lastId) {
      return;
    }
    this.lastId = message.id;
    const item = this.line('chat-message', message.message, new Date(message.ts));
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = `${message.from}: `;
    item.querySelector('.text').before(from);
    item.dataset.id = String(message.id);
  }

  line(kind, text, date = new Date()) {
    const item = document.createElement('li');
    item.className = kind;
    const time = timeElement(date);
    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;
    item.append(time, body);
    this.ui.messages.append(item);
    this.ui.messages.scrollTop = this.ui.messages.scrollHeight;
    return item;
  }

  showMembers(members) {
    this.ui.members.replaceChildren(...members.map((name) => {
      const item = document.createElement('li');
      item.textContent = name;
      item.classList.toggle('me', name === this.me);
      return item;
    }));
  }

  render() {
    const open = Boolean(this.socket) && this.socket.readyState === WebSocket.OPEN;
    this.ui.join.disabled = Boolean(this.socket);
    this.ui.rename.disabled = !open;
    this.ui.leave.disabled = !open;
    this.ui.text.disabled = !open;
    this.ui.send.disabled = !open;
    if (open) {
      this.ui.status.textContent = this.me
        ? `In the room as ${this.me} (subprotocol ${this.socket.protocol}).`
        : `Connected (subprotocol ${this.socket.protocol}).`;
    } else if (!this.socket) {
      this.ui.status.textContent = 'Not in the room.';
    }
  }
}
