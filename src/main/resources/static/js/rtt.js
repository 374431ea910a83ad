// Round-trip times: matches echoes to sends in order, and keeps the samples for percentiles.

const MAX_PENDING = 1000;
const MAX_SAMPLES = 10000;

function samePayload(a, b) {
  if (typeof a === 'string' || typeof b === 'string') {
    return a === b;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * An echo returns what was sent, in order; the first reply that does not match means the server
 * is no echo, and from then on this connection shows no round-trip times rather than wrong ones.
 */
export class EchoMatcher {
  constructor() {
    this.pending = [];
    this.matching = true;
  }

  sent(payload, at) {
    if (!this.matching) {
      return;
    }
    if (this.pending.length >= MAX_PENDING) {
      this.stop();
      return;
    }
    this.pending.push({ payload, at });
  }

  /** The round-trip time in ms when `payload` is the echo of the oldest unanswered send, else null. */
  received(payload, at) {
    if (!this.matching) {
      return null;
    }
    const next = this.pending.shift();
    if (!next || !samePayload(next.payload, payload)) {
      this.stop();
      return null;
    }
    return at - next.at;
  }

  stop() {
    this.matching = false;
    this.pending = [];
  }
}

/** Nearest-rank percentile of ascending `sorted`; null when there are no samples. */
export function percentile(sorted, p) {
  if (sorted.length === 0) {
    return null;
  }
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The last 10,000 round-trip times, for percentiles; `total` counts all of them. */
export class RttSamples {
  constructor() {
    this.clear();
  }

  add(ms) {
    this.total += 1;
    this.values.push(ms);
    if (this.values.length > MAX_SAMPLES) {
      this.values.shift();
    }
    this.sorted = null;
  }

  clear() {
    this.total = 0;
    this.values = [];
    this.sorted = null;
  }

  get last() {
    return this.values.length ? this.values[this.values.length - 1] : null;
  }

  percentile(p) {
    this.sorted ??= [...this.values].sort((a, b) => a - b);
    return percentile(this.sorted, p);
  }
}

/** "1.3 ms", or "–" without a value. */
export function formatMs(ms) {
  if (ms == null) {
    return '–';
  }
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
