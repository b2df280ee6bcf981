package x11

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// display is a parsed DISPLAY value ("[host]:N[.S]", "unix:N", a socket path).
type display struct {
	host   string // "" for the local unix socket
	number string
	socket string // explicit socket path, if given
}

func parseDisplay(s string) (display, error) {
	if s == "" {
		return display{}, errors.New("DISPLAY is not set")
	}
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return display{}, fmt.Errorf("bad DISPLAY %q", s)
	}
	d := display{}
	num := s[i+1:]
	if j := strings.IndexByte(num, '.'); j >= 0 {
		num = num[:j]
	}
	if _, err := strconv.Atoi(num); err != nil {
		return display{}, fmt.Errorf("bad DISPLAY %q", s)
	}
	d.number = num
	host := s[:i]
	if j := strings.LastIndexByte(host, '/'); j >= 0 && !strings.HasPrefix(host, "/") {
		host = host[j+1:] // "tcp/host"
	}
	switch {
	case strings.HasPrefix(host, "/"):
		d.socket = host + ":" + num
	case host != "" && host != "unix":
		d.host = host
	}
	return d, nil
}

// dialRaw opens a plain connection to the X server.
func dialRaw(d display) (net.Conn, error) {
	switch {
	case d.socket != "":
		return net.Dial("unix", d.socket)
	case d.host != "":
		n, _ := strconv.Atoi(d.number)
		return net.Dial("tcp", net.JoinHostPort(d.host, strconv.Itoa(6000+n)))
	}
	path := "/tmp/.X11-unix/X" + d.number
	c, err := net.Dial("unix", path)
	if err == nil {
		return c, nil
	}
	if c2, err2 := net.Dial("unix", "@"+path); err2 == nil { // Linux abstract socket
		return c2, nil
	}
	return nil, err
}

// xauthCookie returns the MIT-MAGIC-COOKIE-1 for the display from the
// Xauthority file, or nothing when there is none (e.g. Xvfb without -auth).
func xauthCookie(d display) (name string, data []byte) {
	path := os.Getenv("XAUTHORITY")
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", nil
		}
		path = filepath.Join(home, ".Xauthority")
	}
	f, err := os.Open(path)
	if err != nil {
		return "", nil
	}
	defer f.Close()
	host := d.host
	if host == "" || host == "localhost" {
		host, _ = os.Hostname()
	}
	return findCookie(bufio.NewReader(f), host, d.number)
}

// findCookie scans Xauthority entries for the first that matches host and
// display number (family Local by hostname, or Wild).
func findCookie(r io.Reader, host, number string) (string, []byte) {
	const familyLocal, familyWild = 256, 65535
	for {
		var family uint16
		if binary.Read(r, binary.BigEndian, &family) != nil {
			return "", nil
		}
		var fields [4][]byte
		for i := range fields {
			var n uint16
			if binary.Read(r, binary.BigEndian, &n) != nil {
				return "", nil
			}
			fields[i] = make([]byte, n)
			if _, err := io.ReadFull(r, fields[i]); err != nil {
				return "", nil
			}
		}
		addr, num, name, data := string(fields[0]), string(fields[1]), string(fields[2]), fields[3]
		hostOK := family == familyWild || (family == familyLocal && addr == host)
		if hostOK && (num == "" || num == number) && name == "MIT-MAGIC-COOKIE-1" {
			return name, data
		}
	}
}
