package query

import (
	"math"
)

func (r *run) exec(stmts []stmt) error {
	for _, s := range stmts {
		if err := r.check(s.pos()); err != nil {
			return err
		}
		switch s := s.(type) {
		case *assignStmt:
			v, err := r.eval(s.x)
			if err != nil {
				return err
			}
			r.vars[s.name] = v
		case *exprStmt:
			if _, err := r.eval(s.x); err != nil {
				return err
			}
		case *ifStmt:
			if err := r.execIf(s); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *run) execIf(s *ifStmt) error {
	for i, cond := range s.conds {
		v, err := r.eval(cond)
		if err != nil {
			return err
		}
		b, ok := v.(bool)
		if !ok {
			return errorf(KindInterpret, cond.pos(), "the condition must be true or false, got %s", typeName(v))
		}
		if b {
			return r.exec(s.blocks[i])
		}
	}
	return r.exec(s.els)
}

func (r *run) eval(e expr) (any, error) {
	switch x := e.(type) {
	case *litExpr:
		return x.val, nil
	case *varExpr:
		v, ok := r.vars[x.name]
		if !ok {
			return nil, errorf(KindInterpret, x.p, "variable '%s' is not defined", x.name)
		}
		return v, nil
	case *callExpr:
		return r.call(x)
	case *listExpr:
		out := make([]any, len(x.elems))
		for i, el := range x.elems {
			v, err := r.eval(el)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, r.chargeValue(x.p, out)
	case *dictExpr:
		out := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			v, err := r.eval(x.vals[i])
			if err != nil {
				return nil, err
			}
			out[k] = v
		}
		return out, r.chargeValue(x.p, out)
	case *negExpr:
		v, err := r.eval(x.x)
		if err != nil {
			return nil, err
		}
		switch n := v.(type) {
		case int64:
			if n == math.MinInt64 {
				return -float64(n), nil
			}
			return -n, nil
		case float64:
			return -n, nil
		}
		return nil, errorf(KindInterpret, x.p, "cannot negate %s", typeName(v))
	case *binExpr:
		l, err := r.eval(x.l)
		if err != nil {
			return nil, err
		}
		rv, err := r.eval(x.r)
		if err != nil {
			return nil, err
		}
		return r.binary(x, l, rv)
	}
	return nil, errorf(KindInterpret, e.pos(), "cannot evaluate %T", e)
}

func (r *run) call(c *callExpr) (any, error) {
	if err := r.check(c.p); err != nil {
		return nil, err
	}
	args := make([]any, len(c.args))
	for i, a := range c.args {
		v, err := r.eval(a)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	fn := c.fn
	if len(args) < fn.min || fn.max >= 0 && len(args) > fn.max {
		return nil, errorf(KindInterpret, c.p, "%s takes %s, got %d", c.name, fn.arity(), len(args))
	}
	v, err := fn.fn(r, c, args)
	if err != nil {
		return nil, err
	}
	if ev, ok := v.(eventList); ok {
		if err := r.charge(c.p, len(ev)); err != nil {
			return nil, err
		}
		if fn.keepsData && r.argsInterned(args) {
			r.markInterned(ev)
		}
	}
	return v, nil
}

func (r *run) binary(x *binExpr, l, rv any) (any, error) {
	if x.op == tEq {
		eq, ok := equal(l, rv)
		if !ok {
			return nil, errorf(KindInterpret, x.p, "cannot compare %s with %s", typeName(l), typeName(rv))
		}
		return eq, nil
	}
	if x.op == tPlus {
		if v, ok, err := r.concat(x, l, rv); ok || err != nil {
			return v, err
		}
	}
	li, lInt := l.(int64)
	ri, rInt := rv.(int64)
	if lInt && rInt {
		if v, ok := intOp(x.op, li, ri); ok {
			return v, nil
		}
	}
	lf, okL := asNumber(l)
	rf, okR := asNumber(rv)
	if !okL || !okR {
		return nil, errorf(KindInterpret, x.p, "cannot use %s on %s and %s", x.op, typeName(l), typeName(rv))
	}
	var f float64
	switch x.op {
	case tPlus:
		f = lf + rf
	case tMinus:
		f = lf - rf
	case tStar:
		f = lf * rf
	case tSlash, tPercent:
		if rf == 0 {
			return nil, errorf(KindInterpret, x.p, "division by zero")
		}
		if x.op == tSlash {
			f = lf / rf
		} else {
			f = math.Mod(lf, rf)
		}
	}
	if !finite(f) {
		return nil, errorf(KindInterpret, x.p, "the result of %s is not a finite number", x.op)
	}
	return f, nil
}

// intOp applies op to integers, reporting false on overflow, division
// (which always yields a float, as in aw-server-rust) and zero divisors.
func intOp(op tokenKind, a, b int64) (int64, bool) {
	switch op {
	case tPlus:
		s := a + b
		return s, (s > a) == (b > 0)
	case tMinus:
		d := a - b
		return d, (d < a) == (b > 0)
	case tStar:
		if a == 0 || b == 0 {
			return 0, true
		}
		p := a * b
		return p, p/b == a && !(a == -1 && b == math.MinInt64) && !(b == -1 && a == math.MinInt64)
	case tPercent:
		if b == 0 || b == -1 {
			return 0, b == -1
		}
		return a % b, true
	}
	return 0, false
}

// concat implements + on strings and lists.
func (r *run) concat(x *binExpr, l, rv any) (any, bool, error) {
	if ls, ok := l.(string); ok {
		rs, ok := rv.(string)
		if !ok {
			return nil, true, errorf(KindInterpret, x.p, "cannot add %s to a string", typeName(rv))
		}
		r.bytes += len(ls) + len(rs)
		if r.bytes > r.opts.MaxBytes {
			return nil, true, errorf(KindLimit, x.p, "the query built more than %d bytes of strings and lists", r.opts.MaxBytes)
		}
		return ls + rs, true, nil
	}
	if le, ok := l.(eventList); ok {
		if re, ok := rv.(eventList); ok {
			out := make(eventList, 0, len(le)+len(re))
			out = append(append(out, le...), re...)
			return out, true, r.charge(x.p, len(out))
		}
	}
	ll, okL := asList(l)
	rl, okR := asList(rv)
	switch {
	case okL && okR:
		out := make([]any, 0, len(ll)+len(rl))
		out = append(append(out, ll...), rl...)
		if err := r.chargeValue(x.p, out); err != nil {
			return nil, true, err
		}
		if ev, ok := asEvents(out); ok && len(out) > 0 {
			return ev, true, r.charge(x.p, len(ev))
		}
		return out, true, nil
	case okL || okR:
		return nil, true, errorf(KindInterpret, x.p, "cannot add %s and %s", typeName(l), typeName(rv))
	}
	return nil, false, nil
}

// nodeBytes is what one list or object node counts against MaxBytes.
const nodeBytes = 16

// chargeValue counts a newly built list or object against MaxBytes, by
// its full size including shared elements.
func (r *run) chargeValue(pos Pos, v any) error {
	left := (r.opts.MaxBytes - r.bytes) / nodeBytes
	w := weight(v, left, false)
	r.bytes += w * nodeBytes
	if w > left {
		return errorf(KindLimit, pos, "the query built more than %d bytes of strings and lists", r.opts.MaxBytes)
	}
	return nil
}
