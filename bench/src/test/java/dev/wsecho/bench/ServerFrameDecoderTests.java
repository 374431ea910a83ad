package dev.wsecho.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServerFrameDecoderTests {

	private final Recorder recorder = new Recorder();

	private final ServerFrameDecoder decoder = new ServerFrameDecoder(this.recorder);

	@Test
	void decodesAnUnmaskedTextFrame() throws Exception {
		this.decoder.decode(ByteBuffer.wrap(frame(true, 0x1, "Hello")));

		assertThat(this.recorder.events).containsExactly("start text", "message Hello");
	}

	@Test
	void reassemblesFragmentsWithAPingBetweenThemFedOneByteAtATime() throws Exception {
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(frame(false, 0x1, "Hel"));
		stream.writeBytes(frame(true, 0x9, "are you there"));
		stream.writeBytes(frame(false, 0x0, "l"));
		stream.writeBytes(frame(true, 0x0, "o"));

		for (byte b : stream.toByteArray()) {
			this.decoder.decode(ByteBuffer.wrap(new byte[] { b }));
		}

		assertThat(this.recorder.events).containsExactly("start text", "control 9 are you there", "message Hello");
	}

	@Test
	void decodesSixteenAndSixtyFourBitLengths() throws Exception {
		String medium = "m".repeat(300);
		String large = "L".repeat(70_000);
		ByteArrayOutputStream stream = new ByteArrayOutputStream();
		stream.writeBytes(frame(true, 0x2, medium));
		stream.writeBytes(frame(true, 0x2, large));

		this.decoder.decode(ByteBuffer.wrap(stream.toByteArray()));

		assertThat(this.recorder.events).containsExactly("start binary", "message " + medium, "start binary",
				"message " + large);
	}

	@Test
	void passesCloseFramesWithTheirCode() throws Exception {
		this.decoder.decode(ByteBuffer.wrap(new byte[] { (byte) 0x88, 0x02, 0x03, (byte) 0xE8 }));

		assertThat(this.recorder.controls).containsExactly(1000);
	}

	@Test
	void refusesMaskedFramesFromTheServer() {
		assertViolation(new byte[] { (byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x' }, "masked");
	}

	@Test
	void refusesContinuationOutsideAMessage() {
		assertViolation(frame(true, 0x0, "x"), "continuation");
	}

	@Test
	void refusesANewMessageBeforeTheLastEnded() {
		byte[] first = frame(false, 0x1, "a");
		byte[] second = frame(true, 0x1, "b");
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);

		assertViolation(both, "before the previous");
	}

	@Test
	void refusesFragmentedControlFrames() {
		assertViolation(frame(false, 0x9, "ping"), "control");
	}

	@Test
	void refusesReservedBitsAndOpcodes() {
		assertViolation(new byte[] { (byte) 0xC1, 0x00 }, "reserved bits");
		assertViolation(new byte[] { (byte) 0x83, 0x00 }, "reserved data opcode");
	}

	private void assertViolation(byte[] bytes, String message) {
		ServerFrameDecoder fresh = new ServerFrameDecoder(new Recorder());
		assertThatExceptionOfType(ServerFrameDecoder.ProtocolViolation.class)
			.isThrownBy(() -> fresh.decode(ByteBuffer.wrap(bytes)))
			.withMessageContaining(message);
	}

	/** A server frame: unmasked, with the shortest length form. */
	private static byte[] frame(boolean fin, int opcode, String text) {
		byte[] payload = text.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer frame = ByteBuffer.allocate(payload.length + 10);
		frame.put((byte) ((fin ? 0x80 : 0) | opcode));
		if (payload.length < 126) {
			frame.put((byte) payload.length);
		}
		else if (payload.length < 65536) {
			frame.put((byte) 126).putShort((short) payload.length);
		}
		else {
			frame.put((byte) 127).putLong(payload.length);
		}
		frame.put(payload).flip();
		byte[] bytes = new byte[frame.remaining()];
		frame.get(bytes);
		return bytes;
	}

	private static final class Recorder implements ServerFrameDecoder.Listener {

		private final List<String> events = new ArrayList<>();

		private final List<Integer> controls = new ArrayList<>();

		private final StringBuilder message = new StringBuilder();

		@Override
		public void onMessageStart(int opcode) {
			this.events.add((opcode == 1) ? "start text" : "start binary");
			this.message.setLength(0);
		}

		@Override
		public void onMessageData(ByteBuffer buffer, int position, int length) {
			for (int i = 0; i < length; i++) {
				this.message.append((char) buffer.get(position + i));
			}
		}

		@Override
		public void onMessageEnd() {
			this.events.add("message " + this.message);
		}

		@Override
		public void onControl(int opcode, byte[] payload, int length) {
			this.events.add("control " + opcode + " " + new String(payload, 0, length, StandardCharsets.US_ASCII));
			if (opcode == 8 && length >= 2) {
				this.controls.add(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
			}
		}

	}

}
