// Settings: categories (ActivityWatch "classes") with a live preview of
// what a rule matches, privacy rules, working hours and API keys.
import { h, card } from '../dom.js';
import { catName } from '../metrics.js';
import { workingHours } from './checkins.js';

/** render builds the settings forms. */
export async function render(app, root) {
  const { t } = app;
  const recent = app.data.empty ? [] : await app.data.recentWindows(7);
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('nav.settings'))));
  root.append(categories(app, recent), privacy(app), hours(app), keys(app));
}

function saveButton(app, onsave, id) {
  const status = h('span', { class: 'saved', role: 'status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'primary', id }, app.t('settings.save'));
  return { row: h('div', { class: 'row' }, btn, status), async run() {
    btn.disabled = true;
    try { await onsave(); status.textContent = app.t('settings.saved'); app.data.buckets = null; } catch (e) { status.textContent = app.t('state.error') + ': ' + e.message; } finally { btn.disabled = false; }
  } };
}

function categories(app, recent) {
  const { t, i18n } = app;
  let list = app.data.classes.list.map((c) => structuredClone(c));
  const tbody = h('tbody');
  const editor = h('div', { class: 'editor', id: 'cat-editor' });
  const draw = () => {
    tbody.replaceChildren(...list.map((c, i) => h('tr', {},
      h('td', {}, h('span', { class: 'swatch', style: { background: (c.data && c.data.color) || '#b8b2a7' } }), ' ', catName(c.name)),
      h('td', {}, h('code', { class: 'rule' }, c.rule && c.rule.type === 'regex' ? c.rule.regex : '—')),
      h('td', { class: 'num' }, c.data && c.data.score != null ? i18n.int.format(c.data.score) : ''),
      h('td', {}, h('button', { class: 'ghost', 'data-edit': catName(c.name), onclick: () => edit(i) }, t('settings.cat.edit')),
        h('button', { class: 'ghost danger', 'aria-label': t('settings.cat.remove') + ' ' + catName(c.name), onclick: () => { list.splice(i, 1); draw(); } }, '×')))));
  };
  const edit = (i) => {
    const c = list[i];
    const name = h('input', { id: 'cat-name', value: catName(c.name), required: true });
    const regex = h('input', { id: 'cat-regex', value: (c.rule && c.rule.regex) || '', spellcheck: 'false', class: 'mono' });
    const icase = h('input', { type: 'checkbox', id: 'cat-icase', checked: !!(c.rule && c.rule.ignore_case) });
    const color = h('input', { type: 'color', id: 'cat-color', value: (c.data && c.data.color && /^#[0-9a-f]{6}$/i.test(c.data.color)) ? c.data.color : '#8a8176' });
    const score = h('select', { id: 'cat-score' }, [2, 1, 0, -1, -2].map((s) => h('option', { value: String(s), selected: Number((c.data && c.data.score) || 0) === s }, `${s > 0 ? '+' : ''}${s} · ${t('score.' + s)}`)));
    const preview = h('div', { class: 'preview', id: 'cat-preview', 'aria-live': 'polite' });
    const update = () => renderPreview(app, preview, regex.value, icase.checked, recent);
    let timer;
    regex.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(update, 120); });
    icase.addEventListener('change', update);
    editor.replaceChildren(h('form', { class: 'form', onsubmit: (ev) => {
      ev.preventDefault();
      c.name = name.value.split('>').map((s) => s.trim()).filter(Boolean);
      c.rule = regex.value ? { type: 'regex', regex: regex.value, ignore_case: icase.checked } : { type: 'none' };
      c.data = { ...(c.data || {}), color: color.value, score: +score.value };
      editor.replaceChildren();
      draw();
    } },
    h('div', { class: 'fields' },
      h('label', {}, t('settings.cat.name'), name),
      h('label', { class: 'grow' }, t('settings.cat.rule'), regex),
      h('label', { class: 'inline' }, icase, t('settings.cat.case')),
      h('label', {}, t('settings.cat.color'), color),
      h('label', {}, t('settings.cat.score'), score)),
    h('h3', {}, t('settings.preview')), h('p', { class: 'muted' }, t('settings.preview.desc')), preview,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'cat-apply' }, 'OK'),
      h('button', { type: 'button', class: 'ghost', onclick: () => editor.replaceChildren() }, t('settings.cancel')))));
    update();
    regex.focus();
  };
  const save = saveButton(app, () => app.api.setSetting('classes', list), 'cat-save');
  draw();
  return card(t('settings.categories'), t('settings.categories.desc'),
    h('table', { class: 'table', id: 'cat-table' },
      h('thead', {}, h('tr', {}, [t('settings.cat.name'), t('settings.cat.rule'), t('settings.cat.score'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      tbody),
    h('div', { class: 'row' }, h('button', { class: 'ghost', id: 'cat-add', onclick: () => {
      list.push({ id: Date.now(), name: ['New'], rule: { type: 'regex', regex: '' }, data: { color: '#8e6fa8', score: 0 } });
      draw(); edit(list.length - 1);
    } }, '+ ' + t('settings.cat.add'))),
    editor,
    h('form', { onsubmit: (ev) => { ev.preventDefault(); save.run(); } }, save.row));
}

/** renderPreview shows what a regex matches among recent windows. */
function renderPreview(app, el, src, icase, recent) {
  const { t, i18n } = app;
  el.dataset.regex = src;
  if (!src) { el.replaceChildren(h('p', { class: 'muted' }, t('settings.preview.empty'))); return; }
  let re;
  try { re = new RegExp(src, icase ? 'i' : ''); } catch (e) {
    el.replaceChildren(h('p', { class: 'error-text' }, t('settings.preview.invalid', { e: e.message })));
    return;
  }
  const hits = recent.filter((w) => re.test(w.app) || re.test(w.title));
  const total = hits.reduce((a, w) => a + w.sec, 0);
  if (!hits.length) { el.replaceChildren(h('p', { class: 'muted' }, t('settings.preview.nomatch'))); return; }
  el.replaceChildren(
    h('p', { class: 'preview-sum' }, t('settings.preview.match', { n: i18n.int.format(hits.length), d: i18n.dur(total) })),
    h('ul', { class: 'preview-list' }, hits.slice(0, 8).map((w) => h('li', {}, h('b', {}, w.app), ' ', h('span', { class: 'muted' }, w.title), h('span', { class: 'num' }, i18n.dur(w.sec))))));
}

function privacy(app) {
  const { t } = app;
  // attnflow_privacy is the setting the built-in watchers follow at run time:
  // excluded apps are never recorded, matching title parts are redacted before storing.
  const p = app.data.settings.attnflow_privacy || {};
  const lines = (ta) => ta.value.split('\n').map((s) => s.trim()).filter(Boolean);
  const ex = h('textarea', { id: 'privacy-exclude', rows: 3, class: 'mono', spellcheck: 'false' }, (p.exclude_apps || []).join('\n'));
  const red = h('textarea', { id: 'privacy-rules', rows: 3, class: 'mono', spellcheck: 'false' }, (p.redact_titles || []).join('\n'));
  const priv = h('input', { type: 'checkbox', id: 'privacy-private', checked: !!p.private });
  const save = saveButton(app, () => app.api.setSetting('attnflow_privacy',
    { ...p, exclude_apps: lines(ex), redact_titles: lines(red), private: priv.checked }));
  return card(t('settings.privacy'), t('settings.privacy.desc'),
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); save.run(); } },
      h('label', { class: 'block' }, t('settings.privacy.exclude'), ex),
      h('label', { class: 'block' }, t('settings.privacy.rules'), red),
      h('label', { class: 'pill' }, priv, h('span', {}, t('settings.privacy.private'))), save.row));
}

function hours(app) {
  const { t, i18n } = app;
  const w = workingHours(app.data.settings);
  const start = h('input', { type: 'time', value: w.start, id: 'wh-start' });
  const end = h('input', { type: 'time', value: w.end, id: 'wh-end' });
  const sod = h('input', { type: 'time', value: app.data.settings.startOfDay || '00:00', id: 'start-of-day' });
  const names = i18n.weekdays();
  const days = [1, 2, 3, 4, 5, 6, 0].map((d, i) => h('label', { class: 'pill' }, h('input', { type: 'checkbox', value: String(d), checked: w.days.includes(d) }), h('span', {}, names[i])));
  const save = saveButton(app, async () => {
    await app.api.setSetting('attnflow.workingHours', { start: start.value, end: end.value, days: days.map((l) => l.firstChild).filter((c) => c.checked).map((c) => +c.value) });
    await app.api.setSetting('startOfDay', sod.value);
  });
  return card(t('settings.hours'), t('settings.hours.desc'),
    h('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); save.run(); } },
      h('div', { class: 'fields' }, h('label', {}, t('settings.hours.start'), start), h('label', {}, t('settings.hours.end'), end),
        h('label', {}, t('settings.startOfDay'), sod)),
      h('fieldset', { class: 'days' }, h('legend', {}, t('settings.hours.days')), days),
      h('p', { class: 'muted' }, t('settings.startOfDay.desc')), save.row));
}

function keys(app) {
  const { t } = app;
  const k = app.api.key;
  return card(t('settings.keys'), null,
    h('p', { id: 'key-status' }, k ? t('settings.keys.required', { k: k.slice(-4) }) : t('settings.keys.none')),
    h('p', { class: 'muted' }, t('settings.keys.howto')),
    k ? h('button', { class: 'ghost', onclick: () => { app.api.key = ''; app.reload(); } }, t('settings.keys.forget')) : null);
}
