// Recalls sent messages with Up and Down, like a shell: the draft being typed is kept at the bottom.

const LIMIT = 100;

export class SendHistory {
  constructor() {
    this.entries = [];
    this.index = 0;
    this.draft = null;
  }

  push(entry) {
    const last = this.entries[this.entries.length - 1];
    if (!last || last.text !== entry.text || last.mode !== entry.mode || last.encoding !== entry.encoding) {
      this.entries.push(entry);
      if (this.entries.length > LIMIT) {
        this.entries.shift();
      }
    }
    this.index = this.entries.length;
    this.draft = null;
  }

  /** The previous entry, or null at the oldest; `current` is kept as the draft when leaving it. */
  older(current) {
    if (this.index === 0) {
      return null;
    }
    if (this.index === this.entries.length) {
      this.draft = current;
    }
    this.index -= 1;
    return this.entries[this.index];
  }

  /** The next entry, the draft after the newest, or null when already at the draft. */
  newer() {
    if (this.index >= this.entries.length) {
      return null;
    }
    this.index += 1;
    return this.index === this.entries.length ? this.draft : this.entries[this.index];
  }
}
