// The live round-trip chart: the last samples with p50 and p99 drawn across, by uPlot from its webjar.

import uPlot from '../webjars/uplot/dist/uPlot.esm.js';

const POINTS = 120;
const HEIGHT = 150;

function cssColor(root, name) {
  return getComputedStyle(root).getPropertyValue(name).trim();
}

export class RttChart {
  constructor(root) {
    this.root = root;
    this.data = [[], [], [], []];
    this.plot = null;
    this.shownValues = null;
    this.shownTotal = 0;
    this.build();
    // Colours come from the page's CSS variables, so a light/dark switch redraws with the new ones.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.build());
    new ResizeObserver(() => {
      if (this.plot && this.root.clientWidth > 0 && this.root.clientWidth !== this.plot.width) {
        this.plot.setSize({ width: this.root.clientWidth, height: HEIGHT });
      }
    }).observe(root);
  }

  build() {
    this.plot?.destroy();
    const text = cssColor(this.root, '--muted');
    const grid = cssColor(this.root, '--border');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    this.plot = new uPlot({
      width: Math.max(this.root.clientWidth, 200),
      height: HEIGHT,
      scales: { x: { time: false }, y: { range: (u, min, max) => [0, Math.max(1, max * 1.15)] } },
      legend: { show: false },
      cursor: { show: false },
      axes: [
        // Sample numbers are whole: no tick at 1.5.
        { ...axis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] },
        { ...axis, size: 56, values: (u, ticks) => ticks.map((v) => `${+v.toFixed(2)} ms`) },
      ],
      series: [
        {},
        { label: 'RTT', stroke: cssColor(this.root, '--accent'), width: 1.5, points: { show: false } },
        { label: 'p50', stroke: cssColor(this.root, '--received'), width: 1, dash: [4, 4], points: { show: false } },
        { label: 'p99', stroke: cssColor(this.root, '--error'), width: 1, dash: [4, 4], points: { show: false } },
      ],
    }, this.data, this.root);
  }

  /** Shows the newest samples of `samples` (an RttSamples) with its p50 and p99 across; redraws only when they changed. */
  render(samples) {
    // clear() gives the samples a new array, so a cleared and refilled set is not taken for the one shown.
    if (samples.values === this.shownValues && samples.total === this.shownTotal) {
      return;
    }
    this.shownValues = samples.values;
    this.shownTotal = samples.total;
    const rtts = samples.values.slice(-POINTS);
    const first = samples.total - rtts.length + 1;
    const xs = rtts.map((_, index) => first + index);
    const p50 = samples.percentile(50);
    const p99 = samples.percentile(99);
    this.data = [xs, rtts, xs.map(() => p50), xs.map(() => p99)];
    this.plot.setData(this.data);
  }
}
