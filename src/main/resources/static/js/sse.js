// The SSE tab: one EventSource at a time, its events written into the playground's log.

const EVENT_NAMES = ['tick', 'chat'];

export class SsePanel {
  constructor(root, { log, ticksPath, chatPath }) {
    this.log = log;
    this.source = null;
    this.status = root.querySelector('#sse-status');
    this.closeButton = root.querySelector('#sse-close');
    root.querySelector('#sse-ticks').addEventListener('click', () => this.open(ticksPath));
    root.querySelector('#sse-chat').addEventListener('click', () => this.open(chatPath));
    this.closeButton.addEventListener('click', () => this.close());
  }

  open(path) {
    this.close();
    const url = new URL(path, location.href).href;
    const source = new EventSource(url);
    this.source = source;
    this.log.add('system', `SSE connecting to ${url}`);
    source.addEventListener('open', () => {
      this.log.add('system', `SSE open: ${url}`);
      this.render();
    });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        this.log.add('received', `SSE ${event.type} id ${event.lastEventId}: ${event.data}`);
      });
    }
    source.addEventListener('error', () => {
      // EventSource reconnects by itself (sending Last-Event-ID) unless it has given up.
      this.log.add(source.readyState === EventSource.CLOSED ? 'error' : 'system',
        source.readyState === EventSource.CLOSED ? `SSE failed: ${url}` : `SSE reconnecting to ${url}`);
      this.render();
    });
    this.render();
  }

  close() {
    if (this.source) {
      this.source.close();
      this.log.add('system', `SSE closed: ${this.source.url}`);
      this.source = null;
    }
    this.render();
  }

  render() {
    const states = ['CONNECTING', 'OPEN', 'CLOSED'];
    this.closeButton.disabled = !this.source;
    this.status.textContent = this.source
      ? `${states[this.source.readyState]}: ${this.source.url}`
      : 'No event stream open.';
  }
}
