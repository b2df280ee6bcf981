// Trends: focus by hour × weekday, the focus-capacity curve with its
// uncertainty, weekly comparison and categories over time.
import { h, card, chartBox, stateBox } from '../dom.js';
import { mount } from '../charts.js';
import { addDays, dayRange } from '../data.js';
import { hourBins, meanCI } from '../metrics.js';
import { workingHours } from './checkins.js';

const RANGES = [4, 12, 26, 52];

/** render loads the range's per-day category chunks and prepares the charts. */
export async function render(app, root, params) {
  const { t, data } = app;
  const weeks = RANGES.includes(+params.w) ? +params.w : 12;
  const end = data.today();
  const keys = Array.from({ length: weeks * 7 }, (_, i) => addDays(end, -(weeks * 7 - 1) + i));
  const days = await data.fetchTrend(keys);
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('nav.trends')),
    h('div', { class: 'seg', role: 'group', 'aria-label': t('trends.range') }, RANGES.map((w) =>
      h('button', { class: w === weeks ? 'on' : '', 'aria-pressed': String(w === weeks), onclick: () => app.go('trends', { w }) }, t('trends.weeks', { n: w }))))));
  const agg = aggregate(app, keys, days);
  if (!agg.totalActive) {
    root.append(stateBox('empty', t('state.noday'), t('state.noday.hint')));
    return;
  }
  root.append(
    card(t('trends.heatmap'), t('trends.heatmap.desc'), chartBox(290, 'heatmap')),
    card(t('trends.capacity'), t('trends.capacity.desc'), chartBox(260, 'capacity'),
      h('p', { class: 'note muted', id: 'capacity-source' }, t('trends.capacity.source.local'))),
    h('div', { class: 'grid2' },
      card(t('trends.weekly'), t('trends.weekly.desc'), chartBox(260, 'weekly')),
      card(t('trends.categories'), t('trends.categories.desc'), chartBox(260, 'cats'))));
  root._agg = { agg, weeks };
}

/** aggregate bins the days into weekday × hour, per-hour shares and weekly totals. */
function aggregate(app, keys, days) {
  const { data } = app;
  const workdays = new Set(workingHours(data.settings).days); // 0 = Sunday
  const focusWH = Array.from({ length: 7 }, () => new Float64Array(24));
  const countW = new Array(7).fill(0);
  const shares = Array.from({ length: 24 }, () => []);
  const weeks = new Map();
  const catSet = new Map();
  let totalActive = 0;
  keys.forEach((k, i) => {
    const [start] = dayRange(k, data.sod);
    const wd = (start.getDay() + 6) % 7; // Monday = 0
    countW[wd]++;
    const bins = hourBins(days[i], data.classes);
    const wk = addDays(k, -wd);
    const w = weeks.get(wk) || { key: wk, focus: 0, active: 0, cats: new Map() };
    for (let hr = 0; hr < 24; hr++) {
      focusWH[wd][hr] += bins.focus[hr];
      w.focus += bins.focus[hr];
      w.active += bins.active[hr];
      if (workdays.has(start.getDay()) && bins.active[hr] >= 300) shares[hr].push(bins.focus[hr] / bins.active[hr]);
    }
    for (const ev of days[i]) {
      const top = ((ev.data || {}).$category || ['Uncategorized'])[0];
      w.cats.set(top, (w.cats.get(top) || 0) + ev.duration);
      catSet.set(top, (catSet.get(top) || 0) + ev.duration);
    }
    totalActive += w.active ? 0 : 0;
    weeks.set(wk, w);
  });
  for (const w of weeks.values()) totalActive += w.active;
  const heat = [];
  for (let d = 0; d < 7; d++) for (let hr = 0; hr < 24; hr++) heat.push([hr, d, countW[d] ? +(focusWH[d][hr] / countW[d] / 60).toFixed(1) : 0]);
  return { heat, countW, capacity: shares.map(meanCI), weeks: [...weeks.values()], cats: [...catSet.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c), totalActive };
}

function capacityFrom(cap) {
  // The native API's 24-hour profile (/api/v1/flow/capacity → day): the
  // posterior mean and credible interval per hour of day.
  const list = cap && cap.day;
  if (!Array.isArray(list) || !list.length) return null;
  const out = Array.from({ length: 24 }, () => null);
  for (const x of list) {
    if (x.hour >= 0 && x.hour < 24 && x.active_windows > 0) out[x.hour] = { mean: x.mean, lo: x.lo, hi: x.hi, n: x.active_windows };
  }
  return out.some(Boolean) ? out : null;
}

/**
 * heatFrom turns the engine's hour-of-week cells (weekday 0 = Sunday; one
 * focus window a minute) into average focus minutes per weekday and hour.
 */
function heatFrom(cap, countW) {
  const week = cap && cap.week;
  if (!Array.isArray(week) || week.length !== 168) return null;
  const out = [];
  for (const c of week) {
    const d = (c.weekday + 6) % 7;
    out.push([c.hour, d, countW[d] ? +(c.focus_windows / countW[d]).toFixed(1) : 0]);
  }
  return out;
}

/** after draws the charts. */
export function after(app, root) {
  const st = root._agg;
  if (!st) return;
  const { t, i18n } = app;
  const { agg } = st;
  const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
  const heatEl = root.querySelector('.heatmap');
  drawHeat(app, heatEl, agg.heat, hours);

  // The local estimate first; the attention-flow engine's curve replaces
  // it when the server has one (it can take a while on a cold cache).
  const capEl = root.querySelector('.capacity');
  drawCapacity(app, capEl, agg.capacity, hours);
  app.api.v1('flow/capacity', { ...app.data.v1params(), days: st.weeks * 7 }).then((res) => {
    const cap = capacityFrom(res);
    if (!cap || !capEl.isConnected) return;
    capEl._dispose && capEl._dispose();
    drawCapacity(app, capEl, cap, hours);
    root.querySelector('#capacity-source').textContent = t('trends.capacity.source.v1');
    const heat = heatFrom(res, agg.countW);
    if (heat) { heatEl._dispose && heatEl._dispose(); drawHeat(app, heatEl, heat, hours); }
  }).catch((e) => console.warn('capacity', e));

  drawWeeks(app, root, agg);
}

function drawHeat(app, el, heat, hours) {
  const { t, i18n } = app;
  const maxHeat = Math.max(1, ...heat.map((x) => x[2]));
  const wds = i18n.weekdays();
  mount(el, {
    grid: { left: 60, right: 20, top: 10, bottom: 60 },
    tooltip: { formatter: (p) => `${wds[p.value[1]]} ${hours[p.value[0]]}:00 · ${i18n.dur(p.value[2] * 60)}` },
    xAxis: { type: 'category', data: hours, splitArea: { show: false }, name: t('hour'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: wds, inverse: true },
    visualMap: { min: 0, max: maxHeat, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 140, itemWidth: 10,
      inRange: { color: ['#f5f1ea', '#cfe3da', '#7fb8a4', '#2f7d6d', '#1b4d43'] }, text: [i18n.dur(maxHeat * 60), '0'] },
    series: [{ type: 'heatmap', data: heat, itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 } }],
  }, t('trends.heatmap'));
}

function drawCapacity(app, el, cap, hours) {
  const { t, i18n } = app;
  const lo = cap.map((c) => (c ? +c.lo.toFixed(3) : null));
  const band = cap.map((c) => (c ? +(c.hi - c.lo).toFixed(3) : null));
  const mean = cap.map((c) => (c ? +c.mean.toFixed(3) : null));
  mount(el, {
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    legend: { data: [t('trends.mean'), t('trends.interval')], top: 0, right: 10 },
    tooltip: { trigger: 'axis', formatter: (ps) => { const i = ps[0].dataIndex; const c = cap[i]; return c ? `${hours[i]}:00<br>${t('trends.mean')}: ${i18n.pct.format(c.mean)}<br>${t('trends.interval')}: ${i18n.pct.format(c.lo)}–${i18n.pct.format(c.hi)} (n=${c.n})` : hours[i] + ':00'; } },
    xAxis: { type: 'category', data: hours, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => i18n.pct.format(v) }, splitLine: { lineStyle: { color: '#ece7dd' } } },
    series: [
      { type: 'line', data: lo, stack: 'ci', lineStyle: { opacity: 0 }, symbol: 'none', silent: true, name: 'lo', connectNulls: false },
      { type: 'line', data: band, stack: 'ci', lineStyle: { opacity: 0 }, symbol: 'none', itemStyle: { color: '#9cc5b6' }, areaStyle: { color: '#2f7d6d', opacity: 0.18 }, name: t('trends.interval') },
      { type: 'line', data: mean, name: t('trends.mean'), smooth: true, symbolSize: 5, lineStyle: { width: 2.5, color: '#2f7d6d' }, itemStyle: { color: '#2f7d6d' } },
    ],
  }, t('trends.capacity'));
}

function drawWeeks(app, root, agg) {
  const { t, i18n } = app;
  const wkLabels = agg.weeks.map((w) => i18n.dateShort.format(dayRange(w.key, 0)[0]));
  mount(root.querySelector('.weekly'), {
    grid: { left: 45, right: 10, top: 30, bottom: 30 },
    legend: { top: 0, right: 10 },
    tooltip: { trigger: 'axis', formatter: (ps) => t('trends.week.of', { d: wkLabels[ps[0].dataIndex] }) + ps.map((p) => `<br>${p.marker}${p.seriesName}: ${i18n.num.format(p.value)}`).join('') },
    xAxis: { type: 'category', data: wkLabels },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: '#ece7dd' } } },
    series: [
      { type: 'bar', name: t('trends.activeHours'), data: agg.weeks.map((w) => +(w.active / 3600).toFixed(1)), itemStyle: { color: '#cfd8e3', borderRadius: [3, 3, 0, 0] } },
      { type: 'bar', name: t('trends.focusHours'), data: agg.weeks.map((w) => +(w.focus / 3600).toFixed(1)), itemStyle: { color: '#2f7d6d', borderRadius: [3, 3, 0, 0] } },
    ],
  }, t('trends.weekly'));

  const cats = agg.cats.slice(0, 8);
  mount(root.querySelector('.cats'), {
    grid: { left: 45, right: 10, top: 50, bottom: 30 },
    legend: { top: 0, type: 'plain' },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: wkLabels },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: '#ece7dd' } } },
    series: cats.map((c) => ({
      type: 'bar', stack: 'c', name: c === 'Uncategorized' ? t('uncategorized') : c,
      itemStyle: { color: app.data.classes.color([c]) },
      data: agg.weeks.map((w) => +((w.cats.get(c) || 0) / 3600).toFixed(1)),
    })),
  }, t('trends.categories'));
}
