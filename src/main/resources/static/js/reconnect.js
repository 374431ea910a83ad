// Auto-reconnect: when to retry, exponential backoff with jitter, counted attempts, and a countdown to show.

export const MAX_DELAY_MS = 30000;
export const JITTER = 0.2;

/** min(30 s, base × 2^(attempt−1)), spread by up to ±20 % so that many clients do not retry in step. */
export function backoffDelay(attempt, baseMs, random = Math.random) {
  const capped = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(capped * (1 + JITTER * (2 * random() - 1)));
}

/**
 * Whether a close calls for another attempt: only with auto-reconnect on, never after the user's
 * own Disconnect, and then after an attempt that never opened or a close other than 1000.
 */
export function shouldReconnect({ enabled, opened, byUser, code }) {
  return Boolean(enabled) && !byUser && (!opened || code !== 1000);
}

export class Reconnector {
  constructor(onRetry, { now = () => Date.now(), random = Math.random } = {}) {
    this.onRetry = onRetry;
    this.now = now;
    this.random = random;
    this.attempt = 0;
    this.maxAttempts = 0;
    this.timer = null;
    this.dueAt = 0;
  }

  /** Schedules the next attempt and returns its delay, or null when `maxAttempts` are used up. */
  schedule({ baseMs, maxAttempts }) {
    this.cancelTimer();
    if (this.attempt >= maxAttempts) {
      this.attempt = 0;
      return null;
    }
    this.attempt += 1;
    this.maxAttempts = maxAttempts;
    const delay = backoffDelay(this.attempt, baseMs, this.random);
    this.dueAt = this.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onRetry(this.attempt);
    }, delay);
    return delay;
  }

  get waiting() {
    return this.timer !== null;
  }

  /** An attempt is counting down or connecting. */
  get active() {
    return this.attempt > 0;
  }

  get remainingMs() {
    return this.waiting ? Math.max(0, this.dueAt - this.now()) : 0;
  }

  /** A connection opened: the next failure starts again from the first delay. */
  reset() {
    this.cancelTimer();
    this.attempt = 0;
  }

  cancelTimer() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}
