package main

import (
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze/formats"
	"github.com/attnflow/attnflow/server"
	"github.com/spf13/cobra"
)

// newGazeStreamCmd is "attnflow gaze stream FILE": send a recorded gaze
// file to a running server's live ingest, as a tracker bridge would.
func newGazeStreamCmd() *cobra.Command {
	var cf gazeColumnFlags
	var gf gazeGeometryFlags
	var srv, key, session, host, start string
	cmd := &cobra.Command{
		Use:   "stream FILE --session ID --start TIME [--server URL]",
		Short: "Send a gaze file to a running attnflow server (POST /api/v1/gaze/stream)",
		Long: `stream reads a gaze file (any format "attnflow gaze import" reads) and sends it
to the server's live gaze ingest in chunks, waiting when the server asks it to
(429/503 with Retry-After). --start is the wall-clock time of the file's time zero
(RFC 3339), so the gaze lines up with the desktop activity; geometry the file does
not give may be passed and is stored with the session.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			at, err := attnflow.ParseTime(start)
			if err != nil || start == "" {
				return attnflow.Errorf(attnflow.EINVALID, "--start %q: give the recording's start as RFC 3339, e.g. 2026-03-03T09:00:00Z", start)
			}
			f, err := os.Open(args[0])
			if err != nil {
				return fmt.Errorf("open gaze file: %w", err)
			}
			defer f.Close()
			rec, err := formats.Read(f, cf.options())
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			geo, _ := gf.geometry(rec.Geometry) // incomplete geometry is fine: the server asks for it when classifying
			if len(rec.Samples) > 0 && rec.Samples[0].T == rec.Samples[0].T {
				t0 := rec.Samples[0].T // the file's clock starts at its first sample
				for i := range rec.Samples {
					rec.Samples[i].T -= t0
				}
			}
			// No overall client timeout: retries may take a while; the command's
			// context still ends each request.
			c := server.NewClient(srv, key, &http.Client{Timeout: 5 * time.Minute})
			n, err := c.GazeStream(cmd.Context(), host, session, geo, at, rec.Samples, 0)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "sent %d samples of %s to %s as session %q\n", n, args[0], srv, session)
			return nil
		},
	}
	cf.register(cmd)
	gf.register(cmd)
	cmd.Flags().StringVar(&srv, "server", "http://127.0.0.1:5600", "attnflow server URL")
	cmd.Flags().StringVar(&key, "api-key", "", "API key, when the server requires one")
	cmd.Flags().StringVar(&session, "session", "", "gaze session id (required)")
	cmd.Flags().StringVar(&host, "host", "", "host the gaze belongs to (default: the server's)")
	cmd.Flags().StringVar(&start, "start", "", "wall-clock time of the recording's start, RFC 3339 (required)")
	_ = cmd.MarkFlagRequired("session")
	_ = cmd.MarkFlagRequired("start")
	return cmd
}
