// Package sim is a persona simulator: it generates realistic
// ActivityWatch-shaped data (window, AFK, browser-tab, editor and input
// events) from a hidden, known attention process, and keeps the ground
// truth beside it (the true state of every minute, the true app visits, the
// true focus sessions and the persona's focus-capacity curve), so that the
// attention-flow engine can be checked against it.
//
// Personas are JSON files (see Persona for every field and its range);
// three ship embedded: developer, clinician and student. Generation is
// pure and deterministic for a given persona, start date, day count and
// seed.
//
// The attention process, per working day: arrival and departure times
// with jitter; a lunch break; meetings or lectures; the rest is filled with
// blocks whose kind is drawn from the persona's hourly focus propensity
// (times a weekday factor): focus blocks (deep focus after a warm-up
// without interruption), shallow blocks (mail, chat, admin) and distracted
// blocks (social media, video, news), separated by short away breaks.
// Within a block the person visits apps for log-normally distributed dwell
// times (heavy right tail); during focus, notifications arrive as a Poisson
// process, each a visit to a chat or mail app that may drift into a
// distraction, followed by a resumption lag. Input timing follows the
// state and the app; AFK is derived from the input as aw-watcher-afk does
// (3 min without input).
package sim
