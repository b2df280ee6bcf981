package main

import (
	"context"
)

// startWatchers runs the built-in watchers beside the server until ctx ends.
func startWatchers(ctx context.Context, a *app) error {
	a.logger.Info("built-in watchers are not available in this build")
	<-ctx.Done()
	return nil
}
