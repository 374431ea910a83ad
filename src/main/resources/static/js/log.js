// The message log: newest entry first, each with a local timestamp and a kind.

export const KINDS = ['sent', 'received', 'system', 'error'];

/** HH:MM:SS.mmm in local time. */
export function formatTime(date) {
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export class MessageLog {
  constructor(list) {
    this.list = list;
  }

  /** Adds one entry at the top; text is shown as typed, never interpreted as HTML. */
  add(kind, text, date = new Date()) {
    const item = document.createElement('li');
    item.className = `entry entry--${kind}`;
    item.dataset.kind = kind;

    const time = document.createElement('time');
    time.dateTime = date.toISOString();
    time.textContent = formatTime(date);

    const label = document.createElement('span');
    label.className = 'kind';
    label.textContent = kind;

    const body = document.createElement('span');
    body.className = 'text';
    body.textContent = text;

    item.append(time, label, body);
    this.list.prepend(item);
  }

  clear() {
    this.list.replaceChildren();
  }
}
