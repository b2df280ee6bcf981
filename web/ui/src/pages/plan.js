// Plan: today's or this week's schedule from /api/v1/plan on a timeline,
// every block with its reason, the tasks at risk with what is missing, and
// a quick-add box that shows what it understood before saving.
import { h, card, stateBox } from '../dom.js';

const KINDS = ['deep', 'shallow', 'admin', 'learning'];

/** kindName translates the built-in kinds and keeps the user's own. */
function kindName(t, kind) { return KINDS.includes(kind) ? t('plan.kind.' + kind) : kind; }

const KIND_COLOR = { deep: '#2f7d6d', learning: '#5b8fb9', shallow: '#c59a4a', admin: '#a07cb0' };
const DAY_FROM = 8, DAY_TO = 18; // hours shown on the timeline

/** render draws the page; params.range is 'day' or 'week'. */
export async function render(app, root, params) {
  const { t, api, data } = app;
  const range = params.range === 'week' ? 'week' : 'day';
  const [pl, open] = await Promise.all([
    api.v1('plan', { days: range === 'week' ? 7 : 1, tz: data.v1params().tz }),
    api.v1('tasks'),
  ]);
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('plan.title')),
    h('div', { class: 'controls', role: 'group', 'aria-label': t('plan.range') },
      ['day', 'week'].map((r) => h('button', { type: 'button', class: r === range ? 'primary' : '', 'aria-pressed': String(r === range), 'data-range': r, onclick: () => app.go('plan', { range: r }) }, t('plan.range.' + r))))),
  h('p', { class: 'muted lead' }, t('plan.desc')));
  root.append(quickAdd(app));
  if (!pl) {
    root.append(stateBox('unavailable', t('state.unavailable'), t('plan.unavailable')));
    return;
  }
  const q = new URLSearchParams({ days: range === 'week' ? 7 : 1, tz: data.v1params().tz });
  root.append(schedule(app, pl, h('a', { href: '/api/v1/plan.ics?' + q, download: 'attnflow-plan.ics', id: 'plan-ics' }, t('plan.ics'))));
  root.append(atRisk(app, pl));
  root.append(taskList(app, open || []));
  root.append(card(t('plan.how'), null, h('ul', { class: 'muted', id: 'plan-notes' },
    [...pl.measured, ...pl.notes].map((n) => h('li', {}, n)),
    h('li', {}, t('plan.gap', { gap: app.i18n.num.format(100 * pl.gap) })))));
}

function quickAdd(app) {
  const { t, api } = app;
  const input = h('input', { type: 'text', id: 'quickadd', style: { flex: '1', minWidth: '320px', font: 'inherit', padding: '7px 10px', border: '1px solid var(--line)', borderRadius: '8px' }, placeholder: t('plan.quick.placeholder'), 'aria-label': t('plan.quick.label'), autocomplete: 'off' });
  const preview = h('div', { id: 'quickadd-preview', 'aria-live': 'polite' });
  let pending = null;
  const save = h('button', { type: 'button', id: 'quickadd-save', class: 'primary', hidden: true, onclick: async () => {
    save.disabled = true;
    try {
      await api.post('/api/v1/tasks', pending.task);
      app.route();
    } catch (e) {
      preview.replaceChildren(h('p', { class: 'bad', role: 'alert' }, e.message));
      save.disabled = false;
    }
  } }, t('plan.quick.save'));
  const form = h('form', { id: 'quickadd-form', class: 'row', onsubmit: async (ev) => {
    ev.preventDefault();
    save.hidden = true;
    try {
      pending = await api.post('/api/v1/tasks/parse', { text: input.value, tz: app.data.v1params().tz });
      preview.replaceChildren(describe(app, pending));
      save.hidden = false;
      save.disabled = false;
    } catch (e) {
      pending = null;
      preview.replaceChildren(h('p', { class: 'bad', role: 'alert' }, e.message));
    }
  } }, input, h('button', { type: 'submit' }, t('plan.quick.preview')), save);
  return card(t('plan.quick.title'), t('plan.quick.desc'), form, preview);
}

function describe(app, q) {
  const { t, i18n } = app;
  const task = q.task;
  const facts = [
    [t('plan.f.title'), task.title],
    [t('plan.f.estimate'), i18n.dur(task.estimate_min * 60)],
    [t('plan.f.priority'), 'P' + task.priority],
    [t('plan.f.kind'), kindName(t, task.kind)],
    [t('plan.f.deadline'), task.deadline ? i18n.dateTime.format(new Date(task.deadline)) : '—'],
  ];
  return h('div', {},
    h('dl', { class: 'kv' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    q.understood.length ? h('p', { class: 'muted' }, t('plan.understood') + ' ' + q.understood.join('; ')) : null,
    q.assumed.length ? h('p', { class: 'muted', id: 'quickadd-assumed' }, t('plan.assumed') + ' ' + q.assumed.join('; ')) : null);
}

/** schedule draws one lane per day with busy time and blocks, then the reasons. */
function schedule(app, pl, icsLink) {
  const { t, i18n } = app;
  if (!pl.blocks.length) return card(t('plan.schedule'), null, stateBox('empty', t('plan.empty'), t('plan.empty.hint')));
  const byDay = new Map();
  for (const b of [...pl.busy, ...pl.blocks]) {
    const d = new Date(b.start);
    const key = d.toDateString();
    if (!byDay.has(key)) byDay.set(key, { date: d, items: [] });
    byDay.get(key).items.push(b);
  }
  const days = [...byDay.values()].filter((d) => d.items.some((b) => b.task_id)).sort((a, b) => a.date - b.date);
  const pos = (at) => {
    const d = new Date(at);
    const hrs = d.getHours() + d.getMinutes() / 60;
    return Math.max(0, Math.min(100, (100 * (hrs - DAY_FROM)) / (DAY_TO - DAY_FROM)));
  };
  const lanes = days.map((d) => h('div', { class: 'plan-day', style: { display: 'grid', gridTemplateColumns: '110px 1fr', alignItems: 'center', gap: '10px', margin: '6px 0' } },
    h('span', { class: 'muted' }, i18n.dateWeek.format(d.date)),
    h('div', { class: 'plan-lane', style: { position: 'relative', height: '34px', background: '#f3f0ea', borderRadius: '6px' } },
      d.items.map((b) => h('div', {
        class: 'plan-block' + (b.task_id ? '' : ' busy'), title: `${i18n.time.format(new Date(b.start))}–${i18n.time.format(new Date(b.end))} ${b.title}: ${b.reason}`,
        style: { position: 'absolute', top: '3px', bottom: '3px', left: pos(b.start) + '%', width: Math.max(0.5, pos(b.end) - pos(b.start)) + '%',
          background: b.task_id ? (KIND_COLOR[b.kind] || '#8a8478') : '#cfc9be', color: '#fff', borderRadius: '4px', overflow: 'hidden', fontSize: '.75rem', padding: '2px 4px', whiteSpace: 'nowrap' },
      }, b.title)))));
  const hours = h('div', { style: { display: 'grid', gridTemplateColumns: '110px 1fr', gap: '10px' } }, h('span'),
    h('div', { class: 'muted', style: { display: 'flex', justifyContent: 'space-between', fontSize: '.75rem' } },
      Array.from({ length: DAY_TO - DAY_FROM + 1 }, (_, i) => h('span', {}, String(DAY_FROM + i).padStart(2, '0')))));
  const rows = pl.blocks.map((b) => h('tr', { 'data-kind': b.kind },
    h('td', {}, i18n.dateWeek.format(new Date(b.start)) + ' ' + i18n.time.format(new Date(b.start)) + '–' + i18n.time.format(new Date(b.end))),
    h('td', {}, b.title, b.pinned ? ' 📌' : ''),
    h('td', { style: { whiteSpace: 'nowrap' } }, kindName(t, b.kind)),
    h('td', { class: 'muted' }, b.reason)));
  return card(t('plan.schedule'), t('plan.schedule.desc'), hours, lanes, h('p', {}, icsLink),
    h('table', { class: 'table', id: 'plan-blocks' },
      h('thead', {}, h('tr', {}, [t('plan.col.when'), t('plan.col.task'), t('plan.col.kind'), t('plan.col.why')].map((c) => h('th', { style: { whiteSpace: 'nowrap' } }, c)))),
      h('tbody', {}, rows)));
}

function atRisk(app, pl) {
  const { t, i18n } = app;
  if (!pl.at_risk.length) return card(t('plan.risk'), null, stateBox('empty', t('plan.risk.none')));
  return card(t('plan.risk'), t('plan.risk.desc'), h('table', { class: 'table', id: 'plan-risk' },
    h('thead', {}, h('tr', {}, [t('plan.col.task'), t('plan.col.missing'), t('plan.col.why')].map((c) => h('th', {}, c)))),
    h('tbody', {}, pl.at_risk.map((r) => h('tr', {}, h('td', {}, r.title), h('td', {}, i18n.dur(r.missing_min * 60)), h('td', { class: 'muted' }, r.reason))))));
}

function taskList(app, tasks) {
  const { t, i18n, api } = app;
  if (!tasks.length) return card(t('plan.tasks'), null, stateBox('empty', t('plan.tasks.none')));
  return card(t('plan.tasks'), null, h('table', { class: 'table', id: 'plan-tasks' },
    h('tbody', {}, tasks.map((k) => h('tr', {},
      h('td', {}, k.title),
      h('td', {}, 'P' + k.priority),
      h('td', {}, kindName(t, k.kind)),
      h('td', {}, i18n.dur(k.estimate_min * 60)),
      h('td', {}, k.deadline ? i18n.dateTime.format(new Date(k.deadline)) : ''),
      h('td', {}, h('button', { type: 'button', 'data-done': k.id, onclick: async (ev) => {
        ev.target.disabled = true;
        await api.post(`/api/v1/tasks/${encodeURIComponent(k.id)}/done`);
        app.route();
      } }, t('plan.done'))))))));
}
