package dev.wsecho.connection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;

import dev.wsecho.transport.Utf8Text;

/**
 * The message and byte counters of one endpoint ({@code wsecho.messages},
 * {@code wsecho.bytes}, tagged endpoint, direction and type), created once so counting
 * costs no lookup per message. A message counts once, when its last part passes; its
 * bytes count as each part passes.
 */
final class EndpointMeters {

	private final Direction in;

	private final Direction out;

	EndpointMeters(MeterRegistry registry, String endpoint) {
		this.in = new Direction(registry, endpoint, "in");
		this.out = new Direction(registry, endpoint, "out");
	}

	void received(WebSocketMessage<?> message) {
		this.in.count(message);
	}

	void sent(WebSocketMessage<?> message) {
		this.out.count(message);
	}

	private static final class Direction {

		private final Counter textMessages;

		private final Counter textBytes;

		private final Counter binaryMessages;

		private final Counter binaryBytes;

		Direction(MeterRegistry registry, String endpoint, String direction) {
			this.textMessages = messages(registry, endpoint, direction, "text");
			this.textBytes = bytes(registry, endpoint, direction, "text");
			this.binaryMessages = messages(registry, endpoint, direction, "binary");
			this.binaryBytes = bytes(registry, endpoint, direction, "binary");
		}

		private static Counter messages(MeterRegistry registry, String endpoint, String direction, String type) {
			return Counter.builder("wsecho.messages")
				.description("WebSocket data messages")
				.tags("endpoint", endpoint, "direction", direction, "type", type)
				.register(registry);
		}

		private static Counter bytes(MeterRegistry registry, String endpoint, String direction, String type) {
			return Counter.builder("wsecho.bytes")
				.description("WebSocket payload bytes (text as UTF-8)")
				.baseUnit("bytes")
				.tags("endpoint", endpoint, "direction", direction, "type", type)
				.register(registry);
		}

		void count(WebSocketMessage<?> message) {
			if (message instanceof TextMessage text) {
				this.textBytes.increment(Utf8Text.length(text.getPayload()));
				if (text.isLast()) {
					this.textMessages.increment();
				}
			}
			else if (message instanceof BinaryMessage binary) {
				this.binaryBytes.increment(binary.getPayloadLength());
				if (binary.isLast()) {
					this.binaryMessages.increment();
				}
			}
		}

	}

}
