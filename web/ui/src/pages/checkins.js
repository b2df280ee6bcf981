// Check-ins: answer experience-sampling prompts and compare answers with
// what was measured. Answers are stored as events in an ActivityWatch
// bucket ("attnflow-checkins_<host>", type "attnflow.checkin"), so they
// work today, travel with exports, and the attention model can learn
// from them once it exists.
import { h, card, stateBox } from '../dom.js';
import { dayKeyOf } from '../data.js';
import { stateLane } from './states.js';
import { parseHHMM } from '../data.js';

export const CHECKIN_TYPE = 'attnflow.checkin';
const DUE_AFTER = 90 * 60e3;

/** workingHours reads the setting with its defaults (Mon–Fri 09:00–17:30). */
export function workingHours(settings) {
  const w = (settings && settings['attnflow.workingHours']) || {};
  return { days: Array.isArray(w.days) ? w.days : [1, 2, 3, 4, 5], start: w.start || '09:00', end: w.end || '17:30' };
}

async function bucketId(app) {
  const existing = app.data.buckets.find((b) => b.type === CHECKIN_TYPE);
  if (existing) return { id: existing.id, exists: true };
  const info = await app.api.info();
  return { id: 'attnflow-checkins_' + info.hostname, exists: false, hostname: info.hostname };
}

/** render shows the prompt and the recent answers. */
export async function render(app, root) {
  const { t, i18n, data, api } = app;
  const b = await bucketId(app);
  const answers = b.exists ? await api.get(`/api/0/buckets/${encodeURIComponent(b.id)}/events?limit=20`) : [];
  const last = answers.length ? Date.parse(answers[0].timestamp) : 0;
  const wh = workingHours(data.settings);
  const now = new Date();
  const mins = now.getHours() * 60 + now.getMinutes();
  const inHours = wh.days.includes(now.getDay()) && mins >= parseHHMM(wh.start) && mins <= parseHHMM(wh.end);
  const due = inHours && Date.now() - last > DUE_AFTER;

  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('checkins.title'))), h('p', { class: 'muted lead' }, t('checkins.desc')));
  const status = h('p', { class: 'saved', role: 'status', 'aria-live': 'polite', id: 'checkin-status' });
  const scale = (name, q, lo, hi) => h('fieldset', { class: 'scale' },
    h('legend', {}, q),
    h('div', { class: 'scale-row' }, h('span', { class: 'muted' }, lo),
      [1, 2, 3, 4, 5].map((v) => h('label', { class: 'pill' }, h('input', { type: 'radio', name, value: String(v), required: true }), h('span', {}, i18n.int.format(v)))),
      h('span', { class: 'muted' }, hi)));
  const form = h('form', { id: 'checkin-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const btn = form.querySelector('button');
    btn.disabled = true;
    try {
      if (!b.exists) {
        await api.post(`/api/0/buckets/${encodeURIComponent(b.id)}`, { client: 'attnflow-web', type: CHECKIN_TYPE, hostname: b.hostname });
      }
      await api.post(`/api/0/buckets/${encodeURIComponent(b.id)}/events`, [{ timestamp: new Date().toISOString(), duration: 0, data: { focus: +fd.get('focus'), workload: +fd.get('workload'), lang: i18n.lang } }]);
      status.textContent = t('checkins.saved');
      app.data.buckets = null;
      setTimeout(() => app.route(), 600);
    } catch (e) {
      status.textContent = t('state.error') + ': ' + e.message;
      btn.disabled = false;
    }
  } },
  scale('focus', t('checkins.q.focus'), t('checkins.focus.1'), t('checkins.focus.5')),
  scale('workload', t('checkins.q.load'), t('checkins.load.1'), t('checkins.load.5')),
  h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, t('checkins.submit')), status));
  root.append(card(due ? t('checkins.due') : t('checkins.notdue'), null, form));

  if (!answers.length) {
    root.append(card(t('checkins.recent'), null, stateBox('empty', t('checkins.none'))));
    return;
  }
  const keys = [...new Set(answers.map((a) => dayKeyOf(Date.parse(a.timestamp), data.sod)))];
  const days = await data.fetchDays(keys);
  const spans = days.flatMap((d) => d.spans);
  const oldest = Date.parse(answers[answers.length - 1].timestamp) - 3600e3;
  const states = stateLane(await api.v1('flow/windows', { ...data.v1params(), start: new Date(oldest).toISOString(), end: new Date().toISOString() }).catch(() => null));
  const rows = answers.map((a) => {
    const at = Date.parse(a.timestamp);
    let act = 0, foc = 0;
    for (const x of spans) {
      const o = Math.min(x.e, at) - Math.max(x.s, at - 3600e3);
      if (o > 0) { act += o; if (x.score > 0) foc += o; }
    }
    const st = states.find((s) => s.s <= at && at < s.e);
    return h('tr', {},
      h('td', {}, i18n.dateTime.format(at)),
      h('td', { class: 'num' }, i18n.int.format(a.data.focus), ' / 5'),
      h('td', { class: 'num' }, act ? i18n.pct.format(foc / act) : '–'),
      h('td', {}, st ? st.state : '–'));
  });
  root.append(card(t('checkins.recent'), t('checkins.compare'), h('table', { class: 'table', id: 'checkins-table' },
    h('thead', {}, h('tr', {}, ['checkins.when', 'checkins.focus', 'checkins.measured', 'checkins.model'].map((k, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : null }, t(k))))),
    h('tbody', {}, rows)),
  states.length ? null : h('p', { class: 'note muted' }, t('checkins.model') + ': ' + t('state.unavailable.v1'))));
}
