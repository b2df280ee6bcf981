// Flow: where attention goes from and to, as a circular graph (cycles are
// visible as paired arcs), a from→to matrix and the frequent round trips.
import { h, card, chartBox, stateBox, esc } from '../dom.js';
import { mount } from '../charts.js';
import { addDays } from '../data.js';
import { transitions, totals, catName } from '../metrics.js';

const PERIODS = [1, 7, 14, 30];
const TOP = 10;

/** render loads the period and computes the transition graph. */
export async function render(app, root, params) {
  const { t, data } = app;
  const n = PERIODS.includes(+params.n) ? +params.n : 7;
  const by = params.by === 'category' ? 'category' : 'app';
  const end = data.today();
  const keys = Array.from({ length: n }, (_, i) => addDays(end, -i));
  const days = await data.fetchDays(keys);
  const key = by === 'app' ? (x) => x.app : (x) => catName(x.cat);
  const trans = [], spent = new Map(), color = new Map();
  for (const d of days) {
    trans.push(...transitions(d.spans, key));
    for (const tt of totals(d.spans, key)) {
      spent.set(tt.key, (spent.get(tt.key) || 0) + tt.ms);
      if (!color.has(tt.key)) color.set(tt.key, data.classes.color(tt.cat));
    }
  }
  const top = [...spent.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP).map(([k]) => k);
  const name = (k) => (top.includes(k) ? k : t('other'));
  const label = (k) => (k === 'Uncategorized' ? t('uncategorized') : k);
  const edges = new Map();
  for (const tr of trans) {
    const f = name(tr.from), to = name(tr.to);
    if (f === to) continue;
    const id = f + '\u0000' + to;
    const e = edges.get(id) || { from: f, to, count: 0, ms: 0 };
    e.count += tr.count; e.ms += tr.ms;
    edges.set(id, e);
  }
  const list = [...edges.values()].sort((a, b) => b.count - a.count);
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('flow.title')),
    h('div', { class: 'controls' },
      h('div', { class: 'seg', role: 'group', 'aria-label': t('flow.by') }, ['app', 'category'].map((b) =>
        h('button', { class: b === by ? 'on' : '', 'aria-pressed': String(b === by), onclick: () => app.go('flow', { by: b, n }) }, t(b === 'app' ? 'flow.apps' : 'flow.categories')))),
      h('div', { class: 'seg', role: 'group', 'aria-label': t('flow.range') }, PERIODS.map((p) =>
        h('button', { class: p === n ? 'on' : '', 'aria-pressed': String(p === n), onclick: () => app.go('flow', { by, n: p }) }, p === 1 ? t('day.today') : t('flow.days', { n: p })))))));
  if (list.length < 2) {
    root.append(stateBox('empty', t('flow.none')));
    return;
  }
  const nodes = [...new Set(list.flatMap((e) => [e.from, e.to]))];
  const nodeTime = (k) => (k === t('other') ? [...spent.entries()].filter(([x]) => !top.includes(x)).reduce((a, [, v]) => a + v, 0) : spent.get(k) || 0);
  const rounds = roundTrips(list);
  root.append(
    h('p', { class: 'muted lead' }, t('flow.desc')),
    h('div', { class: 'grid2 wide-left' },
      card(t('flow.title'), null, chartBox(460, 'flowgraph')),
      card(t('flow.cycles'), t('flow.cycles.desc'), h('ul', { class: 'rounds' }, rounds.slice(0, 8).map((r) =>
        h('li', {}, h('span', {}, label(r.a), ' ⇄ ', label(r.b)), h('span', { class: 'muted' }, app.i18n.int.format(r.n) + ' × 2')))))),
    card(t('flow.matrix'), t('flow.matrix.desc'), chartBox(360, 'matrix')),
    card(t('flow.top'), null, table(app, list.slice(0, 12), label)));
  root._flow = { nodes, list, nodeTime, color, label };
}

function roundTrips(list) {
  const m = new Map(list.map((e) => [e.from + '\u0000' + e.to, e.count]));
  const out = [];
  for (const e of list) {
    if (e.from > e.to) continue;
    const back = m.get(e.to + '\u0000' + e.from) || 0;
    if (back) out.push({ a: e.from, b: e.to, n: Math.min(e.count, back) });
  }
  return out.sort((x, y) => y.n - x.n);
}

function table(app, rows, label) {
  const { t, i18n } = app;
  return h('table', { class: 'table', id: 'flow-table' },
    h('thead', {}, h('tr', {}, [t('flow.from'), t('flow.to'), t('flow.count'), t('flow.time')].map((c, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, label(r.from)), h('td', {}, label(r.to)), h('td', { class: 'num' }, i18n.int.format(r.count)), h('td', { class: 'num' }, i18n.dur(r.ms / 1000))))));
}

/** after draws the graph and the matrix. */
export function after(app, root) {
  const st = root._flow;
  if (!st) return;
  const { t, i18n } = app;
  const { nodes, list, nodeTime, color, label } = st;
  const maxT = Math.max(1, ...nodes.map(nodeTime));
  const maxC = Math.max(1, ...list.map((e) => e.count));
  mount(root.querySelector('.flowgraph'), {
    tooltip: { formatter: (p) => p.dataType === 'edge'
      ? `${esc(label(p.data.source))} → ${esc(label(p.data.target))}<br>${t('flow.count')}: ${i18n.int.format(p.data.count)}<br>${t('flow.time')}: ${i18n.dur(p.data.ms / 1000)}`
      : `<b>${esc(label(p.data.name))}</b><br>${i18n.dur(p.data.ms / 1000)}` },
    series: [{
      type: 'graph', layout: 'circular', circular: { rotateLabel: false }, roam: false,
      left: 90, right: 90, top: 40, bottom: 40,
      label: { show: true, position: 'right', formatter: (p) => label(p.data.name), color: '#3b3a36', fontSize: 12 },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 7,
      data: nodes.map((n) => ({ name: n, ms: nodeTime(n), symbolSize: 12 + 30 * Math.sqrt(nodeTime(n) / maxT), itemStyle: { color: color.get(n) || '#8a8176' } })),
      links: list.map((e) => ({ source: e.from, target: e.to, count: e.count, ms: e.ms,
        lineStyle: { width: 0.6 + 7 * e.count / maxC, curveness: 0.25, opacity: 0.25 + 0.55 * e.count / maxC, color: 'source' } })),
      emphasis: { focus: 'adjacency', lineStyle: { opacity: 0.95 } },
    }],
  }, t('flow.title'));

  const idx = new Map(nodes.map((n, i) => [n, i]));
  const cells = list.map((e) => [idx.get(e.to), idx.get(e.from), e.count]);
  mount(root.querySelector('.matrix'), {
    grid: { left: 140, right: 30, top: 10, bottom: 90 },
    tooltip: { formatter: (p) => `${esc(label(nodes[p.value[1]]))} → ${esc(label(nodes[p.value[0]]))}: ${i18n.int.format(p.value[2])}` },
    xAxis: { type: 'category', data: nodes.map(label), axisLabel: { rotate: 35, interval: 0 }, name: t('flow.to'), nameLocation: 'end' },
    yAxis: { type: 'category', data: nodes.map(label), inverse: true, axisLabel: { interval: 0 }, name: t('flow.from') },
    visualMap: { show: false, min: 0, max: maxC, inRange: { color: ['#eef4f1', '#7fb8a4', '#1b4d43'] } },
    series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 11, color: '#1d1c1a', textBorderColor: '#ffffff', textBorderWidth: 2 }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
  }, t('flow.matrix'));
}
