package query

// compiler resolves function names, folds constant lists and objects, and
// notes whether RETURN is assigned anywhere.
type compiler struct {
	err           *Error
	assignsReturn bool
}

func (c *compiler) stmts(ss []stmt) {
	for _, s := range ss {
		switch s := s.(type) {
		case *assignStmt:
			if s.name == "RETURN" {
				c.assignsReturn = true
			}
			s.x = c.expr(s.x)
		case *exprStmt:
			s.x = c.expr(s.x)
		case *ifStmt:
			for i := range s.conds {
				s.conds[i] = c.expr(s.conds[i])
				c.stmts(s.blocks[i])
			}
			c.stmts(s.els)
		}
	}
}

func (c *compiler) expr(e expr) expr {
	switch x := e.(type) {
	case *callExpr:
		fn, ok := builtins[x.name]
		if !ok && c.err == nil {
			c.err = errorf(KindInterpret, x.p, "unknown function '%s'", x.name)
		}
		x.fn = fn
		for i := range x.args {
			x.args[i] = c.expr(x.args[i])
		}
	case *listExpr:
		vals := make([]any, len(x.elems))
		constant := true
		for i := range x.elems {
			x.elems[i] = c.expr(x.elems[i])
			if lit, ok := x.elems[i].(*litExpr); ok {
				vals[i] = lit.val
			} else {
				constant = false
			}
		}
		if constant {
			return &litExpr{p: x.p, val: vals}
		}
	case *dictExpr:
		vals := make(map[string]any, len(x.keys))
		constant := true
		for i := range x.vals {
			x.vals[i] = c.expr(x.vals[i])
			if lit, ok := x.vals[i].(*litExpr); ok {
				vals[x.keys[i]] = lit.val
			} else {
				constant = false
			}
		}
		if constant {
			return &litExpr{p: x.p, val: vals}
		}
	case *binExpr:
		x.l, x.r = c.expr(x.l), c.expr(x.r)
	case *negExpr:
		x.x = c.expr(x.x)
	}
	return e
}
