// Loading and caching of the data the views need, through aggregated
// ActivityWatch queries (one request for many days), never raw bucket dumps.

import { Classes, prepare, daySummary, fromFlowDay } from './metrics.js';
import { defaultClasses } from './defaults.js';

const DAY = 86400e3;
const TREND_CHUNK = 56; // days per trends request

/** parseHHMM reads "04:00" as minutes after midnight (0 when unset or invalid). */
export function parseHHMM(v) {
  const m = /^(\d{1,2}):(\d{2})/.exec(String(v || ''));
  return m ? Math.min(23, +m[1]) * 60 + Math.min(59, +m[2]) : 0;
}

/** dayKeyOf gives the local "YYYY-MM-DD" of the day containing t, given the start of day. */
export function dayKeyOf(t, sodMin) {
  const d = new Date(t - sodMin * 60e3);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** dayRange returns [start, end) of a local day key, honouring the start of day. */
export function dayRange(key, sodMin) {
  const [y, m, d] = key.split('-').map(Number);
  const s = new Date(y, m - 1, d, 0, sodMin);
  const e = new Date(y, m - 1, d + 1, 0, sodMin);
  return [s, e];
}

/** addDays shifts a day key by n days. */
export function addDays(key, n) {
  const [y, m, d] = key.split('-').map(Number);
  const t = new Date(y, m - 1, d + n, 12);
  return dayKeyOf(t.getTime(), 0);
}

/** Data holds the server context (buckets, settings) and caches per-day results. */
export class Data {
  constructor(api) {
    this.api = api;
    this.days = new Map(); // key -> {spans, afk, input, summary}
    this.trend = new Map(); // key -> category-chunked events
  }

  /** load reads buckets and settings; call again after settings change. */
  async load() {
    const [buckets, settings] = await Promise.all([this.api.buckets(), this.api.settings()]);
    this.settings = settings || {};
    this.buckets = Object.values(buckets || {});
    const newest = (type) => this.buckets.filter((b) => b.type === type)
      .sort((a, b) => String(b.last_updated || '').localeCompare(String(a.last_updated || '')))[0];
    this.win = newest('currentwindow');
    this.afk = newest('afkstatus');
    this.input = newest('os.hid.input');
    let cls = this.settings.classes;
    if (!Array.isArray(cls) || !cls.length) {
      // No categories saved yet: use the server's defaults, the ones its
      // reports and the attention-flow engine use, so every number agrees.
      const server = await this.api.v1('flow/categories').catch(() => null);
      cls = Array.isArray(server) && server.length ? server : defaultClasses;
    }
    this.classes = new Classes(cls);
    this.sod = parseHHMM(this.settings.startOfDay);
    this.privacy = compileHide(this.settings.attnflow_privacy);
    this.days.clear();
    this.trend.clear();
    return this;
  }

  get empty() { return !this.win; }
  today() { return dayKeyOf(Date.now(), this.sod); }

  /** activeExpr is the query that yields categorized, not-AFK window events in $win. */
  activeExpr() {
    const q = [`win = flood(query_bucket(${JSON.stringify(this.win.id)}));`];
    if (this.afk) {
      q.push(`afk = flood(query_bucket(${JSON.stringify(this.afk.id)}));`);
      q.push('win = filter_period_intersect(win, filter_keyvals(afk, "status", ["not-afk"]));');
    } else {
      q.push('afk = [];');
    }
    q.push(`win = categorize(win, ${JSON.stringify(this.classes.rules())});`);
    return q;
  }

  /** fetchDays loads the full data of the given day keys (cached), in one query. */
  async fetchDays(keys, opts) {
    const missing = keys.filter((k) => !this.days.has(k));
    if (missing.length && this.win) {
      const q = this.activeExpr();
      q.push(this.input ? `input = query_bucket(${JSON.stringify(this.input.id)});` : 'input = [];');
      q.push('RETURN = {"win": win, "afk": afk, "input": input};');
      const res = await this.api.query(q, missing.map((k) => dayRange(k, this.sod)), opts);
      missing.forEach((k, i) => this.days.set(k, this.digest(res[i])));
      await this.flowDays(missing, opts);
    }
    return keys.map((k) => this.days.get(k) || this.digest(null));
  }

  /** v1params are the time zone and start of day the native API needs. */
  v1params() {
    const hh = String(Math.floor(this.sod / 60)).padStart(2, '0'), mm = String(this.sod % 60).padStart(2, '0');
    return { tz: Intl.DateTimeFormat().resolvedOptions().timeZone, day_start: `${hh}:${mm}` };
  }

  /**
   * flowDays takes the days' measures and sessions from the native API
   * when the server has it, so the dashboard shows the engine's figures;
   * without it the figures computed here from the events stay.
   */
  async flowDays(keys, opts) {
    const sorted = [...keys].sort();
    let res;
    try {
      res = await this.api.v1('flow/days', { ...this.v1params(), start: sorted[0], end: sorted[sorted.length - 1] }, opts);
    } catch (e) {
      console.warn('native API flow/days failed; using figures computed from events', e);
      return;
    }
    for (const d of res || []) {
      const day = this.days.get(d.date);
      if (day) day.summary = fromFlowDay(day.summary, d, day.spans);
    }
  }

  digest(r) {
    const spans = prepare(r && r.win, this.classes, this.privacy);
    const afk = (r && r.afk) || [];
    return { spans, afk, input: (r && r.input) || [], summary: daySummary(spans, afk) };
  }

  /** fetchTrend loads category-chunked events per day (cached), in one query. */
  async fetchTrend(keys, opts) {
    const missing = keys.filter((k) => !this.trend.has(k));
    if (missing.length && this.win) {
      const q = this.activeExpr();
      q.push('RETURN = chunk_events_by_key(win, "$category");');
      // Long ranges go as a few concurrent requests, which the server
      // answers in parallel.
      const parts = [];
      for (let i = 0; i < missing.length; i += TREND_CHUNK) parts.push(missing.slice(i, i + TREND_CHUNK));
      await Promise.all(parts.map(async (part) => {
        const res = await this.api.query(q, part.map((k) => dayRange(k, this.sod)), opts);
        part.forEach((k, i) => this.trend.set(k, res[i] || []));
      }));
    }
    return keys.map((k) => this.trend.get(k) || []);
  }

  /** recentWindows returns distinct (app, title) with their time over the last n days. */
  async recentWindows(n = 7) {
    if (!this.win) return [];
    const end = new Date();
    const start = new Date(end.getTime() - n * DAY);
    const q = [`win = flood(query_bucket(${JSON.stringify(this.win.id)}));`];
    if (this.afk) q.push(`win = filter_period_intersect(win, filter_keyvals(flood(query_bucket(${JSON.stringify(this.afk.id)})), "status", ["not-afk"]));`);
    q.push('RETURN = sort_by_duration(merge_events_by_keys(win, ["app", "title"]));');
    const [res] = await this.api.query(q, [[start, end]]);
    return (res || []).map((e) => ({ app: e.data.app || '', title: e.data.title || '', sec: e.duration }));
  }
}

/** compileHide builds a predicate from the privacy setting's hide rules. */
export function compileHide(p) {
  // Rules are Go regular expressions (the watchers apply them); a leading (?i) becomes JS's i flag.
  const compile = (list) => (list || []).map((r) => {
    try { return r.startsWith('(?i)') ? new RegExp(r.slice(4), 'i') : new RegExp(r); } catch { return null; }
  }).filter(Boolean);
  const apps = compile(p && p.exclude_apps);
  const titles = compile(p && p.redact_titles);
  if (!apps.length && !titles.length) return null;
  return (app, title) => apps.some((r) => r.test(app)) || titles.some((r) => r.test(title));
}
