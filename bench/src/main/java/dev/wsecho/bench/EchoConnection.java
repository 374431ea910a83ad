package dev.wsecho.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;

/**
 * One non-blocking WebSocket client connection owned by one {@link EventLoop}: it
 * connects, does the handshake, sends masked benchmark messages, checks each echo against
 * what it sent (first in, first out), answers pings, and closes with the close handshake.
 * Nothing is allocated per message.
 */
final class EchoConnection implements ServerFrameDecoder.Listener {

	enum State {

		NEW, CONNECTING, HANDSHAKE, OPEN, CLOSING, DEAD

	}

	private final int id;

	private final EventLoop loop;

	private final Tally tally;

	private final Payloads payloads;

	private final int opcode;

	private final ServerFrameDecoder decoder = new ServerFrameDecoder(this);

	private ByteBuffer out;

	/**
	 * Send times of the messages in flight, oldest at {@code head}; a power of two long.
	 */
	private final long[] sendTimes;

	private int head;

	private int inFlight;

	private long sendSequence;

	private long receiveSequence;

	private State state = State.NEW;

	private SocketChannel channel;

	private SelectionKey key;

	private int interest;

	private boolean dirty;

	private Handshake handshake;

	private final byte[] responseHead = new byte[8192];

	private int responseHeadLength;

	/** The message being received: wrong so far, and bytes received so far. */
	private boolean bad;

	private int received;

	/** When the bytes being parsed arrived. */
	private long now;

	/** Churn: when the session began (the connect). */
	private long startedAt;

	/** The code of the server's close frame, -1 before one arrives. */
	private int closeCode = -1;

	EchoConnection(int id, EventLoop loop, Tally tally, Payloads payloads, boolean binary, int maxInFlight) {
		this.id = id;
		this.loop = loop;
		this.tally = tally;
		this.payloads = payloads;
		this.opcode = binary ? ClientFrames.BINARY : ClientFrames.TEXT;
		this.sendTimes = new long[Integer.highestOneBit(Math.max(1, maxInFlight - 1)) << 1];
		this.out = ByteBuffer.allocateDirect(
				Math.min(4 * 1024 * 1024, Math.max(1024, maxInFlight * (payloads.size() + ClientFrames.MAX_HEADER))));
	}

	State state() {
		return this.state;
	}

	int inFlight() {
		return this.inFlight;
	}

	long startedAt() {
		return this.startedAt;
	}

	/** The code of the server's close frame; -1 if none came (or it had no code). */
	int closeCode() {
		return this.closeCode;
	}

	void connect() {
		this.startedAt = System.nanoTime();
		try {
			this.channel = SocketChannel.open();
			this.channel.configureBlocking(false);
			this.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			InetSocketAddress source = this.loop.source(this.id);
			if (source != null) {
				this.channel.bind(source);
			}
			this.key = this.channel.register(this.loop.selector(), 0, this);
			if (this.channel.connect(this.loop.target().address())) {
				connected();
			}
			else {
				this.state = State.CONNECTING;
				interest(SelectionKey.OP_CONNECT);
			}
		}
		catch (IOException ex) {
			fail(Failure.CONNECT);
		}
	}

	void onReady(int readyOps, long now) {
		if (this.state == State.CONNECTING && (readyOps & SelectionKey.OP_CONNECT) != 0) {
			try {
				if (this.channel.finishConnect()) {
					connected();
				}
			}
			catch (IOException ex) {
				fail(Failure.CONNECT);
			}
			return;
		}
		if ((readyOps & SelectionKey.OP_READ) != 0) {
			read(now);
		}
		if (this.state != State.DEAD && (readyOps & SelectionKey.OP_WRITE) != 0) {
			flush();
		}
	}

	/**
	 * Queues one benchmark message stamped {@code sendTime}; false if too many are in
	 * flight.
	 */
	boolean send(long sendTime) {
		if (this.inFlight == this.sendTimes.length) {
			this.tally.skipped++;
			return false;
		}
		int size = this.payloads.size();
		room(size + ClientFrames.MAX_HEADER);
		ClientFrames.put(this.out, this.opcode, this.payloads.pattern(), Payloads.offset(this.id, this.sendSequence),
				size, this.loop.nextMask());
		this.sendTimes[(this.head + this.inFlight) & (this.sendTimes.length - 1)] = sendTime;
		this.inFlight++;
		this.sendSequence++;
		this.tally.sent++;
		this.loop.sent();
		markDirty();
		return true;
	}

	/**
	 * Starts the close handshake (1000); the connection is done when the server answers.
	 */
	void close() {
		if (this.state != State.OPEN) {
			return;
		}
		control(ClientFrames.CLOSE, new byte[] { 0x03, (byte) 0xE8 }, 2);
		this.state = State.CLOSING;
	}

	/** Messages still in flight are lost: counts them and forgets them. */
	void abandonInFlight() {
		this.tally.lost += this.inFlight;
		this.loop.forget(this.inFlight);
		this.inFlight = 0;
	}

	/** Closes the socket now, whatever the state; the close handshake had its chance. */
	void terminate() {
		if (this.state == State.NEW) {
			this.tally.connectFailures++;
		}
		else if (this.state == State.CONNECTING || this.state == State.HANDSHAKE) {
			fail(Failure.CONNECT);
			return;
		}
		die();
	}

	void flush() {
		this.dirty = false;
		if (this.state == State.DEAD) {
			return;
		}
		if (this.out.position() == 0) {
			interest(SelectionKey.OP_READ);
			return;
		}
		this.out.flip();
		try {
			this.channel.write(this.out);
		}
		catch (IOException ex) {
			this.out.clear();
			fail(Failure.IO);
			return;
		}
		boolean pending = this.out.hasRemaining();
		this.out.compact();
		interest(pending ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
	}

	@Override
	public void onMessageStart(int opcode) {
		if (this.state == State.DEAD) {
			return;
		}
		this.bad = opcode != this.opcode || this.inFlight == 0;
		this.received = 0;
	}

	@Override
	public void onMessageData(ByteBuffer buffer, int position, int length) {
		if (this.state == State.DEAD) {
			return;
		}
		if (!this.bad
				&& !this.payloads.matches(buffer, position, length, this.id, this.receiveSequence, this.received)) {
			this.bad = true;
		}
		this.received += length;
	}

	@Override
	public void onMessageEnd() {
		if (this.state == State.DEAD) {
			return;
		}
		if (this.inFlight == 0) {
			this.tally.unsolicited++;
			return;
		}
		long sentAt = this.sendTimes[this.head];
		this.head = (this.head + 1) & (this.sendTimes.length - 1);
		this.inFlight--;
		this.receiveSequence++;
		if (this.bad || this.received != this.payloads.size()) {
			this.tally.mismatches++;
		}
		this.loop.echoed(this, sentAt, this.now);
	}

	@Override
	public void onControl(int opcode, byte[] payload, int length) {
		if (this.state == State.DEAD) {
			return;
		}
		if (opcode == ClientFrames.PING) {
			control(ClientFrames.PONG, payload, length);
		}
		else if (opcode == ClientFrames.CLOSE) {
			if (this.state == State.CLOSING) {
				this.closeCode = (length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
				die();
			}
			else {
				// The server ended a connection still in use: answer as the protocol
				// asks, then count it.
				control(ClientFrames.CLOSE, payload, Math.min(length, 2));
				flush();
				fail(Failure.PEER_CLOSED);
			}
		}
	}

	private void connected() {
		this.state = State.HANDSHAKE;
		this.handshake = new Handshake(this.loop.random());
		byte[] request = this.handshake.request(this.loop.target());
		room(request.length);
		this.out.put(request);
		flush();
	}

	private void read(long now) {
		this.now = now;
		// The loop's buffer: everything read is parsed (and checked) before the next
		// connection reads.
		ByteBuffer in = this.loop.readBuffer();
		in.clear();
		int n;
		try {
			n = this.channel.read(in);
		}
		catch (IOException ex) {
			fail((this.state == State.CLOSING) ? Failure.NONE : Failure.IO);
			return;
		}
		if (n < 0) {
			fail((this.state == State.CLOSING) ? Failure.NONE
					: (this.state == State.HANDSHAKE) ? Failure.CONNECT : Failure.PEER_CLOSED);
			return;
		}
		in.flip();
		if (this.state == State.HANDSHAKE && !readResponseHead(in)) {
			return;
		}
		try {
			this.decoder.decode(in);
		}
		catch (ServerFrameDecoder.ProtocolViolation ex) {
			this.loop.report("connection " + this.id + ": " + ex.getMessage());
			fail(Failure.PROTOCOL);
		}
	}

	/**
	 * Collects the handshake response; true once the connection is open and bytes may
	 * follow.
	 */
	private boolean readResponseHead(ByteBuffer in) {
		while (in.hasRemaining()) {
			if (this.responseHeadLength == this.responseHead.length) {
				this.loop.report("connection " + this.id + ": handshake response over 8 KiB");
				fail(Failure.CONNECT);
				return false;
			}
			this.responseHead[this.responseHeadLength++] = in.get();
			int n = this.responseHeadLength;
			if (n >= 4 && this.responseHead[n - 4] == '\r' && this.responseHead[n - 3] == '\n'
					&& this.responseHead[n - 2] == '\r' && this.responseHead[n - 1] == '\n') {
				String problem = this.handshake
					.check(new String(this.responseHead, 0, n - 4, StandardCharsets.ISO_8859_1));
				if (problem != null) {
					this.loop.report("connection " + this.id + ": " + problem);
					fail(Failure.CONNECT);
					return false;
				}
				this.state = State.OPEN;
				this.tally.opened++;
				this.loop.opened(this, this.now);
				return true;
			}
		}
		return false;
	}

	private void control(int opcode, byte[] payload, int length) {
		room(length + ClientFrames.MAX_HEADER);
		ClientFrames.put(this.out, opcode, payload, length, this.loop.nextMask());
		markDirty();
	}

	private void markDirty() {
		if (!this.dirty) {
			this.dirty = true;
			this.loop.markDirty(this);
		}
	}

	/**
	 * Grows the output buffer if it lacks {@code bytes} of room; only while load builds
	 * up.
	 */
	private void room(int bytes) {
		if (this.out.remaining() >= bytes) {
			return;
		}
		ByteBuffer larger = ByteBuffer.allocateDirect(Math.max(2 * this.out.capacity(), this.out.position() + bytes));
		this.out.flip();
		larger.put(this.out);
		this.out = larger;
	}

	private void interest(int ops) {
		if (this.interest != ops && this.key.isValid()) {
			this.interest = ops;
			this.key.interestOps(ops);
		}
	}

	private enum Failure {

		NONE, CONNECT, IO, PROTOCOL, PEER_CLOSED

	}

	private void fail(Failure failure) {
		switch (failure) {
			case CONNECT -> this.tally.connectFailures++;
			case IO -> this.tally.ioErrors++;
			case PROTOCOL -> this.tally.protocolErrors++;
			case PEER_CLOSED -> this.tally.peerClosed++;
			case NONE -> {
			}
		}
		die();
	}

	private void die() {
		if (this.state == State.DEAD) {
			return;
		}
		State was = this.state;
		this.state = State.DEAD;
		abandonInFlight();
		if (this.key != null) {
			this.key.cancel();
		}
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// Closing a socket that failed already: nothing left to lose.
			}
		}
		this.loop.closed(this, was);
	}

}
