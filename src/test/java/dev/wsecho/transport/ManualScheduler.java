package dev.wsecho.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A scheduler that runs nothing by itself: a test sees what is pending and runs it when
 * it likes.
 */
final class ManualScheduler extends AbstractLifeCycle implements Scheduler {

	final List<Runnable> pending = new CopyOnWriteArrayList<>();

	@Override
	public Task schedule(Runnable task, long delay, TimeUnit units) {
		this.pending.add(task);
		return () -> this.pending.remove(task);
	}

	/** Runs what is pending now; what those tasks schedule stays pending. */
	void runPending() {
		List<Runnable> due = List.copyOf(this.pending);
		this.pending.removeAll(due);
		due.forEach(Runnable::run);
	}

}
