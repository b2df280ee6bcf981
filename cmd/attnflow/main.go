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

	"github.com/attnflow/attnflow"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "attnflow:", errorText(err))
		os.Exit(1)
	}
}

// errorText is what a person reads: the message of a domain error (its
// code is for machines), or the whole chain for anything else.
func errorText(err error) string {
	if code := attnflow.ErrorCode(err); code != attnflow.EINTERNAL {
		return attnflow.ErrorMessage(err)
	}
	return err.Error()
}
