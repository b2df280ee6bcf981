package main

import "github.com/spf13/cobra"

// newImportGazeCmd is "attnflow import gaze FILE": the same as
// "attnflow gaze import", under the import command where people look for it.
func newImportGazeCmd() *cobra.Command {
	c := newGazeImportCmd()
	c.Use = "gaze FILE [--out samples.csv]"
	return c
}
