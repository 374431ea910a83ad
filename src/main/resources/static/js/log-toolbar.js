// The log's toolbar: kind filter, search, clear (also Ctrl/Cmd+K), copy, export, and the notices of what is not shown.

import { formatBytes } from './bytes.js';
import { exportFileName, toJsonLines, toText } from './log-export.js';

const FEEDBACK_MS = 4000;
const plural = (count, one, many) => `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

export class LogToolbar {
  constructor(root, log) {
    this.log = log;
    const $ = (id) => root.getElementById(id);
    this.kinds = root.querySelectorAll('input[name="log-kind"]');
    this.search = $('log-search');
    this.exportLink = $('export-link');
    this.dropped = $('log-dropped');
    this.hidden = $('log-hidden');
    this.feedbackElement = $('log-feedback');
    this.feedbackTimer = null;

    log.onChange = () => this.renderNotices();
    this.kinds.forEach((box) => box.addEventListener('change', () => this.applyFilter()));
    // 'change' as well: clearing the field programmatically fires no 'input'.
    ['input', 'change'].forEach((type) => this.search.addEventListener(type, () => this.applyFilter()));
    $('clear-log').addEventListener('click', () => this.clear());
    $('copy-log').addEventListener('click', () => this.copy());
    $('export-log').addEventListener('click', () => this.export());
    root.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        this.clear();
      }
    });
    this.renderNotices();
  }

  applyFilter() {
    this.log.setFilter({
      kinds: [...this.kinds].filter((box) => box.checked).map((box) => box.value),
      query: this.search.value,
    });
  }

  clear() {
    this.log.clear();
    this.feedback('Log cleared.');
  }

  async copy() {
    const count = this.log.records.length;
    try {
      await navigator.clipboard.writeText(toText(this.log.records));
      this.feedback(`Copied ${plural(count, 'entry', 'entries')}.`);
    } catch (error) {
      // Denied permission or no clipboard (plain http on another host): say so, keep the log.
      this.feedback(`Could not copy: ${error.message}`);
    }
  }

  export() {
    const blob = new Blob([toJsonLines(this.log.records)], { type: 'application/x-ndjson' });
    if (this.exportLink.href.startsWith('blob:')) {
      URL.revokeObjectURL(this.exportLink.href);
    }
    this.exportLink.href = URL.createObjectURL(blob);
    this.exportLink.download = exportFileName();
    this.exportLink.click();
    this.feedback(`Exported ${plural(this.log.records.length, 'entry', 'entries')} (${formatBytes(blob.size)}) as ${this.exportLink.download}.`);
  }

  feedback(message) {
    this.feedbackElement.textContent = message;
    clearTimeout(this.feedbackTimer);
    this.feedbackTimer = setTimeout(() => { this.feedbackElement.textContent = ''; }, FEEDBACK_MS);
  }

  /** Says how many entries were dropped over the limit and how many the filter hides: nothing goes silently. */
  renderNotices() {
    const { dropped, limit, records } = this.log;
    this.dropped.textContent = dropped
      ? `${plural(dropped, 'older entry', 'older entries')} dropped: the log keeps the newest ${limit.toLocaleString('en')}.`
      : '';
    this.dropped.hidden = !dropped;
    const hidden = this.log.hiddenCount;
    this.hidden.textContent = hidden ? `${hidden.toLocaleString('en')} of ${plural(records.length, 'entry', 'entries')} hidden by the filter.` : '';
    this.hidden.hidden = !hidden;
  }
}
