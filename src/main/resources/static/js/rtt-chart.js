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

  /** Adds sample number `n` and redraws the p50 and p99 lines at their current values. */
  add(n, ms, p50, p99) {
    const [xs, rtts] = this.data;
    xs.push(n);
    rtts.push(ms);
    if (xs.length > POINTS) {
      xs.shift();
      rtts.shift();
    }
    this.data = [xs, rtts, xs.map(() => p50), xs.map(() => p99)];
    this.plot.setData(this.data);
  }

  clear() {
    this.data = [[], [], [], []];
    this.plot.setData(this.data);
  }
}
