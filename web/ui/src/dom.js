// A tiny DOM builder: text always goes in as text, so window titles and
// other recorded strings can never inject markup.

/** h creates an element: h('div', {class: 'x', onclick: f}, 'text', child, [children]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k === 'value' || k === 'checked' || k === 'selected') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** esc escapes text for the few places that need HTML strings (chart tooltips). */
export function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

/** card wraps content in a titled section. */
export function card(title, desc, ...content) {
  const id = 'c' + Math.random().toString(36).slice(2, 8);
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('header', { class: 'card-head' }, h('h2', { id }, title), desc ? h('p', { class: 'muted' }, desc) : null),
    ...content);
}

/** chartBox is an element for a chart of the given height. */
export function chartBox(height, cls = '') {
  return h('div', { class: 'chart ' + cls, style: { height: height + 'px' } });
}

/** stateBox is a friendly message (empty, unavailable, error) with an optional action. */
export function stateBox(kind, title, text, action) {
  return h('div', { class: 'state ' + kind, role: kind === 'error' ? 'alert' : 'status' },
    h('p', { class: 'state-title' }, title), text ? h('p', { class: 'muted' }, text) : null, action || null);
}
