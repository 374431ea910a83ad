package dev.wsecho.sse;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Opens tick streams: a {@code tick} event with a sequence number and the server's time
 * every {@code tick-interval}, on one shared timer that is cancelled with the stream.
 */
@Component
class TickEmitters implements DisposableBean {

	private static final Log logger = LogFactory.getLog(TickEmitters.class);

	private final SseProperties properties;

	private final Clock clock = Clock.systemUTC();

	// Not a bean, so that Boot's own task executor and scheduler stay the application's
	// defaults.
	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final AtomicInteger open = new AtomicInteger();

	TickEmitters(SseProperties properties) {
		this.properties = properties;
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("sse-ticks-");
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler.initialize();
	}

	SseEmitter open() {
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		AtomicLong seq = new AtomicLong();
		AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
		ScheduledFuture<?> task = this.scheduler.scheduleAtFixedRate(() -> {
			long n = seq.incrementAndGet();
			Map<String, Object> tick = new LinkedHashMap<>();
			tick.put("seq", n);
			tick.put("serverTime", this.clock.instant().toString());
			try {
				SseEmitter.SseEventBuilder event = SseEmitter.event()
					.name("tick")
					.id(Long.toString(n))
					.data(tick, MediaType.APPLICATION_JSON);
				if (n == 1) {
					event.reconnectTime(this.properties.retry().toMillis());
				}
				emitter.send(event);
			}
			catch (IOException | IllegalStateException ex) {
				// The reader went away; its stream is over. Jetty, unlike Tomcat, does
				// not report a failed write to the request's listeners, so the stream is
				// ended here.
				logger.debug("Tick not sent, ending the stream: " + ex);
				ScheduledFuture<?> running = self.get();
				if (running != null) {
					running.cancel(false);
				}
				emitter.completeWithError(ex);
			}
		}, this.properties.tickInterval());
		self.set(task);
		logger.info("Opened a tick stream (" + this.open.incrementAndGet() + " open)");
		SseStreams.whenEnded(emitter, () -> task.cancel(false), () -> logger
			.info("Closed a tick stream after " + seq.get() + " ticks (" + this.open.decrementAndGet() + " open)"));
		return emitter;
	}

	/** How many tick streams are open now. */
	int openStreams() {
		return this.open.get();
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
