// Today / any day: the day's timeline in lanes and its key numbers against
// the person's own recent baseline.
import { h, card, chartBox, stateBox, esc } from '../dom.js';
import { mount } from '../charts.js';
import { addDays, dayRange } from '../data.js';
import { baseline, totals, catName } from '../metrics.js';
import { stateLane } from './states.js';

const BASELINE_DAYS = 14;
const LANES = ['app', 'category', 'afk', 'input', 'state', 'sessions'];

/** render draws the day view for params.d (default: today). */
export async function render(app, root, params) {
  const { t, i18n, data } = app;
  const key = /^\d{4}-\d{2}-\d{2}$/.test(params.d || '') ? params.d : data.today();
  const [range0, range1] = dayRange(key, data.sod);
  const [[day], states] = await Promise.all([
    data.fetchDays([key]),
    app.api.v1('flow/windows', { ...data.v1params(), date: key }).catch(() => null),
  ]);
  root.append(dayHeader(app, key, range0));
  if (!day.spans.length) {
    root.append(stateBox('empty', t('state.noday'), t('state.noday.hint')));
    return;
  }
  const kpis = h('div', { class: 'kpis', id: 'kpis' });
  root.append(kpis);
  fillKpis(app, kpis, day.summary, null);
  root.append(card(t('day.timeline'), null, timelineBox(), sessionLine(app, day.summary), states ? null : h('p', { class: 'note muted', id: 'state-note' }, t('lane.state') + ': ' + t('state.unavailable.v1'))));
  root.append(h('div', { class: 'grid2' },
    card(t('top.apps'), null, barList(app, totals(day.spans, (x) => x.app).slice(0, 8), (x) => data.classes.color(x.cat), 'apps')),
    card(t('top.categories'), null, barList(app, totals(day.spans, (x) => catName(x.cat)), (x) => data.classes.color(x.cat), 'cats', (k) => k === 'Uncategorized' ? t('uncategorized') : k))));
  root._day = { key, day, states };
}

/** after draws the charts (they need layout) and fills the baseline. */
export function after(app, root) {
  const st = root._day;
  if (!st) return;
  drawTimeline(app, root.querySelector('.timeline'), st.day, st.states);
  const keys = Array.from({ length: BASELINE_DAYS }, (_, i) => addDays(st.key, -(i + 1)));
  app.data.fetchDays(keys).then((days) => {
    const b = baseline(days.map((d) => d.summary));
    const kpis = root.querySelector('#kpis');
    if (kpis && kpis.isConnected) fillKpis(app, kpis, st.day.summary, b);
  }).catch((e) => console.warn('baseline', e));
}

function dayHeader(app, key, start) {
  const { t, i18n, data } = app;
  const go = (k) => app.go('today', { d: k });
  const isToday = key === data.today();
  const picker = h('input', { type: 'date', id: 'day-pick', value: key, max: data.today(), 'aria-label': t('day.pick'), onchange: (e) => e.target.value && go(e.target.value) });
  return h('div', { class: 'page-head' },
    h('h1', {}, i18n.dateLong.format(start)),
    h('div', { class: 'day-nav', role: 'group', 'aria-label': t('day.pick') },
      h('button', { class: 'icon-btn', id: 'day-prev', 'aria-label': t('day.prev'), title: t('day.prev'), onclick: () => go(addDays(key, -1)) }, '‹'),
      picker,
      h('button', { class: 'icon-btn', id: 'day-next', 'aria-label': t('day.next'), title: t('day.next'), disabled: isToday, onclick: () => go(addDays(key, 1)) }, '›'),
      h('button', { class: 'ghost', disabled: isToday, onclick: () => go(data.today()) }, t('day.today'))));
}

function fillKpis(app, el, s, b) {
  const { t, i18n } = app;
  const items = [
    ['focus', s.focus, b && b.focus, i18n.dur.bind(i18n), 1],
    ['deep', s.deep, b && b.deep, (v) => i18n.pct.format(v), 1],
    ['switches', s.switchesPerHour, b && b.switchesPerHour, (v) => i18n.num.format(v), -1],
    ['span', s.span, b && b.span, i18n.dur.bind(i18n), 1],
    ['recovery', s.recovery, b && b.recovery, i18n.dur.bind(i18n), -1],
  ];
  el.replaceChildren(...items.map(([k, v, base, fmt, good]) => {
    let cmp = null;
    if (base != null && v != null && b.n > 0) {
      const rel = base ? (v - base) / Math.abs(base) : 0;
      const dir = Math.abs(rel) < 0.1 ? 'same' : rel > 0 ? 'up' : 'down';
      const tone = dir === 'same' ? 'neutral' : (dir === 'up') === (good > 0) ? 'good' : 'bad';
      cmp = h('p', { class: 'kpi-cmp ' + tone },
        h('span', { 'aria-hidden': 'true' }, dir === 'up' ? '▲ ' : dir === 'down' ? '▼ ' : '● '),
        t('kpi.' + dir), h('br'), h('span', { class: 'muted' }, t('kpi.baseline', { n: b.n, v: fmt(base) })));
    } else {
      cmp = h('p', { class: 'kpi-cmp muted' }, b ? t('kpi.nobaseline') : '…');
    }
    return h('div', { class: 'kpi', 'data-kpi': k, title: t('kpi.help.' + k) },
      h('p', { class: 'kpi-label' }, t('kpi.' + k)),
      h('p', { class: 'kpi-value' }, v == null ? '–' : fmt(v)),
      cmp);
  }));
}

function barList(app, rows, color, id, label = (k) => k) {
  const max = Math.max(1, ...rows.map((r) => r.ms));
  return h('ul', { class: 'bars', id: 'bars-' + id }, rows.map((r) => h('li', {},
    h('span', { class: 'bar-label', title: label(r.key) }, label(r.key)),
    h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: { width: (100 * r.ms / max).toFixed(1) + '%', background: color(r) } })),
    h('span', { class: 'bar-value' }, app.i18n.dur(r.ms / 1000)))));
}

function sessionLine(app, s) {
  const { t, i18n } = app;
  const span = (x) => i18n.time.format(x.s) + '–' + i18n.time.format(x.e);
  return h('p', { class: 'legend-line', id: 'day-sessions' },
    h('span', { class: 'dot', style: { background: '#2f7d6d' }, 'aria-hidden': 'true' }), t('lane.sessions') + ': ',
    s.sessions.length ? i18n.list.format(s.sessions.map(span)) : '–',
    s.breaks.length ? h('span', { class: 'muted' }, ' · ', h('span', { class: 'dot', style: { background: '#e0a458' }, 'aria-hidden': 'true' }), t('break') + ': ' + i18n.list.format(s.breaks.map(span))) : null);
}

/** mergeRuns joins consecutive spans with the same key when they touch (gaps under 1 min). */
function mergeRuns(spans, key) {
  const out = [];
  for (const x of spans) {
    const k = key(x), last = out[out.length - 1];
    if (last && last.key === k && x.s - last.e < 60e3) { last.e = x.e; last.items.push(x); } else out.push({ key: k, s: x.s, e: x.e, items: [x] });
  }
  return out;
}

/** inputBins sums input events (presses, clicks, scrolls) into bins of width ms. */
function inputBins(events, width) {
  const bins = new Map();
  for (const ev of events) {
    const d = ev.data || {};
    const s = Date.parse(ev.timestamp);
    const k = Math.floor(s / width) * width;
    const b = bins.get(k) || { s: k, e: k + width, n: 0, active: 0 };
    b.n += (d.presses || 0) + (d.clicks || 0) + (d.scrollX || 0) + (d.scrollY || 0);
    b.active += Math.max(ev.duration, 1);
    bins.set(k, b);
  }
  return [...bins.values()].map((b) => ({ ...b, perMin: b.n / Math.max(1, b.active / 60) }));
}

function timelineBox() { return chartBox(300, 'timeline'); }

function drawTimeline(app, el, day, states) {
  const { t, i18n, data } = app;
  const items = [];
  const tip = (title, s, e, extra) => `<b>${esc(title)}</b><br>${i18n.time.format(s)}–${i18n.time.format(e)} · ${i18n.dur((e - s) / 1000)}${extra ? '<br>' + extra : ''}`;
  // Consecutive spans of one app (and of one category) are drawn as one
  // shape each, and input as 5-minute bins: a few hundred shapes a day.
  for (const r of mergeRuns(day.spans, (x) => x.app)) {
    const titles = [...new Set(r.items.map((x) => x.title))];
    const more = titles.length > 3 ? ` (+${titles.length - 3})` : '';
    items.push({ value: [0, r.s, r.e, 1], itemStyle: { color: data.classes.color(r.items[0].cat) }, tip: tip(r.key, r.s, r.e, titles.slice(0, 3).map(esc).join('<br>') + more) });
  }
  for (const r of mergeRuns(day.spans, (x) => catName(x.cat))) {
    items.push({ value: [1, r.s, r.e, 1], itemStyle: { color: data.classes.color(r.items[0].cat) }, tip: tip(r.key === 'Uncategorized' ? t('uncategorized') : r.key, r.s, r.e) });
  }
  for (const a of day.afk) {
    const s = Date.parse(a.timestamp), e = s + a.duration * 1000;
    const away = a.data && a.data.status === 'afk';
    items.push({ value: [2, s, e, 1], itemStyle: { color: away ? '#d9d3c7' : '#9cc5b6' }, tip: tip(t(away ? 'afk.afk' : 'afk.active'), s, e) });
  }
  const inten = inputBins(day.input, 5 * 60e3);
  const maxN = Math.max(1, ...inten.map((x) => x.perMin));
  for (const x of inten) {
    items.push({ value: [3, x.s, x.e, Math.max(0.08, x.perMin / maxN)], itemStyle: { color: '#7c8fb0' }, tip: tip(t('lane.input'), x.s, x.e, t('input.per.min', { n: i18n.int.format(x.perMin) })) });
  }
  for (const st of stateLane(states)) {
    items.push({ value: [4, st.s, st.e, 1], itemStyle: { color: st.color }, tip: tip(st.state + (st.score != null ? ` · ${i18n.int.format(st.score)}` : ''), st.s, st.e, st.reasons.map(esc).join('<br>')) });
  }
  for (const s of day.summary.sessions) {
    items.push({ value: [5, s.s, s.e, 1], itemStyle: { color: '#2f7d6d' }, tip: tip(t('session'), s.s, s.e, `${t('sessions.share')}: ${i18n.pct.format(s.share)}`), session: true });
  }
  for (const b of day.summary.breaks) items.push({ value: [5, b.s, b.e, 1], itemStyle: { color: '#e0a458' }, tip: tip(t('break'), b.s, b.e) });

  const first = day.spans[0].s, last = day.spans[day.spans.length - 1].e;
  const hour = 3600e3;
  const lanes = LANES.map((l) => t('lane.' + l));
  mount(el, {
    grid: { left: 175, right: 24, top: 10, bottom: 30 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => p.data.tip },
    xAxis: { type: 'time', min: Math.floor(first / hour) * hour, max: Math.ceil(last / hour) * hour,
      axisLabel: { formatter: (v) => i18n.time.format(v), color: '#6b665d' }, splitLine: { show: true, lineStyle: { color: '#ece7dd' } } },
    yAxis: { type: 'category', data: lanes, inverse: true, axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: '#3b3a36' } },
    series: [{
      type: 'custom', encode: { x: [1, 2], y: 0 }, data: items, clip: true,
      renderItem: (params, api) => {
        const lane = api.value(0);
        const a = api.coord([api.value(1), lane]), b = api.coord([api.value(2), lane]);
        const band = api.size([0, 1])[1] * 0.62;
        const hgt = band * api.value(3);
        const w = Math.max(1, b[0] - a[0]);
        return { type: 'rect', shape: { x: a[0], y: a[1] + band / 2 - hgt, width: w, height: hgt, r: w > 6 ? 2 : 0 }, style: api.style() };
      },
    }],
  }, t('day.timeline'));
}
