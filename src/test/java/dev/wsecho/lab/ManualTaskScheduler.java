package dev.wsecho.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A scheduler that runs nothing by itself: a test sees what was scheduled, for when and
 * how often, and runs it when it likes.
 */
final class ManualTaskScheduler implements TaskScheduler {

	final List<Task> scheduled = new CopyOnWriteArrayList<>();

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return add(new Task(task, startTime, null));
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return add(new Task(task, startTime, period));
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private Task add(Task task) {
		this.scheduled.add(task);
		return task;
	}

	/** The tasks neither cancelled nor, for one-shot tasks, run. */
	List<Task> pending() {
		return this.scheduled.stream().filter((task) -> !task.isDone()).toList();
	}

	/**
	 * One scheduled task; {@link #run()} runs it once, as the scheduler would when it is
	 * due.
	 */
	static final class Task implements ScheduledFuture<Object> {

		final Instant startTime;

		/** Between runs of a fixed-rate task; {@code null} for a task that runs once. */
		final Duration period;

		private final Runnable work;

		private volatile boolean ran;

		private volatile boolean cancelled;

		Task(Runnable work, Instant startTime, Duration period) {
			this.work = work;
			this.startTime = startTime;
			this.period = period;
		}

		/** Runs the task unless it is cancelled or, running once, has already run. */
		void run() {
			if (isDone()) {
				return;
			}
			this.ran = true;
			this.work.run();
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			if (isDone()) {
				return false;
			}
			this.cancelled = true;
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.cancelled || (this.period == null && this.ran);
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public long getDelay(TimeUnit unit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int compareTo(Delayed other) {
			throw new UnsupportedOperationException();
		}

	}

}
