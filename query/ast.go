package query

// expr is an expression node.
type expr interface{ pos() Pos }

// stmt is a statement node.
type stmt interface{ pos() Pos }

type (
	// litExpr is a constant: nil, bool, int64, float64, string, or a list
	// or object built only from constants (folded at compile time).
	litExpr struct {
		p   Pos
		val any
	}
	varExpr struct {
		p    Pos
		name string
	}
	callExpr struct {
		p    Pos
		name string
		fn   *builtin
		args []expr
	}
	listExpr struct {
		p     Pos
		elems []expr
	}
	dictExpr struct {
		p    Pos
		keys []string
		vals []expr
	}
	binExpr struct {
		p    Pos
		op   tokenKind
		l, r expr
	}
	negExpr struct {
		p Pos
		x expr
	}
)

type (
	assignStmt struct {
		p    Pos
		name string
		x    expr
	}
	exprStmt struct {
		p Pos
		x expr
	}
	// ifStmt holds if/elif branches in order and an optional else block.
	ifStmt struct {
		p      Pos
		conds  []expr
		blocks [][]stmt
		els    []stmt
	}
)

func (e *litExpr) pos() Pos    { return e.p }
func (e *varExpr) pos() Pos    { return e.p }
func (e *callExpr) pos() Pos   { return e.p }
func (e *listExpr) pos() Pos   { return e.p }
func (e *dictExpr) pos() Pos   { return e.p }
func (e *binExpr) pos() Pos    { return e.p }
func (e *negExpr) pos() Pos    { return e.p }
func (s *assignStmt) pos() Pos { return s.p }
func (s *exprStmt) pos() Pos   { return s.p }
func (s *ifStmt) pos() Pos     { return s.p }
