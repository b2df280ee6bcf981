// Data: export everything (streamed, with progress) and import an export
// (uploaded, with progress); the buckets at a glance.
import { h, card } from '../dom.js';

/** render builds the export, import and bucket sections. */
export async function render(app, root) {
  const { t } = app;
  root.append(h('div', { class: 'page-head' }, h('h1', {}, t('data.title'))));
  root.append(h('div', { class: 'grid2' }, exportCard(app), importCard(app)), bucketsCard(app));
}

function progress(id) {
  return h('progress', { id, max: 1, value: 0, hidden: true, 'aria-label': id });
}

function exportCard(app) {
  const { t, i18n, api } = app;
  const bar = progress('export-progress');
  const status = h('p', { class: 'saved', role: 'status', 'aria-live': 'polite', id: 'export-status' });
  const link = h('a', { class: 'button primary', id: 'export-save', hidden: true }, t('data.export.save'));
  const btn = h('button', { class: 'primary', id: 'export-go', onclick: async () => {
    btn.disabled = true; bar.hidden = false; link.hidden = true;
    try {
      const res = await api.request('GET', '/api/0/export', { raw: true, timeoutMs: 600000 });
      const total = +res.headers.get('Content-Length') || 0;
      const reader = res.body.getReader();
      const chunks = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value); got += value.length;
        if (total) bar.value = got / total; else bar.removeAttribute('value');
        status.textContent = t('data.export.progress', { b: i18n.bytes(got) });
      }
      bar.value = 1;
      const blob = new Blob(chunks, { type: 'application/json' });
      const doc = JSON.parse(await blob.text());
      const buckets = Object.values(doc.buckets || {});
      const events = buckets.reduce((a, b) => a + ((b.events && b.events.length) || 0), 0);
      status.textContent = t('data.export.done', { n: i18n.int.format(buckets.length), e: i18n.int.format(events), b: i18n.bytes(got) });
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(blob);
      link.download = `attnflow-export-${new Date().toISOString().slice(0, 10)}.json`;
      link.hidden = false;
    } catch (e) {
      status.textContent = t('state.error') + ': ' + e.message;
    } finally {
      btn.disabled = false;
    }
  } }, t('data.export.go'));
  return card(t('data.export'), t('data.export.desc'), h('div', { class: 'row' }, btn, link), bar, status);
}

function importCard(app) {
  const { t, i18n, api } = app;
  const bar = progress('import-progress');
  const status = h('p', { class: 'saved', role: 'status', 'aria-live': 'polite', id: 'import-status' });
  const file = h('input', { type: 'file', accept: '.json,application/json', id: 'import-file', 'aria-label': t('data.import.choose') });
  const form = h('form', { onsubmit: (ev) => {
    ev.preventDefault();
    const f = file.files && file.files[0];
    if (!f) return;
    const fd = new FormData();
    fd.append('buckets.json', f);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/0/import');
    if (api.key) xhr.setRequestHeader('Authorization', 'Bearer ' + api.key);
    bar.hidden = false;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) { bar.value = e.loaded / e.total; status.textContent = t('data.import.progress', { p: i18n.pct.format(e.loaded / e.total) }); }
    };
    xhr.upload.onload = () => { bar.removeAttribute('value'); status.textContent = t('data.import.processing'); };
    xhr.onload = () => {
      bar.value = 1;
      if (xhr.status >= 200 && xhr.status < 300) { status.textContent = t('data.import.done'); app.data.buckets = null; }
      else { let m = xhr.statusText; try { m = JSON.parse(xhr.responseText).message || m; } catch { /* not JSON */ } status.textContent = t('state.error') + ': ' + m; }
    };
    xhr.onerror = () => { status.textContent = t('state.error'); };
    xhr.send(fd);
  } }, h('div', { class: 'row' }, file, h('button', { type: 'submit', class: 'primary', id: 'import-go' }, t('data.import.go'))), bar, status);
  return card(t('data.import'), t('data.import.desc'), form);
}

function bucketsCard(app) {
  const { t, i18n } = app;
  const fmt = (s) => (s ? i18n.dateTime.format(new Date(s)) : '–');
  return card(t('data.buckets'), null, h('table', { class: 'table', id: 'buckets-table' },
    h('thead', {}, h('tr', {}, ['data.bucket', 'data.type', 'data.host', 'data.last'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, (app.data.buckets || []).map((b) => h('tr', {}, h('td', {}, h('code', {}, b.id)), h('td', {}, b.type), h('td', {}, b.hostname), h('td', {}, fmt(b.last_updated)))))));
}
