// Command attnflow is the attention-flow engine: an ActivityWatch-compatible
// server with an embedded store, built-in watchers, reports, models and a
// planner. Run "attnflow --help" for the subcommands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "attnflow:", err)
		os.Exit(1)
	}
}
