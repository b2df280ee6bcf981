package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/attnflow/attnflow/flow"
)

// reportWriter prints sections as aligned text or as Markdown.
type reportWriter struct {
	w  io.Writer
	md bool
}

func (r reportWriter) title(s string) {
	if r.md {
		fmt.Fprintf(r.w, "# %s\n\n", s)
		return
	}
	fmt.Fprintf(r.w, "%s\n%s\n", s, strings.Repeat("═", min(len([]rune(s)), 78)))
}

func (r reportWriter) heading(s string) {
	if r.md {
		fmt.Fprintf(r.w, "## %s\n\n", s)
		return
	}
	fmt.Fprintf(r.w, "\n%s\n", s)
}

func (r reportWriter) para(s string) {
	if r.md {
		fmt.Fprintf(r.w, "%s\n\n", s)
		return
	}
	fmt.Fprintf(r.w, "  %s\n", s)
}

// table prints rows; the first row is the header (hidden in text when
// header is false).
func (r reportWriter) table(rows [][]string, header bool) {
	if len(rows) == 0 {
		return
	}
	if r.md {
		if !header {
			rows = append([][]string{make([]string, len(rows[0]))}, rows...)
		}
		for i, row := range rows {
			fmt.Fprintf(r.w, "| %s |\n", strings.Join(row, " | "))
			if i == 0 {
				fmt.Fprintf(r.w, "|%s\n", strings.Repeat("---|", len(row)))
			}
		}
		fmt.Fprintln(r.w)
		return
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range row {
			b.WriteString(c)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-len([]rune(c))+2))
			}
		}
		fmt.Fprintln(r.w, strings.TrimRight(b.String(), " "))
	}
}

func renderReport(w io.Writer, rep flow.Report, md bool) error {
	r := reportWriter{w: w, md: md}
	loc, err := time.LoadLocation(rep.Timezone)
	if err != nil {
		loc = time.UTC
	}
	r.title(reportTitle(rep))
	m := rep.Summary.Measures
	if m.ActiveSec == 0 {
		r.para("No activity recorded in this period.")
		if len(rep.Notes) > 0 {
			r.para("Notes: " + strings.Join(rep.Notes, "; "))
		}
		return nil
	}
	n := max(rep.ActiveDays, 1)
	per := flow.PerDay(m, n)
	unit := ""
	if rep.Period == "week" {
		unit = " per day"
		r.para(fmt.Sprintf("%d active days. Figures below are per active day unless they are ratios.", rep.ActiveDays))
	}
	r.heading("Headline")
	rows := headline(per, rep.Baseline, m, unit)
	if md {
		rows = append([][]string{{"Measure", "Value", "Detail", "vs your average"}}, rows...)
	}
	r.table(rows, md)
	if rep.Baseline != nil {
		r.para(fmt.Sprintf("Compared with your average over the %d active days before.", rep.BaselineDays))
	}
	if rep.Period == "week" {
		r.heading("Days")
		r.table(dayRows(rep.Days), true)
	}
	if rep.Period == "week" && len(rep.Summary.Sessions) > 12 {
		r.heading("Longest focus sessions")
	} else {
		r.heading("Focus sessions")
	}
	r.table(sessionRows(rep.Summary.Sessions, loc, rep.Period == "week"), true)
	r.heading("Where your time went")
	r.table(shareRows(m.TopCategories, m.TopApps), true)
	r.heading("Where your attention flowed (most frequent switches)")
	r.table(edgeRows(rep.Summary.Apps.Edges, 8), true)
	r.heading("Focus capacity by hour of day")
	capacitySection(r, rep.Capacity)
	if len(rep.Notes) > 0 {
		r.heading("Notes")
		for _, n := range rep.Notes {
			r.para(n)
		}
	}
	return nil
}

func reportTitle(rep flow.Report) string {
	d, err := time.Parse(flow.DateLayout, rep.From)
	if err != nil {
		return "attnflow report"
	}
	if rep.Period == "week" {
		e, _ := time.Parse(flow.DateLayout, rep.To)
		return fmt.Sprintf("attnflow report — week of %s to %s (%s)", d.Format("Mon 2 Jan"), e.Format("Mon 2 Jan 2006"), rep.Timezone)
	}
	return fmt.Sprintf("attnflow report — %s (%s)", d.Format("Monday 2 January 2006"), rep.Timezone)
}

func headline(per flow.Measures, base *flow.Measures, m flow.Measures, unit string) [][]string {
	b := flow.Measures{}
	if base != nil {
		b = *base
	}
	cmp := func(v, bv float64, higherBetter bool, format func(float64) string) string {
		if base == nil || bv == 0 {
			return ""
		}
		pct := (v - bv) / bv * 100
		arrow := "▲"
		if pct < 0 {
			arrow = "▼"
		}
		verdict := ""
		if math.Abs(pct) >= 10 {
			if (pct > 0) == higherBetter {
				verdict = ", better"
			} else {
				verdict = ", worse"
			}
		}
		return fmt.Sprintf("%s %+.0f%% vs %s%s", arrow, pct, format(bv), verdict)
	}
	perHour := func(v float64) string { return fmt.Sprintf("%.0f/h", v) }
	pulse := func(v float64) string { return fmt.Sprintf("%.0f", v) }
	return [][]string{
		{"Focus time" + unit, dur(per.FocusSec), fmt.Sprintf("%.0f%% of active time", 100*m.FocusRatio), cmp(per.FocusSec, b.FocusSec, true, dur)},
		{"Deep work" + unit, dur(per.SessionSec), fmt.Sprintf("%.0f%% of active time, %d sessions", 100*m.DeepWorkRatio, m.Sessions), cmp(per.SessionSec, b.SessionSec, true, dur)},
		{"Active" + unit, dur(per.ActiveSec), "", cmp(per.ActiveSec, b.ActiveSec, true, dur)},
		{"Context switches", fmt.Sprintf("%.0f / active hour", m.SwitchesPerHour), fmt.Sprintf("%d in all", m.Switches), cmp(m.SwitchesPerHour, b.SwitchesPerHour, false, perHour)},
		{"Attention span", "median " + secs(m.SpanMedianSec), "mean " + secs(m.SpanMeanSec) + ", 90% < " + secs(m.SpanP90Sec), cmp(m.SpanMedianSec, b.SpanMedianSec, true, secs)},
		{"Recovery", "median " + secs(m.RecoveryMedianSec), fmt.Sprintf("after %d interruptions, %d open > 2 h", m.Recoveries, m.Unrecovered), cmp(m.RecoveryMedianSec, b.RecoveryMedianSec, false, secs)},
		{"Breaks", fmt.Sprintf("%d", m.Breaks), dur(m.BreakSec) + " away in all", ""},
		{"Longest session", dur(m.LongestSessionSec), "", ""},
		{"Pulse", fmt.Sprintf("%.0f / 100", m.Pulse), "time-weighted focus score", cmp(m.Pulse, b.Pulse, true, pulse)},
	}
}

func dayRows(days []flow.DayBrief) [][]string {
	rows := [][]string{{"Day", "Active", "Focus", "Deep work", "Sessions", "Switches/h", "Span (median)"}}
	for _, d := range days {
		t, _ := time.Parse(flow.DateLayout, d.Date)
		m := d.Measures
		if m.ActiveSec == 0 {
			rows = append(rows, []string{t.Format("Mon 02 Jan"), "—", "", "", "", "", ""})
			continue
		}
		rows = append(rows, []string{t.Format("Mon 02 Jan"), dur(m.ActiveSec), dur(m.FocusSec), fmt.Sprintf("%.0f%%", 100*m.DeepWorkRatio),
			fmt.Sprint(m.Sessions), fmt.Sprintf("%.0f", m.SwitchesPerHour), secs(m.SpanMedianSec)})
	}
	return rows
}

func sessionRows(ss []flow.Session, loc *time.Location, withDay bool) (rows [][]string) {
	rows = [][]string{{"When", "Length", "Focus", "Mostly"}}
	if len(ss) == 0 {
		return append(rows, []string{"none", "", "", "a session is ≥ 25 min with ≥ 80% focus work"})
	}
	layout := "15:04"
	if withDay {
		layout = "Mon 15:04"
	}
	const maxRows = 12
	if len(ss) > maxRows {
		defer func() { rows = append(rows, []string{fmt.Sprintf("… and %d more", len(ss)-maxRows), "", "", ""}) }()
		ss = longest(ss, maxRows)
	}
	for _, s := range ss {
		rows = append(rows, []string{s.Start.In(loc).Format(layout) + "–" + s.End.In(loc).Format("15:04"), dur(s.Seconds),
			fmt.Sprintf("%.0f%%", 100*s.FocusShare), s.TopApp + " (" + s.Category + ")"})
	}
	return rows
}

// longest keeps the n longest sessions, in time order.
func longest(ss []flow.Session, n int) []flow.Session {
	idx := make([]int, len(ss))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ss[idx[a]].Seconds > ss[idx[b]].Seconds })
	idx = idx[:n]
	sort.Ints(idx)
	out := make([]flow.Session, n)
	for i, j := range idx {
		out[i] = ss[j]
	}
	return out
}

func shareRows(cats, apps []flow.Share) [][]string {
	rows := [][]string{{"Category", "Time", "Share", "App", "Time", "Share"}}
	for i := 0; i < max(len(cats), len(apps)) && i < 6; i++ {
		row := make([]string, 6)
		if i < len(cats) {
			row[0], row[1], row[2] = cats[i].Name, dur(cats[i].Seconds), fmt.Sprintf("%.0f%%", 100*cats[i].Share)
		}
		if i < len(apps) {
			row[3], row[4], row[5] = apps[i].Name, dur(apps[i].Seconds), fmt.Sprintf("%.0f%%", 100*apps[i].Share)
		}
		rows = append(rows, row)
	}
	return rows
}

func edgeRows(edges []flow.Edge, n int) [][]string {
	rows := [][]string{{"From", "", "To", "Times", "Time on it before (mean)"}}
	for i, e := range edges {
		if i == n {
			break
		}
		rows = append(rows, []string{e.From, "→", e.To, fmt.Sprint(e.Count), secs(e.MeanDwellSec)})
	}
	return rows
}

// capacitySection prints the hour-of-day curve as bars with intervals.
func capacitySection(r reportWriter, c flow.Capacity) {
	var peaks []string
	for _, h := range c.PeakHours {
		peaks = append(peaks, fmt.Sprintf("%02d:00", h))
	}
	r.para(fmt.Sprintf("Best hours: %s. Share of active time in focus, with a %.0f%% credible interval; hours with little data lean on your average.",
		strings.Join(peaks, ", "), 100*c.Level))
	rows := [][]string{{"Hour", "Focus", "", "Interval", "Observed"}}
	for _, cell := range c.Day {
		if cell.ActiveWindows == 0 {
			continue
		}
		bar := strings.Repeat("█", int(math.Round(cell.Mean*20)))
		rows = append(rows, []string{fmt.Sprintf("%02d:00", cell.Hour), fmt.Sprintf("%3.0f%%", 100*cell.Mean), bar,
			fmt.Sprintf("%.0f–%.0f%%", 100*cell.Lo, 100*cell.Hi), dur(float64(cell.ActiveWindows) * 60)})
	}
	r.table(rows, true)
}

// dur formats seconds as "5h 12m", "12m" or "40s".
func dur(sec float64) string {
	d := time.Duration(sec * float64(time.Second)).Round(time.Minute)
	switch {
	case sec < 60:
		return fmt.Sprintf("%.0fs", sec)
	case d >= time.Hour:
		return fmt.Sprintf("%dh %02dm", int(d.Hours()), int(d.Minutes())%60)
	default:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	}
}

// secs formats a short duration in seconds or minutes and seconds.
func secs(s float64) string {
	if s < 90 {
		return fmt.Sprintf("%.0f s", s)
	}
	return fmt.Sprintf("%dm %02ds", int(s)/60, int(s)%60)
}
