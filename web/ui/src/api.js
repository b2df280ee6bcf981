// The dashboard's only door to the server: the ActivityWatch API under
// /api/0 and the native attention-flow API under /api/v1. Every request has a
// time limit, and failures become ApiError with a kind the views can show.

const KEY_STORE = 'attnflow.apiKey';

/** ApiError is a failed request: kind is 'auth', 'notfound', 'timeout', 'server' or 'network'. */
export class ApiError extends Error {
  constructor(kind, status, message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

/** Api talks to the attnflow server the page was loaded from. */
export class Api {
  constructor({ timeoutMs = 30000, storage = window.localStorage } = {}) {
    this.timeoutMs = timeoutMs;
    this.storage = storage;
    this.v1Missing = new Set();
  }

  get key() { return this.storage.getItem(KEY_STORE) || ''; }
  set key(k) { k ? this.storage.setItem(KEY_STORE, k) : this.storage.removeItem(KEY_STORE); }

  headers(extra = {}) {
    const h = { ...extra };
    if (this.key) h.Authorization = 'Bearer ' + this.key;
    return h;
  }

  /** request sends one request and decodes JSON; raw returns the Response. */
  async request(method, path, { body, raw = false, timeoutMs = this.timeoutMs, signal } = {}) {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(new ApiError('timeout', 0, 'timeout')), timeoutMs);
    if (signal) signal.addEventListener('abort', () => ctl.abort(signal.reason), { once: true });
    let res;
    try {
      res = await fetch(path, {
        method,
        headers: this.headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: ctl.signal,
      });
    } catch (e) {
      if (e instanceof ApiError) throw e;
      if (ctl.signal.reason instanceof ApiError) throw ctl.signal.reason;
      throw new ApiError('network', 0, e.message || String(e));
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) {
      let msg = res.statusText;
      try { const j = await res.json(); msg = j.message || msg; } catch { /* not JSON */ }
      const kind = res.status === 401 ? 'auth' : res.status === 404 ? 'notfound' : 'server';
      throw new ApiError(kind, res.status, msg);
    }
    if (raw) return res;
    const text = await res.text();
    return text ? JSON.parse(text) : null;
  }

  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts) { return this.request('POST', path, { ...opts, body }); }

  info() { return this.get('/api/0/info'); }
  buckets() { return this.get('/api/0/buckets/'); }
  settings() { return this.get('/api/0/settings'); }
  setSetting(key, value) { return this.post('/api/0/settings/' + encodeURIComponent(key), value); }

  /** query runs an ActivityWatch query over each [start, end) period (Dates). */
  query(lines, periods, opts) {
    const timeperiods = periods.map(([s, e]) => s.toISOString() + '/' + e.toISOString());
    return this.post('/api/0/query/', { timeperiods, query: lines }, opts);
  }

  /**
   * v1 fetches a native attention-flow endpoint. It resolves to null when the
   * server does not offer it yet (404), so views can show their empty state.
   */
  async v1(path, params = {}, opts) {
    const base = path.split('?')[0];
    if (this.v1Missing.has(base)) return null;
    const q = new URLSearchParams(params).toString();
    try {
      return await this.get('/api/v1/' + path + (q ? '?' + q : ''), opts);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'notfound') {
        this.v1Missing.add(base);
        return null;
      }
      throw e;
    }
  }
}
