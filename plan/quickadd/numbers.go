package quickadd

import (
	"strconv"
	"strings"
)

// enNumbers are the number words English quick-adds use for counts.
var enNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2,
}

// enNumberWords is the regexp alternation of enNumbers' keys and digits.
const enNumberWords = `\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve`

// zhDigits are the Chinese numerals 零 … 九 (and 两).
var zhDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// zhNumber is the regexp class of a Chinese or Arabic count below 100.
const zhNumber = `(?:\d+|[零〇一二两三四五六七八九十]+)`

// number reads an Arabic, English-word or Chinese count; ok is false when s
// is none of them.
func number(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if n, ok := enNumbers[s]; ok {
		return n, true
	}
	return zhCount(s)
}

// zhCount reads Chinese numerals below 100: 三, 十, 十二, 二十, 二十五, 两.
func zhCount(s string) (int, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	tens, units, seenTen := 0, 0, false
	for i, r := range rs {
		if r == '十' {
			if seenTen {
				return 0, false
			}
			seenTen = true
			tens = 1
			if i > 0 {
				tens = units
			}
			units = 0
			continue
		}
		d, ok := zhDigits[r]
		if !ok || (i > 0 && !seenTen) {
			return 0, false
		}
		units = d
	}
	return tens*10 + units, true
}
