package query

// maxDepth bounds the nesting of expressions and blocks so that a hostile
// query cannot exhaust the stack.
const maxDepth = 256

// parser is a recursive-descent parser for the union of the grammars of
// aw-core and aw-server-rust:
//
//	program := stmt*
//	stmt    := ";" | "if" expr block ("elif" expr block)* ("else" block)?
//	         | "return" expr end | NAME "=" expr end | expr end
//	end     := ";" (optional before "}" and at the end of the query)
//	block   := "{" stmt* "}"
//	expr    := unary (("+" | "-" | "*" | "/" | "%" | "==") unary)*
//	unary   := "-" unary | primary
//	primary := INT | FLOAT | STRING | BOOL | NAME | NAME "(" args ")"
//	         | "[" args "]" | "{" (STRING ":" expr ("," STRING ":" expr)*)? ","? "}"
//	         | "(" expr ")"
//	args    := (expr ("," expr)* ","?)?
//
// Binary operators share one precedence level and associate to the left,
// as in aw-server-rust: 1 + 2 * 3 is (1 + 2) * 3.
type parser struct {
	toks  []token
	i     int
	depth int
}

func parse(src string) ([]stmt, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	stmts, err := p.stmts(tEOF)
	if err != nil {
		return nil, err
	}
	return stmts, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) peekKind(off int) tokenKind {
	if p.i+off < len(p.toks) {
		return p.toks[p.i+off].kind
	}
	return tEOF
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) expect(k tokenKind, context string) (token, error) {
	t := p.peek()
	if t.kind != k {
		return t, errorf(KindParse, t.pos, "expected %s %s, found %s", k, context, describe(t))
	}
	return p.advance(), nil
}

func describe(t token) string {
	switch t.kind {
	case tIdent:
		return "'" + t.text + "'"
	case tString:
		return "a string"
	}
	return t.kind.String()
}

func (p *parser) enter(pos Pos) error {
	p.depth++
	if p.depth > maxDepth {
		return errorf(KindParse, pos, "query is nested more than %d levels deep", maxDepth)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

// stmts parses statements until the closing token (EOF or '}').
func (p *parser) stmts(closing tokenKind) ([]stmt, error) {
	var out []stmt
	for {
		t := p.peek()
		switch t.kind {
		case closing:
			return out, nil
		case tEOF:
			return nil, errorf(KindParse, t.pos, "block is not closed: expected '}' before the end of the query")
		case tSemi:
			p.advance()
			continue
		}
		s, err := p.stmt(closing)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

func (p *parser) stmt(closing tokenKind) (stmt, error) {
	t := p.peek()
	switch {
	case t.kind == tIf:
		return p.ifStmt()
	case t.kind == tReturn:
		p.advance()
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &assignStmt{p: t.pos, name: "RETURN", x: x}, p.end(closing)
	case t.kind == tIdent && p.peekKind(1) == tAssign:
		p.advance()
		p.advance()
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		return &assignStmt{p: t.pos, name: t.text, x: x}, p.end(closing)
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	return &exprStmt{p: t.pos, x: x}, p.end(closing)
}

// end consumes the ';' that ends a statement. It may be left out at the
// end of the query and before the '}' closing a block.
func (p *parser) end(closing tokenKind) error {
	switch t := p.peek(); t.kind {
	case tSemi:
		p.advance()
		return nil
	case tEOF, closing:
		return nil
	default:
		return errorf(KindParse, t.pos, "expected ';' after the statement, found %s", describe(t))
	}
}

func (p *parser) ifStmt() (stmt, error) {
	s := &ifStmt{p: p.advance().pos}
	if err := p.enter(s.p); err != nil {
		return nil, err
	}
	defer p.leave()
	for {
		cond, err := p.expr()
		if err != nil {
			return nil, err
		}
		block, err := p.block()
		if err != nil {
			return nil, err
		}
		s.conds, s.blocks = append(s.conds, cond), append(s.blocks, block)
		if p.peek().kind != tElif {
			break
		}
		p.advance()
	}
	if p.peek().kind == tElse {
		p.advance()
		block, err := p.block()
		if err != nil {
			return nil, err
		}
		s.els = block
		if s.els == nil {
			s.els = []stmt{}
		}
	}
	return s, nil
}

func (p *parser) block() ([]stmt, error) {
	if _, err := p.expect(tLBrace, "to open the block"); err != nil {
		return nil, err
	}
	stmts, err := p.stmts(tRBrace)
	if err != nil {
		return nil, err
	}
	p.advance() // '}'
	return stmts, nil
}

func isBinOp(k tokenKind) bool {
	switch k {
	case tPlus, tMinus, tStar, tSlash, tPercent, tEq:
		return true
	}
	return false
}

func (p *parser) expr() (expr, error) {
	x, err := p.unary()
	if err != nil {
		return nil, err
	}
	for isBinOp(p.peek().kind) {
		op := p.advance()
		y, err := p.unary()
		if err != nil {
			return nil, err
		}
		x = &binExpr{p: op.pos, op: op.kind, l: x, r: y}
	}
	return x, nil
}

func (p *parser) unary() (expr, error) {
	t := p.peek()
	if err := p.enter(t.pos); err != nil {
		return nil, err
	}
	defer p.leave()
	if t.kind == tMinus {
		p.advance()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &negExpr{p: t.pos, x: x}, nil
	}
	return p.primary()
}

func (p *parser) primary() (expr, error) {
	t := p.advance()
	switch t.kind {
	case tInt:
		return &litExpr{p: t.pos, val: t.i}, nil
	case tFloat:
		return &litExpr{p: t.pos, val: t.f}, nil
	case tString:
		return &litExpr{p: t.pos, val: t.text}, nil
	case tBool:
		return &litExpr{p: t.pos, val: t.b}, nil
	case tIdent:
		if p.peek().kind == tLParen {
			p.advance()
			args, err := p.args(tRParen, "to close the argument list of "+t.text)
			if err != nil {
				return nil, err
			}
			return &callExpr{p: t.pos, name: t.text, args: args}, nil
		}
		return &varExpr{p: t.pos, name: t.text}, nil
	case tLBrack:
		elems, err := p.args(tRBrack, "to close the list")
		if err != nil {
			return nil, err
		}
		return &listExpr{p: t.pos, elems: elems}, nil
	case tLBrace:
		return p.dict(t.pos)
	case tLParen:
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tRParen, "to close the parenthesis"); err != nil {
			return nil, err
		}
		return x, nil
	}
	return nil, errorf(KindParse, t.pos, "expected a value, found %s", describe(t))
}

// args parses comma-separated expressions up to the closing token.
func (p *parser) args(closing tokenKind, context string) ([]expr, error) {
	out := []expr{}
	for p.peek().kind != closing {
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	_, err := p.expect(closing, context)
	return out, err
}

func (p *parser) dict(pos Pos) (expr, error) {
	d := &dictExpr{p: pos}
	seen := map[string]bool{}
	for p.peek().kind != tRBrace {
		k, err := p.expect(tString, "as object key (keys are quoted strings)")
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tColon, "after the object key"); err != nil {
			return nil, err
		}
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		if seen[k.text] {
			// A later duplicate key wins, as in both reference servers.
			for i, key := range d.keys {
				if key == k.text {
					d.vals[i] = v
				}
			}
		} else {
			seen[k.text] = true
			d.keys, d.vals = append(d.keys, k.text), append(d.vals, v)
		}
		if p.peek().kind != tComma {
			break
		}
		p.advance()
	}
	_, err := p.expect(tRBrace, "to close the object")
	return d, err
}
