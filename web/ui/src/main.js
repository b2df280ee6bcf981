// The dashboard shell: navigation, language, routing and the loading,
// error and empty states every view shares.
import { Api, ApiError } from './api.js';
import { Data } from './data.js';
import { I18n, languages, pickLanguage } from './i18n.js';
import { h, stateBox } from './dom.js';
import { disposeAll } from './charts.js';
import * as today from './pages/today.js';
import * as trends from './pages/trends.js';
import * as flow from './pages/flow.js';
import * as sessions from './pages/sessions.js';
import * as checkins from './pages/checkins.js';
import * as settings from './pages/settings.js';
import * as datapage from './pages/data.js';
import * as plan from './pages/plan.js';
import { firstRun } from './pages/firstrun.js';

// The navigation grows by adding entries here; "later" entries are shown as
// upcoming until their capability ships.
const pages = [
  { id: 'today', view: today, icon: 'M4 12h4l3-7 4 14 3-7h2' },
  { id: 'trends', view: trends, icon: 'M4 19V5m0 14h16M8 15l4-4 3 3 5-6' },
  { id: 'flow', view: flow, icon: 'M7 7a5 5 0 1 1 0 10M17 17a5 5 0 1 1 0-10M7 17h4M13 7h4' },
  { id: 'sessions', view: sessions, icon: 'M12 7v5l3 2M12 21a9 9 0 1 1 0-18 9 9 0 0 1 0 18' },
  { id: 'plan', view: plan, icon: 'M5 5h14v15H5zM5 10h14M9 3v4M15 3v4' },
  { id: 'checkins', view: checkins, icon: 'M5 12l4 4 10-10' },
  { id: 'settings', view: settings, icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6M4 12h2m12 0h2M12 4v2m0 12v2' },
  { id: 'data', view: datapage, icon: 'M12 4v10m0 0l-4-4m4 4l4-4M5 20h14' },
];
const later = ['gaze', 'experiments', 'team'];

class App {
  constructor() {
    this.api = new Api();
    this.data = new Data(this.api);
    const lang = pickLanguage(localStorage.getItem('attnflow.lang'), navigator.languages);
    this.setLang(lang);
    this.main = document.getElementById('main');
    this.seq = 0;
    window.addEventListener('hashchange', () => this.route());
  }

  setLang(lang) {
    this.i18n = new I18n(lang);
    this.t = this.i18n.t.bind(this.i18n);
    document.documentElement.lang = lang;
    localStorage.setItem('attnflow.lang', lang);
  }

  parse() {
    const [path, qs] = (location.hash.replace(/^#\/?/, '') || 'today').split('?');
    return { id: path, params: Object.fromEntries(new URLSearchParams(qs || '')) };
  }

  /** go navigates to a page with parameters. */
  go(id, params = {}) {
    const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
    delete this.main.dataset.ready; // the view is stale from now until the new one renders
    location.hash = '#/' + id + (qs ? '?' + qs : '');
  }

  chrome() {
    const { id } = this.parse();
    document.querySelector('.skip').textContent = this.t('app.skip');
    const nav = document.getElementById('nav');
    nav.setAttribute('aria-label', this.t('nav.main'));
    const icon = (d) => h('span', { class: 'icon', 'aria-hidden': 'true' }, svgPath(d));
    nav.replaceChildren(
      h('ul', {}, pages.map((p) => h('li', {}, h('a', {
        href: '#/' + p.id, class: p.id === id ? 'active' : '', 'aria-current': p.id === id ? 'page' : null, 'data-page': p.id,
      }, icon(p.icon), this.t('nav.' + p.id))))),
      h('p', { class: 'nav-group' }, this.t('nav.soon')),
      h('ul', { class: 'later' }, later.map((p) => h('li', {}, h('span', { 'aria-disabled': 'true' }, this.t('nav.' + p))))),
    );
    const sel = h('select', { id: 'lang', 'aria-label': this.t('lang.label'), onchange: (e) => { this.setLang(e.target.value); this.route(); } },
      Object.entries(languages).map(([k, v]) => h('option', { value: k, selected: k === this.i18n.lang }, v.name)));
    document.getElementById('topbar-right').replaceChildren(h('label', { class: 'lang' }, h('span', { class: 'sr-only' }, this.t('lang.label')), sel));
  }

  /** route renders the current page, with loading, slow, error and auth states. */
  async route() {
    const seq = ++this.seq;
    const t0 = performance.now();
    delete this.main.dataset.ready;
    this.chrome();
    const { id, params } = this.parse();
    const page = pages.find((p) => p.id === id) || pages[0];
    disposeAll(this.main);
    const loading = stateBox('loading', this.t('state.loading'));
    this.main.replaceChildren(loading);
    const slow = setTimeout(() => loading.append(h('p', { class: 'muted' }, this.t('state.slow'))), 2500);
    const root = h('div', { class: 'page page-' + page.id });
    try {
      if (!this.data.buckets) await this.data.load();
      if (this.data.empty && !['settings', 'data', 'plan'].includes(page.id)) {
        root.append(firstRun(this));
      } else {
        await page.view.render(this, root, params);
      }
      if (seq !== this.seq) return;
      disposeAll(this.main);
      this.main.replaceChildren(root);
      page.view.after && page.view.after(this, root, params);
    } catch (e) {
      if (seq !== this.seq) return;
      console.error('view failed', e);
      this.main.replaceChildren(this.errorState(e));
    } finally {
      clearTimeout(slow);
    }
    if (seq === this.seq) {
      const ms = performance.now() - t0;
      window.__attnflow = { view: page.id, renderMs: ms, readyAt: performance.now(), lang: this.i18n.lang };
      document.title = this.t('nav.' + page.id) + ' · attnflow';
      this.main.dataset.ready = page.id;
    }
  }

  errorState(e) {
    if (e instanceof ApiError && e.kind === 'auth') {
      const input = h('input', { type: 'password', id: 'apikey', autocomplete: 'off', 'aria-label': 'API key' });
      return stateBox('error', this.t('state.auth'), this.t('state.auth.hint'),
        h('form', { class: 'row', onsubmit: (ev) => { ev.preventDefault(); this.api.key = input.value.trim(); this.reload(); } },
          input, h('button', { type: 'submit', class: 'primary' }, this.t('state.auth.save'))));
    }
    const msg = e instanceof ApiError && e.kind === 'timeout' ? this.t('state.timeout') : (e && e.message) || String(e);
    return stateBox('error', this.t('state.error'), msg, h('button', { class: 'primary', onclick: () => this.reload() }, this.t('state.retry')));
  }

  /** reload drops cached data and renders again (after settings changes or errors). */
  reload() {
    this.data.buckets = null;
    this.route();
  }
}

function svgPath(d) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', d);
  p.setAttribute('fill', 'none');
  p.setAttribute('stroke', 'currentColor');
  p.setAttribute('stroke-width', '1.8');
  p.setAttribute('stroke-linecap', 'round');
  p.setAttribute('stroke-linejoin', 'round');
  svg.append(p);
  return svg;
}

const app = new App();
window.addEventListener('error', (e) => console.error('uncaught', e.message));
app.route();
