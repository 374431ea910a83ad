package dev.wsecho.chat;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The threads that carry room events to listeners, whichever room is configured.
 * Deliberately not an {@link Executor} bean, so that Boot's own task executor stays the
 * application's default.
 */
@Component
public final class DeliveryThreads implements DisposableBean {

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	public DeliveryThreads() {
		// A thread stuck on a member that stopped reading is freed when that member is
		// closed, for overflowing or by the send-time limit; until then the others keep
		// the rest of the pool.
		this.executor.setCorePoolSize(8);
		this.executor.setMaxPoolSize(8);
		this.executor.setThreadNamePrefix("chat-delivery-");
		this.executor.initialize();
	}

	public Executor executor() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
