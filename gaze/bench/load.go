// Package bench evaluates gaze detectors on the hand-labelled recordings
// of Andersson et al. (2017): it loads the dataset from an fs.FS, scores
// attnflow's detectors and the published ones the way the paper does,
// cross-validates parameter choices and prints the table.
package bench

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/attnflow/attnflow"
	"github.com/attnflow/attnflow/gaze"
	"github.com/attnflow/attnflow/gaze/formats"
)

// Recording is one labelled recording with the published detectors'
// outputs on it.
type Recording struct {
	gaze.Coded
	Samples   []gaze.Sample
	Published map[string][]gaze.Label // detector name → labels; nil when reference_outputs lacks it
	Order     []string                // published detector names in file order
}

// Geometry is the set-up of every recording in the dataset: SMI Hi-Speed
// at 500 Hz, a 1024×768 px screen of 380×300 mm at 670 mm.
func Geometry() gaze.Geometry {
	return gaze.Geometry{Rate: 500, ScreenWpx: 1024, ScreenHpx: 768, ScreenWmm: 380, ScreenHmm: 300, DistanceMM: 670}
}

// Load reads every recording under labelled/ that has both coders' files
// (<name>_labelled_MN.csv and _RA.csv), plus reference_outputs/<name>.csv
// when present.
func Load(fsys fs.FS) ([]Recording, error) {
	mns, err := fs.Glob(fsys, "labelled/*_labelled_MN.csv")
	if err != nil {
		return nil, fmt.Errorf("list recordings: %w", err)
	}
	if len(mns) == 0 {
		return nil, attnflow.Errorf(attnflow.ENOTFOUND, "no labelled/*_labelled_MN.csv files: is this the gaze-andersson2017 folder?")
	}
	sort.Strings(mns)
	var recs []Recording
	for _, mn := range mns {
		name := strings.TrimSuffix(path.Base(mn), "_labelled_MN.csv")
		rec, err := loadOne(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("recording %s: %w", name, err)
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// loadOne reads one recording's two coder files and reference outputs.
func loadOne(fsys fs.FS, name string) (Recording, error) {
	mn, err := readLabelled(fsys, "labelled/"+name+"_labelled_MN.csv")
	if err != nil {
		return Recording{}, err
	}
	ra, err := readLabelled(fsys, "labelled/"+name+"_labelled_RA.csv")
	if err != nil {
		return Recording{}, err
	}
	if len(mn.Samples) != len(ra.Samples) {
		return Recording{}, attnflow.Errorf(attnflow.EINVALID, "coder files differ in length: %d vs %d samples", len(mn.Samples), len(ra.Samples))
	}
	rec := Recording{
		Coded:   gaze.Coded{Name: name, Stimulus: gaze.StimulusOf(name), MN: mn.Labels, RA: ra.Labels},
		Samples: mn.Samples,
	}
	f, err := fsys.Open("reference_outputs/" + name + ".csv")
	if err != nil {
		return rec, nil // published outputs are optional
	}
	defer f.Close()
	ref, err := formats.ReadReference(f)
	if err != nil {
		return Recording{}, err
	}
	rec.Published = map[string][]gaze.Label{}
	for _, n := range ref.Names {
		if n == "MN" || n == "RA" || strings.HasSuffix(n, "_unused") {
			continue
		}
		if len(ref.Labels[n]) != len(rec.Samples) {
			return Recording{}, attnflow.Errorf(attnflow.EINVALID, "reference output %s has %d samples, recording %d", n, len(ref.Labels[n]), len(rec.Samples))
		}
		rec.Published[n] = ref.Labels[n]
		rec.Order = append(rec.Order, n)
	}
	return rec, nil
}

// readLabelled opens and parses one labelled CSV.
func readLabelled(fsys fs.FS, name string) (*formats.LabelledCSV, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	defer f.Close()
	l, err := formats.ReadLabelledCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return l, nil
}
