// Attention states from the native API (/api/v1/flow/windows) as timeline
// spans. The shape is read tolerantly: an array or {windows: [...]}, each
// with start/timestamp, end or duration (s), state, score and reasons.

const COLORS = { deep_focus: '#1f6f5f', deep: '#1f6f5f', focus: '#3b8f7c', shallow: '#9cc5b6', distracted: '#d98c5f', away: '#d9d3c7' };

/** stateLane converts the native response into spans {s, e, state, score, reasons, color}. */
export function stateLane(res) {
  const list = Array.isArray(res) ? res : (res && (res.windows || res.states)) || [];
  return list.map((w) => {
    const s = Date.parse(w.start || w.timestamp);
    const e = w.end ? Date.parse(w.end) : s + (w.duration || 60) * 1000;
    const state = String(w.state || '');
    const reasons = (w.reasons || []).map((r) => (typeof r === 'string' ? r : r.text || r.reason || JSON.stringify(r)));
    return { s, e, state, score: w.score ?? null, reasons, color: COLORS[state.toLowerCase().replace(/[\s-]/g, '_')] || '#b8b2a7' };
  }).filter((x) => isFinite(x.s) && isFinite(x.e));
}
