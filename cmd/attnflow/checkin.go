package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/checkin"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

// checkinFlags are the options of `attnflow checkin`.
type checkinFlags struct {
	focus, demand int
	interrupted   string
	state         string
	minutes       float64
	host          string
	server        string
	at            string
}

func newCheckinCmd(g *globalFlags) *cobra.Command {
	f := &checkinFlags{}
	cmd := &cobra.Command{
		Use:   "checkin",
		Short: "Say how focused you were — the labels your personal model learns from",
		Long: `checkin records a self-report about the last --minutes (default 15): how
focused you were (1 not at all … 5 deeply), how demanding it was (1–5) and
whether you were interrupted. Without --focus it asks on the terminal.
Answers are stored as events of the attnflow-checkin_<host> bucket, tied to the
windows they describe, and "attnflow model train" learns from them.`,
		Example: `  attnflow checkin
  attnflow checkin --focus 4 --demand 3 --interrupted no
  attnflow checkin --focus 2 --minutes 30 --server http://127.0.0.1:5600`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := g.load()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("focus") {
				if err := f.ask(cmd.InOrStdin(), cmd.OutOrStdout()); err != nil {
					return err
				}
			}
			end := time.Now()
			if f.at != "" {
				if end, err = time.Parse(time.RFC3339, f.at); err != nil {
					return attnflow.Errorf(attnflow.EINVALID, "at %q: give an RFC 3339 time such as 2026-03-03T14:30:00+01:00", f.at)
				}
			}
			a, err := f.answer(end)
			if err != nil {
				return err
			}
			if err := f.save(cmd.Context(), cfg, a); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Recorded: focus %d/5 for %s–%s.\n", a.Focus,
				a.Covers.Start.Local().Format("15:04"), a.Covers.End.Local().Format("15:04"))
			return nil
		}}
	fl := cmd.Flags()
	fl.IntVar(&f.focus, "focus", 0, "how focused were you? 1 (not at all) to 5 (deeply)")
	fl.IntVar(&f.demand, "demand", 0, "how demanding was it? 1 to 5")
	fl.StringVar(&f.interrupted, "interrupted", "", "were you interrupted? yes or no")
	fl.StringVar(&f.state, "state", "", "name the state instead: deep_focus, focus, shallow, distracted")
	fl.Float64Var(&f.minutes, "minutes", checkin.DefaultCovers.Minutes(), "how many minutes back the answer describes")
	fl.StringVar(&f.at, "at", "", "when the described span ended, RFC 3339 (default now)")
	fl.StringVar(&f.host, "hostname", "", "host the answer belongs to (default this machine's name)")
	fl.StringVar(&f.server, "server", "", "send to a running attnflow server at this URL instead of the data directory")
	return cmd
}

// ask reads the answers on the terminal.
func (f *checkinFlags) ask(in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	read := func(q string) string {
		fmt.Fprintf(out, "%s ", q)
		if !sc.Scan() {
			return ""
		}
		return strings.TrimSpace(sc.Text())
	}
	n, err := strconv.Atoi(read("How focused were you in the last 15 minutes? (1 not at all … 5 deeply)"))
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "focus: answer a number from 1 to 5")
	}
	f.focus = n
	if s := read("How demanding was it? (1–5, Enter to skip)"); s != "" {
		if f.demand, err = strconv.Atoi(s); err != nil {
			return attnflow.Errorf(attnflow.EINVALID, "demand: answer a number from 1 to 5")
		}
	}
	f.interrupted = read("Were you interrupted? (yes/no, Enter to skip)")
	return nil
}

func (f *checkinFlags) answer(now time.Time) (checkin.Answer, error) {
	a := checkin.Answer{Focus: f.focus, Demand: f.demand, State: f.state}
	switch strings.ToLower(f.interrupted) {
	case "":
	case "yes", "y", "true":
		v := true
		a.Interrupted = &v
	case "no", "n", "false":
		v := false
		a.Interrupted = &v
	default:
		return a, attnflow.Errorf(attnflow.EINVALID, "interrupted %q: answer yes or no", f.interrupted)
	}
	if f.minutes <= 0 || f.minutes > 240 {
		return a, attnflow.Errorf(attnflow.EINVALID, "minutes %g is outside 1..240", f.minutes)
	}
	now = now.Truncate(time.Second).UTC()
	a.Covers = attnflow.TimeRange{Start: now.Add(-time.Duration(f.minutes * float64(time.Minute))), End: now}
	return a, a.Validate()
}

func (f *checkinFlags) save(ctx context.Context, cfg Config, a checkin.Answer) error {
	if f.server != "" {
		return f.post(ctx, cfg, a)
	}
	if err := prepareDataDir(cfg.DataDir); err != nil {
		return err
	}
	db, err := openStore(ctx, cfg.DataDir, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	host := f.host
	if host == "" {
		host, _ = os.Hostname()
	}
	return server.SaveCheckIn(ctx, db, host, a)
}

// post sends the answer to a running server.
func (f *checkinFlags) post(ctx context.Context, cfg Config, a checkin.Answer) error {
	body, _ := json.Marshal(map[string]any{"focus": a.Focus, "demand": a.Demand, "interrupted": a.Interrupted,
		"state": a.State, "start": a.Covers.Start, "end": a.Covers.End, "host": f.host})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(f.server, "/")+"/api/v1/checkins", bytes.NewReader(body))
	if err != nil {
		return attnflow.Errorf(attnflow.EINVALID, "server URL %q: %v", f.server, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if len(cfg.Server.APIKeys) > 0 {
		req.Header.Set("Authorization", "Bearer "+cfg.Server.APIKeys[0])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("send check-in: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		var m struct{ Message string }
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return fmt.Errorf("send check-in: server answered %s: %s", resp.Status, m.Message)
	}
	return nil
}
