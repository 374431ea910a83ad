// The composer: mode (text, JSON, binary), binary input and wrapper, keys (Enter, Shift+Enter, Up/Down), inline errors.

import { SendHistory } from './history.js';

const PLACEHOLDERS = {
  text: 'Type a message',
  json: '{"type": "hello", "n": 1}',
  hex: '01 02 ff',
  base64: 'AQL/',
};

export class Composer {
  /** `onSubmit(value)` sends and resolves to whether it did; `onSettingsChange({ mode, encoding, sendAs })` remembers the choices. */
  constructor(form, { onSubmit, onSettingsChange }) {
    this.form = form;
    this.onSubmit = onSubmit;
    this.onSettingsChange = onSettingsChange;
    this.message = form.querySelector('#message');
    this.file = form.querySelector('#file');
    this.fileField = form.querySelector('#file-field');
    this.binaryOptions = form.querySelector('#binary-options');
    this.sendAs = form.querySelector('#send-as');
    this.send = form.querySelector('#send');
    this.error = form.querySelector('#composer-error');
    this.history = new SendHistory();
    this.enabled = false;

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = this.value;
      if (await this.onSubmit(value)) {
        this.sent(value);
      }
    });
    form.addEventListener('change', (event) => {
      if (event.target.name === 'mode' || event.target.name === 'encoding' || event.target === this.sendAs) {
        this.showError(null);
        this.layout();
        this.onSettingsChange(this.choices);
      }
    });
    this.message.addEventListener('input', () => this.showError(null));
    this.message.addEventListener('keydown', (event) => this.onKey(event));
  }

  get mode() {
    return this.form.elements.mode.value;
  }

  get encoding() {
    return this.form.elements.encoding.value;
  }

  get choices() {
    return { mode: this.mode, encoding: this.encoding, sendAs: this.sendAs.value };
  }

  get value() {
    return { ...this.choices, text: this.message.value, file: this.file.files[0] ?? null };
  }

  /** Restores the mode and choices (from settings, history or a snippet), and the text when given. */
  load({ mode, encoding, sendAs, text }) {
    const pick = (name, value) => {
      const radio = this.form.querySelector(`input[name="${name}"][value="${value}"]`);
      if (radio) {
        radio.checked = true;
      }
    };
    pick('mode', mode);
    if (encoding) {
      pick('encoding', encoding);
    }
    if (sendAs && [...this.sendAs.options].some((option) => option.value === sendAs)) {
      this.sendAs.value = sendAs;
    }
    if (text !== undefined) {
      this.message.value = text;
    }
    this.showError(null);
    this.layout();
  }

  layout() {
    const binary = this.mode === 'binary';
    const fromFile = binary && this.encoding === 'file';
    this.binaryOptions.hidden = !binary;
    this.fileField.hidden = !fromFile;
    this.message.hidden = fromFile;
    this.message.placeholder = PLACEHOLDERS[binary ? this.encoding : this.mode] ?? '';
    this.message.spellcheck = this.mode === 'text';
    this.form.dataset.mode = this.mode;
    this.updateEnabled();
  }

  setEnabled(enabled) {
    this.enabled = enabled;
    this.updateEnabled();
  }

  updateEnabled() {
    this.message.disabled = !this.enabled;
    this.file.disabled = !this.enabled;
    this.send.disabled = !this.enabled;
  }

  focus() {
    this.message.focus();
  }

  /** A sent message goes into the history; text is selected so typing replaces it. */
  sent(value) {
    if (value.encoding !== 'file' || value.mode !== 'binary') {
      this.history.push({ mode: value.mode, encoding: value.encoding, text: value.text });
    }
    this.message.select();
  }

  showError(message) {
    this.error.textContent = message ?? '';
    this.error.hidden = !message;
    this.message.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  onKey(event) {
    if (event.isComposing) {
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.form.requestSubmit();
      return;
    }
    const { selectionStart, selectionEnd, value } = this.message;
    // Up and Down move through history only from the first or last line, so multi-line JSON stays editable.
    if (event.key === 'ArrowUp' && !value.slice(0, selectionStart).includes('\n')) {
      this.recall(this.history.older({ ...this.choices, text: value }), event);
    } else if (event.key === 'ArrowDown' && !value.slice(selectionEnd).includes('\n')) {
      this.recall(this.history.newer(), event);
    }
  }

  recall(entry, event) {
    if (!entry) {
      return;
    }
    event.preventDefault();
    this.load(entry);
    const end = this.message.value.length;
    this.message.setSelectionRange(end, end);
  }
}
