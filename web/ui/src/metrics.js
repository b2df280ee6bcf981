// Pure attention-flow measures computed from a day's events, following the
// product's definitions: focus = active time in categories with a positive
// score; a focus session is >= 25 min with >= 80% focus, ending after more
// than 5 min off focus or away. No I/O here: data in, numbers out.

export const MIN = 60e3;
export const SESSION = { minLen: 25 * MIN, minShare: 0.8, maxOff: 5 * MIN };

/** median of a list of numbers, or null when empty. */
export function median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** catName joins a category path: ["Work","Programming"] -> "Work > Programming". */
export function catName(cat) {
  if (!cat || !cat.length) return 'Uncategorized';
  return Array.isArray(cat) ? cat.join(' > ') : String(cat);
}

/**
 * Classes indexes ActivityWatch "classes" (categories): their colours and
 * scores, inherited from the nearest ancestor that sets them.
 */
export class Classes {
  constructor(classes) {
    this.list = (classes || []).filter((c) => Array.isArray(c.name));
    this.byName = new Map(this.list.map((c) => [catName(c.name), c]));
  }
  lookup(cat, field) {
    const path = Array.isArray(cat) ? cat : [];
    for (let n = path.length; n > 0; n--) {
      const c = this.byName.get(catName(path.slice(0, n)));
      if (c && c.data && c.data[field] !== undefined && c.data[field] !== '') return c.data[field];
    }
    return undefined;
  }
  score(cat) { const s = Number(this.lookup(cat, 'score')); return isFinite(s) ? s : 0; }
  /** color is the category's colour, else an ancestor's, else its first sub-category's, else grey. */
  color(cat) {
    const own = this.lookup(cat, 'color');
    if (own) return own;
    const prefix = catName(cat) + ' > ';
    const child = this.list.find((c) => catName(c.name).startsWith(prefix) && c.data && c.data.color);
    return child ? child.data.color : '#b8b2a7';
  }
  /** rules returns the [[name], rule] pairs the query language's categorize() takes. */
  rules() {
    return this.list
      .filter((c) => c.rule && c.rule.type === 'regex' && c.rule.regex)
      .map((c) => [c.name, { type: 'regex', regex: c.rule.regex, ignore_case: !!c.rule.ignore_case }]);
  }
}

/** prepare turns ActivityWatch events into sorted spans {s, e, app, title, cat, score}. */
export function prepare(events, classes, hide) {
  const out = [];
  for (const ev of events || []) {
    const s = Date.parse(ev.timestamp);
    const d = (ev.duration || 0) * 1000;
    if (!(d > 0)) continue;
    const data = ev.data || {};
    let app = data.app || '?', title = data.title || '';
    if (hide && hide(app, title)) { app = '(hidden)'; title = ''; }
    const cat = data.$category || ['Uncategorized'];
    out.push({ s, e: s + d, app, title, cat, score: classes.score(cat) });
  }
  out.sort((a, b) => a.s - b.s);
  return out;
}

/** runs merges consecutive spans on the same key into runs (time on one thing). */
export function runs(spans, key = (x) => x.app, maxGap = SESSION.maxOff) {
  const out = [];
  for (const x of spans) {
    const k = key(x);
    const last = out[out.length - 1];
    if (last && last.key === k && x.s - last.e <= maxGap) {
      last.e = x.e;
      last.active += x.e - x.s;
    } else {
      out.push({ key: k, s: x.s, e: x.e, active: x.e - x.s, cat: x.cat, score: x.score });
    }
  }
  return out;
}

/** switchCount counts changes between runs not separated by a long gap. */
export function switchCount(rs, maxGap = SESSION.maxOff) {
  let n = 0;
  for (let i = 1; i < rs.length; i++) if (rs[i].s - rs[i - 1].e <= maxGap) n++;
  return n;
}

/** focusSessions finds focus sessions with their interruptions. */
export function focusSessions(spans, p = SESSION) {
  const out = [];
  let cur = null, pending = [];
  const close = () => {
    if (cur && cur.e - cur.s >= p.minLen && cur.focus / cur.active >= p.minShare) {
      const inter = [...cur.off.entries()].sort((a, b) => b[1] - a[1]).map(([app, ms]) => ({ app, ms }));
      out.push({ s: cur.s, e: cur.e, active: cur.active, focus: cur.focus, share: cur.focus / cur.active, interruptions: inter });
    }
    cur = null; pending = [];
  };
  for (const x of spans) {
    const d = x.e - x.s, focus = x.score > 0;
    if (!cur) {
      if (focus) cur = { s: x.s, e: x.e, focus: d, active: d, lastFocus: x.e, off: new Map() };
      continue;
    }
    if (focus) {
      if (x.s - cur.lastFocus > p.maxOff) {
        close();
        cur = { s: x.s, e: x.e, focus: d, active: d, lastFocus: x.e, off: new Map() };
        continue;
      }
      for (const o of pending) {
        cur.active += o.e - o.s;
        cur.off.set(o.app, (cur.off.get(o.app) || 0) + (o.e - o.s));
      }
      pending = [];
      cur.e = x.e; cur.focus += d; cur.active += d; cur.lastFocus = x.e;
    } else if (x.e - cur.lastFocus > p.maxOff) {
      close();
    } else {
      pending.push(x);
    }
  }
  close();
  return out;
}

/** interruptionsIn lists the off-focus apps between s and e (ms), most time first. */
export function interruptionsIn(spans, s, e) {
  const m = new Map();
  for (const x of spans) {
    if (x.score > 0 || x.e <= s || x.s >= e) continue;
    m.set(x.app, (m.get(x.app) || 0) + Math.min(x.e, e) - Math.max(x.s, s));
  }
  return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([app, ms]) => ({ app, ms }));
}

/**
 * fromFlowDay replaces a summary's figures with the native API's for the
 * day (/api/v1/flow/days), keeping what only the events tell (interruptions).
 */
export function fromFlowDay(summary, d, spans) {
  const m = d.measures || {};
  const has = m.active_sec > 0;
  return {
    ...summary,
    source: 'v1',
    active: m.active_sec || 0,
    focus: m.focus_sec || 0,
    deep: has ? m.deep_work_ratio : null,
    switchesPerHour: has ? m.switches_per_hour : null,
    switches: m.switches || 0,
    span: has && m.span_median_sec > 0 ? m.span_median_sec : null,
    recovery: m.recoveries > 0 ? m.recovery_median_sec : null,
    sessions: (d.sessions || []).map((x) => {
      const s = Date.parse(x.start), e = Date.parse(x.end);
      return { s, e, active: x.active_sec * 1000, focus: x.focus_sec * 1000, share: x.focus_share, interruptions: interruptionsIn(spans, s, e) };
    }),
    breaks: (d.breaks || []).map((b) => ({ s: Date.parse(b.start), e: Date.parse(b.end) })),
  };
}

/** recoveryTimes: from leaving focus for a distraction until back on focus (ms each). */
export function recoveryTimes(spans, limit = 60 * MIN) {
  const out = [];
  for (let i = 1; i < spans.length; i++) {
    if (!(spans[i - 1].score > 0 && spans[i].score < 0)) continue;
    for (let j = i + 1; j < spans.length && spans[j].s - spans[i].s <= limit; j++) {
      if (spans[j].score > 0) { out.push(spans[j].s - spans[i].s); break; }
    }
  }
  return out;
}

/** breaks are away periods of at least minLen inside the active part of the day. */
export function breaks(afk, spans, minLen = 5 * MIN) {
  if (!spans.length) return [];
  const first = spans[0].s, last = spans[spans.length - 1].e;
  return (afk || [])
    .filter((a) => a.data && a.data.status === 'afk')
    .map((a) => { const s = Date.parse(a.timestamp); return { s: Math.max(s, first), e: Math.min(s + a.duration * 1000, last) }; })
    .filter((b) => b.e - b.s >= minLen)
    .sort((a, b) => a.s - b.s);
}

/** totals sums active time by a key, largest first: [{key, ms, cat, score}]. */
export function totals(spans, key) {
  const m = new Map();
  for (const x of spans) {
    const k = key(x);
    const t = m.get(k) || { key: k, ms: 0, cat: x.cat, score: x.score, byCat: new Map() };
    t.ms += x.e - x.s;
    const ck = catName(x.cat);
    const c = t.byCat.get(ck) || { cat: x.cat, score: x.score, ms: 0 };
    c.ms += x.e - x.s;
    t.byCat.set(ck, c);
    m.set(k, t);
  }
  // Each key takes the colour and score of the category it spends most time in.
  for (const t of m.values()) {
    const top = [...t.byCat.values()].sort((a, b) => b.ms - a.ms)[0];
    t.cat = top.cat; t.score = top.score;
    delete t.byCat;
  }
  return [...m.values()].sort((a, b) => b.ms - a.ms);
}

/** daySummary computes a day's key numbers (times in seconds). */
export function daySummary(spans, afk) {
  const active = spans.reduce((a, x) => a + x.e - x.s, 0);
  const focus = spans.reduce((a, x) => a + (x.score > 0 ? x.e - x.s : 0), 0);
  const rs = runs(spans);
  const sessions = focusSessions(spans);
  const inSessions = sessions.reduce((a, s) => a + s.active, 0);
  const sw = switchCount(rs);
  const rec = median(recoveryTimes(spans));
  const span = median(rs.map((r) => r.active));
  return {
    active: active / 1000,
    focus: focus / 1000,
    deep: active > 0 ? inSessions / active : null,
    switchesPerHour: active > 0 ? sw / (active / 3600e3) : null,
    span: span == null ? null : span / 1000,
    recovery: rec == null ? null : rec / 1000,
    sessions,
    breaks: breaks(afk, spans),
    switches: sw,
  };
}

/** baseline takes per-day summaries and returns the median of each measure over active days. */
export function baseline(summaries) {
  const days = summaries.filter((s) => s && s.active > 15 * 60);
  const pick = (k) => median(days.map((d) => d[k]).filter((v) => v != null));
  return { n: days.length, active: pick('active'), focus: pick('focus'), deep: pick('deep'), switchesPerHour: pick('switchesPerHour'), span: pick('span'), recovery: pick('recovery') };
}

/** transitions counts switches between keys (apps or categories) and the time spent after each. */
export function transitions(spans, key, maxGap = SESSION.maxOff) {
  const rs = runs(spans, key, maxGap);
  const m = new Map();
  for (let i = 1; i < rs.length; i++) {
    if (rs[i].s - rs[i - 1].e > maxGap) continue;
    const id = rs[i - 1].key + '\u0000' + rs[i].key;
    const t = m.get(id) || { from: rs[i - 1].key, to: rs[i].key, count: 0, ms: 0 };
    t.count++;
    t.ms += rs[i].active;
    m.set(id, t);
  }
  return [...m.values()].sort((a, b) => b.count - a.count);
}

/**
 * hourBins spreads category-chunked events over local hours: returns
 * {active: Float64Array(24), focus: Float64Array(24)} in seconds.
 */
export function hourBins(events, classes) {
  const active = new Float64Array(24), focus = new Float64Array(24);
  for (const ev of events || []) {
    let s = Date.parse(ev.timestamp), left = (ev.duration || 0) * 1000;
    const pos = classes.score((ev.data || {}).$category) > 0;
    while (left > 0) {
      const d = new Date(s);
      const h = d.getHours();
      const next = new Date(d.getFullYear(), d.getMonth(), d.getDate(), h + 1).getTime();
      const part = Math.min(left, next - s);
      active[h] += part / 1000;
      if (pos) focus[h] += part / 1000;
      s += part; left -= part;
    }
  }
  return { active, focus };
}

/** meanCI is the mean of xs with a normal-approximation 95% interval, clamped to [0, 1]. */
export function meanCI(xs) {
  const n = xs.length;
  if (!n) return null;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const v = n > 1 ? xs.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1) : 0.25;
  const h = 1.96 * Math.sqrt(v / n);
  return { n, mean: m, lo: Math.max(0, m - h), hi: Math.min(1, m + h) };
}
