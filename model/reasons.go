package model

import (
	"fmt"
	"math"
)

// describe puts a feature of an observation into plain words.
func describe(f Feature, o Obs, b Baseline) string {
	x := o.Vector.X[f]
	switch f {
	case FActive:
		if x < minActive {
			return "away from the computer for the minute"
		}
		return fmt.Sprintf("active %.0f%% of the minute", 100*x)
	case FFocusShare:
		return fmt.Sprintf("%.0f%% of active time in focus apps", 100*x)
	case FCategory:
		return categoryText(o, x)
	case FSwitches:
		switch o.Switches {
		case 0:
			return "no app switch"
		case 1:
			return "1 app switch"
		}
		return fmt.Sprintf("%d app switches in the minute", o.Switches)
	case FTyping:
		return typingText(o.KeysMin, b)
	case FFocusRun:
		if o.RunMin < 1 {
			return "no stretch of focus work under way"
		}
		return fmt.Sprintf("%.0f min of focus work without a break-in", o.RunMin)
	}
	return f.String()
}

func categoryText(o Obs, score float64) string {
	what := o.Category
	if what == "" {
		what = "uncategorised apps"
	}
	if o.App != "" {
		what += " (" + o.App + ")"
	}
	return fmt.Sprintf("mostly %s, category score %+.1f", what, score)
}

func typingText(keysMin float64, b Baseline) string {
	usual := math.Expm1(b.KeysMedian)
	if usual < 1 {
		return fmt.Sprintf("%.0f keys per minute", keysMin)
	}
	rel := keysMin/usual - 1
	switch {
	case keysMin < 0.5:
		return "no typing"
	case math.Abs(rel) < 0.1:
		return fmt.Sprintf("typing at your usual pace (%.0f keys/min)", keysMin)
	case rel > 0:
		return fmt.Sprintf("typing %.0f%% faster than your usual (%.0f vs %.0f keys/min)", 100*rel, keysMin, usual)
	}
	return fmt.Sprintf("typing %.0f%% slower than your usual (%.0f vs %.0f keys/min)", -100*rel, keysMin, usual)
}

func historyText(pred Probs) string {
	s := pred.Argmax()
	return fmt.Sprintf("%s over the previous minutes (%.0f%% likely)", s.Label(), 100*pred[s])
}
