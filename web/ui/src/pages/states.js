// Attention states for the timeline from the native API
// (/api/v1/flow/windows). When a window carries a model state (state,
// score, reasons) it is shown as is; until the attention model ships, the
// flow engine's per-minute features give the lane: focus or not, a 0–100
// focus score and the features behind it as reasons.

const COLORS = { deep_focus: '#1f6f5f', deep: '#1f6f5f', focus: '#3b8f7c', shallow: '#9cc5b6', distracted: '#d98c5f', away: '#d9d3c7' };

/** stateLane converts the native response into spans {s, e, state, score, reasons, color}. */
export function stateLane(res, windowSec = 60) {
  const list = Array.isArray(res) ? res : (res && (res.windows || res.states)) || [];
  return list.map((w) => {
    const s = Date.parse(w.start || w.timestamp);
    const e = w.end ? Date.parse(w.end) : s + (w.duration || windowSec) * 1000;
    let state = String(w.state || ''), score = w.score ?? null, reasons = w.reasons || [];
    if (!state) {
      state = w.focus ? 'focus' : w.score < 0 ? 'distracted' : 'shallow';
      score = Math.round(100 * (w.focus_share || 0));
      reasons = [
        `focus share ${Math.round(100 * (w.focus_share || 0))}%`,
        w.dominant_app ? `mostly ${w.dominant_app}` : null,
        `${w.switches || 0} switches`,
        w.keys_per_min ? `${Math.round(w.keys_per_min)} keys/min` : null,
      ].filter(Boolean);
    }
    reasons = reasons.map((r) => (typeof r === 'string' ? r : r.text || r.reason || JSON.stringify(r)));
    return { s, e, state, score, reasons, color: COLORS[state.toLowerCase().replace(/[\s-]/g, '_')] || '#b8b2a7' };
  }).filter((x) => isFinite(x.s) && isFinite(x.e));
}
