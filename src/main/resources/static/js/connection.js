// One WebSocket at a time, reported through callbacks so the page only reacts to events.

export class Connection {
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
  }

  /** Opens a socket; throws the constructor's SyntaxError for a URL or subprotocol it refuses. */
  open(url, protocols = [], binaryType = 'blob') {
    const socket = new WebSocket(url, protocols);
    socket.binaryType = binaryType;
    const session = { opened: false, byUser: false };
    socket.addEventListener('open', () => {
      session.opened = true;
      this.handlers.onOpen(socket);
    });
    // Stamped on arrival: a Blob is read later, and that wait is not part of the round trip.
    socket.addEventListener('message', (event) => this.handlers.onMessage(event.data, performance.now()));
    // The browser hides why a socket failed; whether it ever opened is all we can tell.
    socket.addEventListener('error', () => this.handlers.onError(socket, session.opened));
    socket.addEventListener('close', (event) => {
      if (this.socket === socket) {
        this.session = null;
      }
      this.handlers.onClose(event, session);
    });
    this.socket = socket;
    this.session = session;
    return socket;
  }

  get readyState() {
    return this.socket ? this.socket.readyState : WebSocket.CLOSED;
  }

  set binaryType(type) {
    if (this.socket) {
      this.socket.binaryType = type;
    }
  }

  send(data) {
    this.socket.send(data);
  }

  /** Closes at the user's request, which auto-reconnect must respect. */
  close(code, reason) {
    if (this.session) {
      this.session.byUser = true;
    }
    this.socket.close(code, reason);
  }
}
