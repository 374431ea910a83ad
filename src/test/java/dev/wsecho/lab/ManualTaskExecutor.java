package dev.wsecho.lab;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.core.task.AsyncTaskExecutor;

/** An executor that runs nothing by itself, or refuses everything, as a test says. */
final class ManualTaskExecutor implements AsyncTaskExecutor {

	final List<Runnable> pending = new CopyOnWriteArrayList<>();

	/** When set, the executor is full and refuses every task. */
	volatile boolean full;

	@Override
	public void execute(Runnable task) {
		if (this.full) {
			throw new RejectedExecutionException("full");
		}
		this.pending.add(task);
	}

	/** Runs what is pending now; what those tasks submit stays pending. */
	void runPending() {
		List<Runnable> due = List.copyOf(this.pending);
		this.pending.removeAll(due);
		due.forEach(Runnable::run);
	}

}
