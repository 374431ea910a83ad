package dev.wsecho.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a Server-Sent Events stream with the JDK's HTTP client, line by line on a thread
 * of its own, and hands out whole events; every wait is bounded.
 */
public final class SseTestClient implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WebSocketTestClient.TIMEOUT).build();

	private static final String END = new String("end of stream");

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final HttpResponse<InputStream> response;

	private SseTestClient(HttpResponse<InputStream> response) {
		this.response = response;
		Thread reader = new Thread(this::read, "sse-test-reader");
		reader.setDaemon(true);
		reader.start();
	}

	/** Opens the stream at {@code uri} with the given request headers. */
	public static SseTestClient open(URI uri, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
		headers.forEach(request::header);
		HttpResponse<InputStream> response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
			.get(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return new SseTestClient(response);
	}

	public HttpResponse<InputStream> response() {
		return this.response;
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// Closed by close(), or by the server.
		}
		finally {
			this.lines.add(END);
		}
	}

	/**
	 * The next event with data, skipping comments and events with none (such as
	 * {@code retry:} alone).
	 */
	public Event next() throws InterruptedException {
		String id = null;
		String name = "message";
		StringBuilder data = null;
		while (true) {
			String line = this.lines.poll(WebSocketTestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(line).as("a line within %s", WebSocketTestClient.TIMEOUT).isNotNull();
			assertThat(line).as("the stream still open").isNotSameAs(END);
			if (line.isEmpty()) {
				if (data != null) {
					return new Event(id, name, data.toString());
				}
				id = null;
				name = "message";
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
			switch (field) {
				case "id" -> id = value;
				case "event" -> name = value;
				case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				default -> {
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.response.body().close();
	}

	/** One event: its {@code id:} (or {@code null}), {@code event:} name and data. */
	public record Event(String id, String name, String data) {
	}

}
