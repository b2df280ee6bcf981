package gaze

import (
	"strings"

	"github.com/attnflow/attnflow"
)

// Detector labels every sample of a recording. The result has one label
// per input sample, in order.
type Detector interface {
	Name() string
	Classify(samples []Sample, g Geometry) []Label
}

// DefaultMethod is the name of the default detector.
const DefaultMethod = "adaptive"

// Methods lists the detector names NewDetector accepts.
func Methods() []string { return []string{"adaptive", "ivt", "idt"} }

// NewDetector returns the detector called name with its default settings.
func NewDetector(name string) (Detector, error) {
	switch strings.ToLower(name) {
	case "", "adaptive":
		return Adaptive{P: DefaultParams()}, nil
	case "ivt":
		return IVT{Threshold: 30, Window: 0.006}, nil
	case "idt":
		return IDT{Dispersion: 1.0, MinDuration: 0.100}, nil
	}
	return nil, attnflow.Errorf(attnflow.EINVALID, "unknown gaze method %q (want one of %s)", name, strings.Join(Methods(), ", "))
}

var (
	_ Detector = Adaptive{}
	_ Detector = IVT{}
	_ Detector = IDT{}
)
