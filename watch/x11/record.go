package x11

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/attnflow/attnflow/watch"
)

// RECORD extension constants (record.xml, X11 core protocol).
const (
	recQueryVersion  = 0
	recCreateContext = 1
	recEnableContext = 5
	recAllClients    = 3
	recFromServer    = 0

	evKeyPress      = 2
	evKeyRelease    = 3
	evButtonPress   = 4
	evButtonRelease = 5
	evMotionNotify  = 6
)

// recordSession is one RECORD data connection.
type recordSession struct {
	conn   *rawConn
	keymap func() *keymap

	held    [256]bool // shortcut modifiers held down, by keycode
	lastMS  uint32
	clockMS int64
	started bool
}

// startRecord opens a data connection and enables a context that records
// the core device events (keys, buttons, motion) of all clients.
func startRecord(d display) (*rawConn, error) {
	rc, err := openRaw(d)
	if err != nil {
		return nil, err
	}
	op, err := rc.queryExtension("RECORD")
	if err == nil {
		err = rc.recordInit(op)
	}
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("x record: %w", err)
	}
	return rc, nil
}

func (rc *rawConn) recordInit(op byte) error {
	v := make([]byte, 8)
	v[0], v[1] = op, recQueryVersion
	le.PutUint16(v[4:], 1)
	le.PutUint16(v[6:], 13)
	seq, err := rc.request(v)
	if err != nil {
		return err
	}
	if _, _, err := rc.reply(seq); err != nil {
		return err
	}
	ctxID := rc.idBase | (1 & rc.idMask)
	c := make([]byte, 20+4+24)
	c[0], c[1] = op, recCreateContext
	le.PutUint32(c[4:], ctxID)
	c[8] = 0                // element header: no timestamps or sequence numbers
	le.PutUint32(c[12:], 1) // one client spec
	le.PutUint32(c[16:], 1) // one range
	le.PutUint32(c[20:], recAllClients)
	r := c[24:]
	r[18], r[19] = evKeyPress, evMotionNotify // device events
	if _, err := rc.request(c); err != nil {
		return err
	}
	e := make([]byte, 8)
	e[0], e[1] = op, recEnableContext
	le.PutUint32(e[4:], ctxID)
	_, err = rc.request(e)
	return err
}

// run reads recorded data until the connection fails or is closed.
func (s *recordSession) run(rec watch.InputRecorder) error {
	for {
		head, data, err := s.conn.readPacket()
		if err != nil {
			return fmt.Errorf("x record: %w", err)
		}
		switch {
		case head[0] == 0:
			return fmt.Errorf("x record: error %d", head[1])
		case head[0] == 1 && head[1] == recFromServer:
			km := s.keymap()
			for len(data) >= 32 {
				s.event(data[:32], km, rec)
				data = data[32:]
			}
		}
	}
}

// event handles one recorded device event. The keycode is turned into its
// class here and goes no further.
func (s *recordSession) event(ev []byte, km *keymap, rec watch.InputRecorder) {
	typ, detail := ev[0]&0x7f, ev[1]
	at := s.serverTime(le.Uint32(ev[4:]))
	switch typ {
	case evKeyPress:
		class := km.class[detail]
		if km.shortcut[detail] {
			s.held[detail] = true
		} else if class != watch.KeyModifier && s.anyHeld() {
			class = watch.KeyShortcut
		}
		rec.Key(class, at)
	case evKeyRelease:
		s.held[detail] = false
	case evButtonPress:
		switch detail {
		case 4:
			rec.Scroll(0, -1)
		case 5:
			rec.Scroll(0, 1)
		case 6:
			rec.Scroll(-1, 0)
		case 7:
			rec.Scroll(1, 0)
		default:
			rec.Click()
		}
	case evMotionNotify:
		rec.MoveTo(int(int16(le.Uint16(ev[20:]))), int(int16(le.Uint16(ev[22:]))))
	}
}

func (s *recordSession) anyHeld() bool {
	for _, h := range s.held {
		if h {
			return true
		}
	}
	return false
}

// serverTime extends the server's 32-bit millisecond clock, which wraps
// every 49.7 days, into a monotonic duration.
func (s *recordSession) serverTime(ms uint32) time.Duration {
	if s.started {
		s.clockMS += int64(int32(ms - s.lastMS))
	} else {
		s.clockMS = int64(ms) // continuous across sessions with one server
	}
	s.lastMS, s.started = ms, true
	return time.Duration(s.clockMS) * time.Millisecond
}

// RecordInput implements watch.InputSource with the RECORD extension: it
// sees every key press, button press and pointer motion of every client,
// including synthetic input from XTEST (xdotool).
func (src *Source) RecordInput(ctx context.Context, rec watch.InputRecorder) error {
	d, err := parseDisplay(src.display)
	if err != nil {
		return fmt.Errorf("%w: %v", watch.ErrUnsupported, err)
	}
	if _, err := src.conn(); err != nil { // the keymap comes from the control connection
		return err
	}
	rc, err := startRecord(d)
	if err != nil {
		return err
	}
	var once sync.Once
	closeConn := func() { once.Do(func() { rc.Close() }) }
	defer closeConn()
	stop := context.AfterFunc(ctx, closeConn)
	defer stop()
	s := &recordSession{conn: rc, keymap: src.keymap}
	err = s.run(rec)
	if ctx.Err() != nil {
		return nil
	}
	return err
}
