// Hand-drawn SVG charts of a relay's status history (no chart library).
// Both take the rows of GET /relays/{url}/history (oldest first) and the window
// [since, until] in unix seconds, and return an <svg> whose data marks carry class "mark".

import { s, fmtTime, fmtUptime } from './util.js';

const DAY = 86400;

const SERIES = [
  { key: 'rtt_open', label: 'open', cls: 'rtt-open' },
  { key: 'rtt_read', label: 'read', cls: 'rtt-read' },
  { key: 'rtt_write', label: 'write', cls: 'rtt-write' },
];

function median(values) {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.ceil(0.5 * sorted.length) - 1]; // nearest rank, as the server computes p50
}

// 0..max -> a round upper bound and a tick step.
function niceScale(max, ticks = 4) {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((m) => m >= raw);
  return { top: Math.ceil(max / step) * step, step };
}

function mmdd(seconds) {
  return new Date(seconds * 1000).toISOString().slice(5, 10);
}

function frame(width, height, label) {
  return s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    class: 'chart',
  }, s('title', {}, label));
}

// Day-boundary ticks along x, at most ~8 labels.
function dayTicks(svg, since, until, x, top, bottom) {
  const firstDay = Math.ceil(since / DAY) * DAY;
  const days = Math.max(1, Math.floor((until - firstDay) / DAY) + 1);
  const every = Math.max(1, Math.ceil(days / 8));
  for (let t = firstDay, i = 0; t <= until; t += DAY, i++) {
    const px = x(t);
    svg.appendChild(s('line', { x1: px, x2: px, y1: top, y2: bottom, class: i % every === 0 ? 'grid grid-day' : 'grid grid-minor' }));
    if (i % every === 0) svg.appendChild(s('text', { x: px, y: bottom + 14, class: 'axis', 'text-anchor': 'middle' }, mmdd(t)));
  }
}

// Round trips over time: the median of each bucket (about 2 h over 30 days) for open,
// read and write, as lines broken where a bucket has no value.
export function rttChart(points, since, until, width = 800) {
  const height = 220;
  const m = { left: 52, right: 12, top: 10, bottom: 26 };
  const span = Math.max(1, until - since);
  const buckets = Math.max(1, Math.min(360, Math.round(span / 300)));
  const size = span / buckets;
  const columns = SERIES.map(() => Array.from({ length: buckets }, () => []));
  for (const p of points) {
    const i = Math.floor((p.checked_at - since) / size);
    if (i < 0 || i >= buckets) continue;
    SERIES.forEach((serie, k) => {
      const v = p[serie.key];
      if (v !== null && v !== undefined && Number.isFinite(Number(v))) columns[k][i].push(Number(v));
    });
  }
  const medians = columns.map((col) => col.map(median));
  const all = medians.flat().filter((v) => v !== null);
  const { top, step } = niceScale(all.length ? Math.max(...all) : 0);
  const x = (t) => m.left + ((t - since) / span) * (width - m.left - m.right);
  const y = (v) => m.top + (1 - v / top) * (height - m.top - m.bottom);
  const summary = SERIES.map((serie, k) => {
    const values = columns[k].flat();
    return values.length ? `${serie.label} median ${median(values)} ms` : null;
  }).filter(Boolean).join(', ');
  const svg = frame(width, height, `Round-trip times from ${fmtTime(since)} to ${fmtTime(until)}: ${summary || 'no round trips measured'}`);

  for (let v = 0; v <= top + 1e-9; v += step) {
    svg.appendChild(s('line', { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: v === 0 ? 'grid grid-zero' : 'grid' }));
    svg.appendChild(s('text', { x: m.left - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, `${Math.round(v)} ms`));
  }
  dayTicks(svg, since, until, x, m.top, height - m.bottom);

  SERIES.forEach((serie, k) => {
    let d = '';
    let run = 0;
    const singles = [];
    medians[k].forEach((v, i) => {
      if (v === null) {
        if (run === 1) singles.push(i - 1);
        run = 0;
        return;
      }
      const px = x(since + (i + 0.5) * size).toFixed(1);
      const py = y(v).toFixed(1);
      d += (run === 0 ? 'M' : 'L') + px + ' ' + py + ' ';
      run++;
    });
    if (run === 1) singles.push(medians[k].length - 1);
    if (d) svg.appendChild(s('path', { d: d.trim(), class: `mark line ${serie.cls}` }, s('title', {}, `${serie.label} (median per ${Math.round(size / 60)} min)`)));
    for (const i of singles) {
      svg.appendChild(s('circle', { cx: x(since + (i + 0.5) * size), cy: y(medians[k][i]), r: 2.5, class: `mark dot ${serie.cls}` }));
    }
  });
  return svg;
}

export const RTT_SERIES = SERIES;

// Daily uptime: one bar per UTC day, split into the shares of checks up (green),
// restricted (amber) and down (red); uptime is the share up or restricted, as the server
// counts it. Days without checks get a thin grey stub.
export function dailyUptime(points, since, until) {
  const first = Math.floor(since / DAY);
  const last = Math.floor((until - 1) / DAY);
  const days = [];
  for (let d = first; d <= last; d++) days.push({ day: d * DAY, up: 0, restricted: 0, down: 0, total: 0 });
  for (const p of points) {
    const i = Math.floor(p.checked_at / DAY) - first;
    if (i < 0 || i >= days.length) continue;
    const status = p.status === 'up' || p.status === 'restricted' ? p.status : 'down';
    days[i][status]++;
    days[i].total++;
  }
  return days;
}

export function uptimeChart(points, since, until, width = 800) {
  const height = 180;
  const m = { left: 44, right: 12, top: 10, bottom: 26 };
  const days = dailyUptime(points, since, until);
  const inner = width - m.left - m.right;
  const slot = inner / days.length;
  const barWidth = Math.max(2, slot * 0.78);
  const plotHeight = height - m.top - m.bottom;
  const y = (share) => m.top + (1 - share) * plotHeight;
  const checked = days.filter((d) => d.total > 0);
  const svg = frame(width, height, `Daily uptime over ${days.length} UTC days: ${checked.length} days with checks`);

  for (const share of [0, 0.5, 1]) {
    svg.appendChild(s('line', { x1: m.left, x2: width - m.right, y1: y(share), y2: y(share), class: share === 0 ? 'grid grid-zero' : 'grid' }));
    svg.appendChild(s('text', { x: m.left - 6, y: y(share) + 4, class: 'axis', 'text-anchor': 'end' }, `${share * 100}%`));
  }
  const every = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((d, i) => {
    const x0 = m.left + i * slot + (slot - barWidth) / 2;
    const group = s('g', { class: 'mark day', 'data-day': mmdd(d.day) });
    if (d.total === 0) {
      group.appendChild(s('rect', { x: x0, y: y(0) - 2, width: barWidth, height: 2, class: 'bar-none' }));
      group.appendChild(s('title', {}, `${new Date(d.day * 1000).toISOString().slice(0, 10)}: no checks`));
    } else {
      const upShare = d.up / d.total;
      const restrictedShare = d.restricted / d.total;
      const downShare = d.down / d.total;
      let base = 0;
      for (const [share, cls] of [[upShare, 'bar-up'], [restrictedShare, 'bar-restricted'], [downShare, 'bar-down']]) {
        if (share <= 0) continue;
        group.appendChild(s('rect', { x: x0, y: y(base + share), width: barWidth, height: Math.max(0.5, share * plotHeight), class: cls }));
        base += share;
      }
      const alive = (d.up + d.restricted) / d.total;
      group.appendChild(s('title', {}, `${new Date(d.day * 1000).toISOString().slice(0, 10)}: ${fmtUptime(alive)} up or restricted `
        + `(${d.total} checks: ${d.up} up, ${d.restricted} restricted, ${d.down} down)`));
    }
    svg.appendChild(group);
    if (i % every === 0) svg.appendChild(s('text', { x: x0 + barWidth / 2, y: height - m.bottom + 14, class: 'axis', 'text-anchor': 'middle' }, mmdd(d.day)));
  });
  return svg;
}
