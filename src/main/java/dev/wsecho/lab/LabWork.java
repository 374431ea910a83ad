package dev.wsecho.lab;

import java.time.Clock;

import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;

/**
 * What every lab connection schedules its work with: the lab's limits, the timers that
 * run delays and stream ticks, the threads that run bursts (a burst to a slow client may
 * hold its thread while the client reads), and the clock that says when work is due.
 *
 * @param properties the lab's settings
 * @param timers runs delays and stream ticks
 * @param bursts runs bursts
 * @param clock when delays and ticks are due, and what ticks report
 */
record LabWork(LabProperties properties, TaskScheduler timers, AsyncTaskExecutor bursts, Clock clock) {

}
