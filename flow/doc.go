// Package flow turns raw attention events into the attention flow: the
// canonical activity (which window had the person's attention, while they
// were at the machine, with the browser tab and the editor's project merged
// in), its categories and focus scores, regular feature windows, focus
// sessions and the measures people ask for (deep-work ratio, switches per
// active hour, attention span, recovery time, breaks, the transition
// graph), daily and weekly rollups, and the focus-capacity curve by hour of
// week with its uncertainty.
//
// The package is pure: it takes events and returns values, does no I/O and
// keeps no global state. The one stateful helper, DayCache, is owned by its
// caller. Definitions follow PRODUCT.md; every threshold is in Config.
package flow
