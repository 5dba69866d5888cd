package dev.ecrguard.hcl;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a parsed file the way {@code scripts/hcl-oracle} prints what HashiCorp's hclsyntax reads: blocks and
 * arguments with their lines, and each argument's expression in the oracle's canonical form (hclsyntax's node kinds:
 * literal traversals are flattened, a traversal after another expression is {@code rel(...)}).
 */
final class CanonicalForm {
    private final String file;
    private final String text;

    private CanonicalForm(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The oracle's lines for {@code text}, or one ERROR line with the error's line. */
    static List<String> of(String file, String text) {
        List<String> lines = new ArrayList<>();
        try {
            new CanonicalForm(file, text).walk(Hcl.parse(text), "", lines);
        } catch (HclSyntaxError e) {
            return List.of(file + "\tERROR\t" + e.line());
        }
        return lines;
    }

    private void walk(Body body, String prefix, List<String> out) {
        for (Block block : body.blocks()) {
            List<String> names = new ArrayList<>(List.of(block.type()));
            names.addAll(block.labels());
            String path = prefix + String.join(".", names);
            out.add(file + "\tblock\t" + path + "\t" + block.span().line() + "\t" + block.span().endLine());
            walk(block.body(), path + "/", out);
        }
        body.attributes().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(a -> out.add(file
                + "\tattr\t" + prefix + a.name() + "\t" + a.span().line() + "\t" + a.span().endLine() + "\t"
                + show(a.value())));
    }

    String show(Expression e) {
        if (e instanceof Expression.Literal l) {
            return literal(l.value());
        } else if (e instanceof Expression.Template t) {
            return template(t.parts());
        } else if (e instanceof Expression.Variable v) {
            return v.name();
        } else if (e instanceof Expression.GetAttr || e instanceof Expression.Index) {
            return traversal(e);
        } else if (e instanceof Expression.SplatItem) {
            return "item";
        } else if (e instanceof Expression.Splat s) {
            return "splat(" + show(s.source()) + "," + show(s.each()) + ")";
        } else if (e instanceof Expression.Call c) {
            return "call(" + c.name() + ";" + list(c.arguments()) + ";" + c.expandLast() + ")";
        } else if (e instanceof Expression.Conditional c) {
            return "cond(" + show(c.condition()) + "," + show(c.whenTrue()) + "," + show(c.whenFalse()) + ")";
        } else if (e instanceof Expression.Binary b) {
            return "bin(" + b.operator().symbol() + "," + show(b.left()) + "," + show(b.right()) + ")";
        } else if (e instanceof Expression.Unary u) {
            return "un(" + (u.operator() == Expression.Operator.NOT ? "!" : "neg") + "," + show(u.operand()) + ")";
        } else if (e instanceof Expression.Tuple t) {
            return "tuple(" + list(t.items()) + ")";
        } else if (e instanceof Expression.ObjectCons o) {
            return "obj(" + o.items().stream().map(item -> key(item.key()) + "=" + show(item.value()))
                    .collect(Collectors.joining(",")) + ")";
        } else if (e instanceof Expression.ForExpr f) {
            return "for(" + (f.keyVariable() == null ? "" : f.keyVariable()) + "," + f.valueVariable() + ","
                    + show(f.collection()) + "," + orNone(f.key()) + "," + show(f.value()) + "," + orNone(f.condition())
                    + "," + f.grouping() + ")";
        }
        return "paren(" + show(((Expression.Parenthesized) e).inner()) + ")";
    }

    private String key(Expression key) {
        if (key instanceof Expression.Template t && !key.span().of(text).startsWith("\"") && t.literal() != null) {
            return quote(t.literal()); // a bare name
        }
        return show(key);
    }

    private String orNone(Expression e) {
        return e == null ? "_" : show(e);
    }

    private String list(List<Expression> items) {
        return items.stream().map(this::show).collect(Collectors.joining(","));
    }

    /** A chain of attribute and literal-index steps over a name, or over another expression ({@code rel}). */
    private String traversal(Expression e) {
        List<String> steps = new ArrayList<>();
        Expression root = e;
        while (true) {
            if (root instanceof Expression.GetAttr g) {
                steps.add(0, "." + g.name());
                root = g.source();
            } else if (root instanceof Expression.Index i && literalKey(i.key()) != null) {
                steps.add(0, "[" + literalKey(i.key()) + "]");
                root = i.source();
            } else {
                break;
            }
        }
        if (steps.isEmpty()) {
            Expression.Index i = (Expression.Index) e;
            return "index(" + show(i.source()) + "," + show(i.key()) + ")";
        }
        String path = String.join("", steps);
        return root instanceof Expression.Variable v ? v.name() + path : "rel(" + show(root) + "," + path + ")";
    }

    private String literalKey(Expression key) {
        if (key instanceof Expression.Literal l) {
            return literal(l.value());
        }
        if (key instanceof Expression.Template t && t.literal() != null) {
            return quote(t.literal());
        }
        return null;
    }

    private String template(List<TemplatePart> parts) {
        List<String> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Text t) {
                pending.append(t.text());
                continue;
            }
            if (!pending.isEmpty()) {
                out.add(quote(pending.toString()));
                pending.setLength(0);
            }
            if (part instanceof TemplatePart.Interpolation i) {
                out.add(show(i.expression()));
            } else if (part instanceof TemplatePart.If i) {
                out.add("cond(" + show(i.condition()) + "," + template(i.then()) + "," + template(i.otherwise()) + ")");
            } else if (part instanceof TemplatePart.For f) {
                out.add("join(for(" + (f.keyVariable() == null ? "" : f.keyVariable()) + "," + f.valueVariable() + ","
                        + show(f.collection()) + ",_," + template(f.body()) + ",_,false))");
            }
        }
        if (!pending.isEmpty()) {
            out.add(quote(pending.toString()));
        }
        return "tpl(" + String.join(",", out) + ")";
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof BigDecimal n) {
            return "num(" + (n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString()) + ")";
        }
        return value.toString();
    }

    /** Go's strconv.Quote, for the text ecr-guard's tests hold. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
