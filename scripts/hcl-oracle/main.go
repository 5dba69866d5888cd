// hcl-oracle prints what HashiCorp's own parser (hclsyntax) reads in HCL files: every block and argument with its
// lines, and each argument's expression in a canonical form, so that ecr-guard's parser can be compared with it
// (policy-checker's HclOracleTest). Output, one line each, tab-separated:
//
//	FILE block PATH START_LINE END_LINE
//	FILE attr PATH START_LINE END_LINE EXPRESSION
//	FILE ERROR LINE    (the first error's line, for a file hclsyntax rejects)
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

var operations = map[*hclsyntax.Operation]string{
	hclsyntax.OpLogicalOr: "||", hclsyntax.OpLogicalAnd: "&&", hclsyntax.OpLogicalNot: "!",
	hclsyntax.OpEqual: "==", hclsyntax.OpNotEqual: "!=", hclsyntax.OpGreaterThan: ">",
	hclsyntax.OpGreaterThanOrEqual: ">=", hclsyntax.OpLessThan: "<", hclsyntax.OpLessThanOrEqual: "<=",
	hclsyntax.OpAdd: "+", hclsyntax.OpSubtract: "-", hclsyntax.OpMultiply: "*", hclsyntax.OpDivide: "/",
	hclsyntax.OpModulo: "%", hclsyntax.OpNegate: "neg",
}

func literal(v cty.Value) string {
	switch {
	case v.IsNull():
		return "null"
	case v.Type() == cty.String:
		return strconv.Quote(v.AsString())
	case v.Type() == cty.Bool:
		return strconv.FormatBool(v.True())
	case v.Type() == cty.Number:
		return "num(" + v.AsBigFloat().Text('g', -1) + ")"
	}
	return "?literal"
}

func traversal(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + literal(s.Key) + "]")
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

func list(es []hclsyntax.Expression) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = show(e)
	}
	return strings.Join(parts, ",")
}

func template(parts []hclsyntax.Expression) string {
	var out []string
	for _, p := range parts {
		s := show(p)
		if s == `""` {
			continue // an empty literal piece reads the same as none
		}
		if n := len(out); n > 0 && strings.HasPrefix(s, `"`) && strings.HasPrefix(out[n-1], `"`) {
			a, _ := strconv.Unquote(out[n-1])
			c, _ := strconv.Unquote(s)
			out[n-1] = strconv.Quote(a + c)
			continue
		}
		out = append(out, s)
	}
	return "tpl(" + strings.Join(out, ",") + ")"
}

func orNone(e hclsyntax.Expression) string {
	if e == nil {
		return "_"
	}
	return show(e)
}

func show(e hclsyntax.Expression) string {
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return literal(x.Val)
	case *hclsyntax.TemplateExpr:
		return template(x.Parts)
	case *hclsyntax.TemplateWrapExpr:
		return "tpl(" + show(x.Wrapped) + ")"
	case *hclsyntax.TemplateJoinExpr:
		return "join(" + show(x.Tuple) + ")"
	case *hclsyntax.ScopeTraversalExpr:
		return traversal(x.Traversal)
	case *hclsyntax.RelativeTraversalExpr:
		return "rel(" + show(x.Source) + "," + traversal(x.Traversal) + ")"
	case *hclsyntax.IndexExpr:
		return "index(" + show(x.Collection) + "," + show(x.Key) + ")"
	case *hclsyntax.SplatExpr:
		return "splat(" + show(x.Source) + "," + show(x.Each) + ")"
	case *hclsyntax.AnonSymbolExpr:
		return "item"
	case *hclsyntax.FunctionCallExpr:
		return "call(" + x.Name + ";" + list(x.Args) + ";" + strconv.FormatBool(x.ExpandFinal) + ")"
	case *hclsyntax.ConditionalExpr:
		return "cond(" + show(x.Condition) + "," + show(x.TrueResult) + "," + show(x.FalseResult) + ")"
	case *hclsyntax.BinaryOpExpr:
		return "bin(" + operations[x.Op] + "," + show(x.LHS) + "," + show(x.RHS) + ")"
	case *hclsyntax.UnaryOpExpr:
		return "un(" + operations[x.Op] + "," + show(x.Val) + ")"
	case *hclsyntax.TupleConsExpr:
		return "tuple(" + list(x.Exprs) + ")"
	case *hclsyntax.ObjectConsExpr:
		items := make([]string, len(x.Items))
		for i, item := range x.Items {
			items[i] = show(item.KeyExpr) + "=" + show(item.ValueExpr)
		}
		return "obj(" + strings.Join(items, ",") + ")"
	case *hclsyntax.ObjectConsKeyExpr:
		if name := hcl.ExprAsKeyword(x.Wrapped); name != "" && !x.ForceNonLiteral {
			return strconv.Quote(name)
		}
		return show(x.Wrapped)
	case *hclsyntax.ForExpr:
		return "for(" + x.KeyVar + "," + x.ValVar + "," + show(x.CollExpr) + "," + orNone(x.KeyExpr) + "," +
			show(x.ValExpr) + "," + orNone(x.CondExpr) + "," + strconv.FormatBool(x.Group) + ")"
	case *hclsyntax.ParenthesesExpr:
		return "paren(" + show(x.Expression) + ")"
	}
	return fmt.Sprintf("?%T", e)
}

func walk(file string, b *hclsyntax.Body, prefix string) {
	names := make([]string, 0, len(b.Attributes))
	for name := range b.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, bl := range b.Blocks {
		p := prefix + strings.Join(append([]string{bl.Type}, bl.Labels...), ".")
		fmt.Printf("%s\tblock\t%s\t%d\t%d\n", file, p, bl.TypeRange.Start.Line, bl.Body.SrcRange.End.Line)
		walk(file, bl.Body, p+"/")
	}
	for _, name := range names {
		a := b.Attributes[name]
		fmt.Printf("%s\tattr\t%s%s\t%d\t%d\t%s\n", file, prefix, name, a.SrcRange.Start.Line, a.SrcRange.End.Line,
			show(a.Expr))
	}
}

func main() {
	for _, f := range os.Args[1:] {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		file, diags := hclsyntax.ParseConfig(src, f, hcl.Pos{Line: 1, Column: 1, Byte: 0})
		if diags.HasErrors() {
			fmt.Printf("%s\tERROR\t%d\n", f, diags[0].Subject.Start.Line)
			continue
		}
		walk(f, file.Body.(*hclsyntax.Body), "")
	}
}
