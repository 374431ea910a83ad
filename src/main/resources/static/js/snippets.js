// Named snippets: saved from the composer, kept in localStorage, sent or deleted from their list.

const KEY = 'wsecho.playground.snippets';

/** A quiet button that does `action` to one snippet, named for screen readers with the snippet. */
function snippetButton(snippet, action, label, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'quiet';
  button.dataset.action = action;
  button.textContent = label;
  button.setAttribute('aria-label', `${label} snippet ${snippet.name}`);
  button.addEventListener('click', onClick);
  return button;
}

export class Snippets {
  constructor(list, { onSend, storage = globalThis.localStorage }) {
    this.list = list;
    this.onSend = onSend;
    this.storage = storage;
    this.items = this.load();
    this.sendable = false;
  }

  load() {
    try {
      const items = JSON.parse(this.storage.getItem(KEY) ?? '[]');
      return Array.isArray(items) ? items.filter((item) => item && typeof item.name === 'string') : [];
    } catch {
      return [];
    }
  }

  persist() {
    try {
      this.storage.setItem(KEY, JSON.stringify(this.items));
    } catch {
      // Blocked site data: the snippets live as long as the page.
    }
  }

  /** Saves or replaces the snippet called `snippet.name`. */
  save(snippet) {
    const index = this.items.findIndex((item) => item.name === snippet.name);
    if (index >= 0) {
      this.items[index] = snippet;
    } else {
      this.items.push(snippet);
    }
    this.persist();
    this.render();
  }

  delete(name) {
    this.items = this.items.filter((item) => item.name !== name);
    this.persist();
    this.render();
  }

  setSendable(sendable) {
    this.sendable = sendable;
    this.list.querySelectorAll('button[data-action="send"]').forEach((button) => {
      button.disabled = !sendable;
    });
  }

  render() {
    const rows = this.items.map((snippet) => {
      const item = document.createElement('li');
      item.className = 'snippet';
      item.dataset.name = snippet.name;

      const name = document.createElement('span');
      name.className = 'snippet-name';
      name.textContent = snippet.name;

      const preview = document.createElement('span');
      preview.className = 'snippet-preview';
      preview.textContent = `${snippet.mode === 'binary' ? snippet.encoding : snippet.mode} · ${snippet.text}`;

      const send = snippetButton(snippet, 'send', 'Send', () => this.onSend(snippet));
      send.disabled = !this.sendable;
      const remove = snippetButton(snippet, 'delete', 'Delete', () => this.delete(snippet.name));
      remove.classList.add('danger');

      item.append(name, preview, send, remove);
      return item;
    });
    this.list.replaceChildren(...rows);
    this.list.hidden = rows.length === 0;
  }
}
