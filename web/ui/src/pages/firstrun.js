// The first-run page: nothing recorded yet, so explain how to start.
import { h } from '../dom.js';

/** firstRun explains how to get data in. */
export function firstRun(app) {
  const t = app.t;
  return h('section', { class: 'card first-run', 'aria-labelledby': 'first-title' },
    h('h1', { id: 'first-title' }, t('first.title')),
    h('p', { class: 'lead' }, t('first.lead')),
    h('ol', {},
      h('li', {}, t('first.step1'), h('pre', {}, h('code', {}, 'attnflow up'))),
      h('li', {}, t('first.step2')),
      h('li', {}, h('a', { href: '#/data' }, t('first.step3')))),
    h('p', { class: 'muted' }, t('first.privacy')));
}
