package dev.wsecho.sse;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How every event stream of this server ends: the one place that ties a stream's own work
 * (a timer, a room subscription) to the emitter's end, however it comes.
 */
public final class SseStreams {

	private SseStreams() {
	}

	/**
	 * Runs {@code stop} when the stream ends by completion, timeout or error, then
	 * {@code closed} once; a stream that times out is completed.
	 */
	public static void whenEnded(SseEmitter emitter, Runnable stop, Runnable closed) {
		// Spring runs the completion callback last in every case: completion, timeout or
		// error.
		emitter.onCompletion(() -> {
			stop.run();
			closed.run();
		});
		emitter.onTimeout(() -> {
			stop.run();
			emitter.complete();
		});
		emitter.onError((ex) -> stop.run());
	}

}
