package main

import (
	"context"
	"encoding/json"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/flow"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

// reportFlags are the options of `attnflow report`.
type reportFlags struct {
	day      string
	week     bool
	format   string
	tz       string
	dayStart string
	host     string
	server   string
}

func newReportCmd(g *globalFlags) *cobra.Command {
	f := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Print your attention-flow report for a day or a week",
		Long: `report prints the numbers that matter for a day (default: today) or a week:
focus time, deep-work ratio, focus sessions, context switches per active hour,
attention span, recovery time after distractions, breaks, top apps and
categories, where your attention flowed, and your focus-capacity peak hours —
each compared with your own average over the 28 days before.

It reads the embedded store in the data directory, or a running server with
--server. Days follow --tz (default: this machine's zone) and --day-start.`,
		Example: `  attnflow report
  attnflow report --day 2026-03-03 --format md
  attnflow report --week --tz Europe/Berlin --day-start 04:00
  attnflow report --server http://127.0.0.1:5600 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			rep, err := f.fetch(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			return writeReport(cmd.OutOrStdout(), rep, f.format)
		}}
	fl := cmd.Flags()
	fl.StringVar(&f.day, "day", "", "the day to report, YYYY-MM-DD (default today)")
	fl.BoolVar(&f.week, "week", false, "report the week (Monday to Sunday) containing --day")
	fl.StringVar(&f.format, "format", "text", "output: text, md or json")
	fl.StringVar(&f.tz, "tz", "", "time zone of days and hours, e.g. Europe/Berlin (default this machine's)")
	fl.StringVar(&f.dayStart, "day-start", "", "when a day begins, e.g. 04:00 (default midnight)")
	fl.StringVar(&f.host, "hostname", "", "only this host's data (default every host)")
	fl.StringVar(&f.server, "server", "", "read from a running attnflow server at this URL instead of the data directory")
	return cmd
}

func (f *reportFlags) query() (url.Values, flow.Config, error) {
	q := url.Values{}
	tz := f.tz
	if tz == "" {
		tz = localZoneName()
	}
	q.Set("tz", tz)
	if f.dayStart != "" {
		q.Set("day_start", f.dayStart)
	}
	if f.host != "" {
		q.Set("host", f.host)
	}
	if f.format != "text" && f.format != "md" && f.format != "json" {
		return nil, flow.Config{}, attnflow.Errorf(attnflow.EINVALID, "format %q: use text, md or json", f.format)
	}
	cfg, err := server.ParseFlowConfig(q)
	return q, cfg, err
}

func (f *reportFlags) period() string {
	if f.week {
		return "week"
	}
	return "day"
}

// fetch gets the report from the server or computes it from the store.
func (f *reportFlags) fetch(ctx context.Context, cfg Config) (flow.Report, error) {
	q, fcfg, err := f.query()
	if err != nil {
		return flow.Report{}, err
	}
	date := f.day
	if date == "" {
		date = flow.DateOf(time.Now(), fcfg)
	}
	if f.server != "" {
		key := ""
		if len(cfg.Server.APIKeys) > 0 {
			key = cfg.Server.APIKeys[0]
		}
		return server.NewClient(f.server, key, nil).FlowReport(ctx, f.period(), date, q)
	}
	if _, err := os.Stat(filepath.Join(cfg.DataDir, storeFile)); err != nil {
		return flow.Report{}, attnflow.Errorf(attnflow.ENOTFOUND,
			"no attnflow data in %s: run \"attnflow up\" to start recording, \"attnflow demo\" to try it on simulated data, or pass --data or --server", cfg.DataDir)
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return flow.Report{}, err
	}
	defer db.Close()
	return server.NewFlowEngine(db).Report(ctx, f.period(), date, f.host, fcfg)
}

// localZoneName returns this machine's IANA zone name, or UTC.
func localZoneName() string {
	if tz := os.Getenv("TZ"); tz != "" {
		if _, err := time.LoadLocation(strings.TrimPrefix(tz, ":")); err == nil {
			return strings.TrimPrefix(tz, ":")
		}
	}
	if target, err := os.Readlink("/etc/localtime"); err == nil {
		if i := strings.Index(target, "zoneinfo/"); i >= 0 {
			return target[i+len("zoneinfo/"):]
		}
	}
	return "UTC"
}

func writeReport(w io.Writer, rep flow.Report, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "md":
		return renderReport(w, rep, true)
	default:
		return renderReport(w, rep, false)
	}
}
