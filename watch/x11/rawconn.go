package x11

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/attnflow/attnflow/watch"
)

// rawConn is a minimal X11 client connection, enough for the RECORD
// extension's EnableContext, whose stream of replies to one request no
// general X library models. It speaks little-endian.
type rawConn struct {
	c       net.Conn
	idBase  uint32
	idMask  uint32
	seq     uint16
	scratch [32]byte
}

var le = binary.LittleEndian

func pad4(n int) int { return (n + 3) &^ 3 }

// openRaw connects and performs the connection setup.
func openRaw(d display) (*rawConn, error) {
	c, err := dialRaw(d)
	if err != nil {
		return nil, fmt.Errorf("connect to X display :%s: %w", d.number, err)
	}
	rc := &rawConn{c: c}
	if err := rc.setup(d); err != nil {
		c.Close()
		return nil, err
	}
	return rc, nil
}

func (rc *rawConn) setup(d display) error {
	name, data := xauthCookie(d)
	req := make([]byte, 12+pad4(len(name))+pad4(len(data)))
	req[0] = 'l'
	le.PutUint16(req[2:], 11)
	le.PutUint16(req[6:], uint16(len(name)))
	le.PutUint16(req[8:], uint16(len(data)))
	copy(req[12:], name)
	copy(req[12+pad4(len(name)):], data)
	if _, err := rc.c.Write(req); err != nil {
		return fmt.Errorf("x setup: %w", err)
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(rc.c, head); err != nil {
		return fmt.Errorf("x setup: %w", err)
	}
	body := make([]byte, int(le.Uint16(head[6:]))*4)
	if _, err := io.ReadFull(rc.c, body); err != nil {
		return fmt.Errorf("x setup: %w", err)
	}
	if head[0] != 1 {
		n := min(int(head[1]), len(body))
		return fmt.Errorf("x server refused the connection: %s", body[:n])
	}
	if len(body) < 12 {
		return errors.New("x setup: short reply")
	}
	rc.idBase, rc.idMask = le.Uint32(body[4:]), le.Uint32(body[8:])
	return nil
}

// request sends one request and returns its sequence number.
func (rc *rawConn) request(b []byte) (uint16, error) {
	le.PutUint16(b[2:], uint16(len(b)/4))
	rc.seq++
	if _, err := rc.c.Write(b); err != nil {
		return 0, fmt.Errorf("x request: %w", err)
	}
	return rc.seq, nil
}

// readPacket reads one reply, error or event: the 32-byte header and, for
// a reply, its extra data.
func (rc *rawConn) readPacket() (head []byte, extra []byte, err error) {
	head = rc.scratch[:]
	if _, err := io.ReadFull(rc.c, head); err != nil {
		return nil, nil, err
	}
	if head[0] == 1 {
		n := le.Uint32(head[4:])
		if n > 1<<22 {
			return nil, nil, fmt.Errorf("x reply of %d words is too long", n)
		}
		extra = make([]byte, int(n)*4)
		if _, err := io.ReadFull(rc.c, extra); err != nil {
			return nil, nil, err
		}
	}
	return head, extra, nil
}

// reply reads packets until the reply (or error) to seq arrives.
func (rc *rawConn) reply(seq uint16) ([]byte, []byte, error) {
	for {
		head, extra, err := rc.readPacket()
		if err != nil {
			return nil, nil, err
		}
		if le.Uint16(head[2:]) != seq {
			continue // an event or an older answer
		}
		if head[0] == 0 {
			return nil, nil, fmt.Errorf("x error %d for request %d", head[1], seq)
		}
		return head, extra, nil
	}
}

// queryExtension returns an extension's major opcode.
func (rc *rawConn) queryExtension(name string) (byte, error) {
	b := make([]byte, 8+pad4(len(name)))
	b[0] = 98 // QueryExtension
	le.PutUint16(b[4:], uint16(len(name)))
	copy(b[8:], name)
	seq, err := rc.request(b)
	if err != nil {
		return 0, err
	}
	head, _, err := rc.reply(seq)
	if err != nil {
		return 0, err
	}
	if head[8] == 0 {
		return 0, fmt.Errorf("%w: the X server has no %s extension", watch.ErrUnsupported, name)
	}
	return head[9], nil
}

func (rc *rawConn) Close() error { return rc.c.Close() }
