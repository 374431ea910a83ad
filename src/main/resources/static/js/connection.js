// One WebSocket at a time, reported through callbacks so the page only reacts to events.

export class Connection {
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
  }

  /** Opens a socket; throws the constructor's SyntaxError for a URL it refuses. */
  open(url, protocols = []) {
    const socket = new WebSocket(url, protocols);
    socket.binaryType = 'arraybuffer';
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.handlers.onOpen(socket);
    });
    socket.addEventListener('message', (event) => this.handlers.onMessage(event.data));
    // The browser hides why a socket failed; whether it ever opened is all we can tell.
    socket.addEventListener('error', () => this.handlers.onError(socket, opened));
    socket.addEventListener('close', (event) => this.handlers.onClose(event));
    this.socket = socket;
    return socket;
  }

  get readyState() {
    return this.socket ? this.socket.readyState : WebSocket.CLOSED;
  }

  send(data) {
    this.socket.send(data);
  }

  close(code, reason) {
    this.socket.close(code, reason);
  }
}
