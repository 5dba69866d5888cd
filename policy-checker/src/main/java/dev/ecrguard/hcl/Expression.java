package dev.ecrguard.hcl;

import java.math.BigDecimal;
import java.util.List;

/** An expression of HCL's native syntax, as written: nothing is evaluated. */
public sealed interface Expression {
    /** Where the expression is. */
    Span span();

    /** A number ({@link BigDecimal}), {@code true}/{@code false} ({@link Boolean}) or {@code null} (a null value). */
    record Literal(Object value, Span span) implements Expression {
        public Literal {
            if (value != null && !(value instanceof BigDecimal) && !(value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a number, a bool or null");
            }
        }
    }

    /**
     * A quoted string or heredoc: literal text, interpolations and directives. A string with no interpolation is a
     * template of one {@link TemplatePart.Text} (or of none, when empty).
     */
    record Template(List<TemplatePart> parts, Span span) implements Expression {
        public Template {
            parts = List.copyOf(parts);
        }

        /** The text, when the template is literal text only; null otherwise. */
        public String literal() {
            StringBuilder text = new StringBuilder();
            for (TemplatePart part : parts) {
                if (!(part instanceof TemplatePart.Text t)) {
                    return null;
                }
                text.append(t.text());
            }
            return text.toString();
        }
    }

    /** A name at the root of a reference: {@code var}, {@code local}, {@code aws_ecr_repository}, {@code each}. */
    record Variable(String name, Span span) implements Expression {}

    /** {@code source.name}. */
    record GetAttr(Expression source, String name, Span span) implements Expression {}

    /** {@code source[key]}, and the legacy {@code source.0}. */
    record Index(Expression source, Expression key, Span span) implements Expression {}

    /**
     * {@code source.*.a.b} or {@code source[*].a[0]}: {@code each} is applied to every element of {@code source};
     * within {@code each}, {@link SplatItem} stands for the element.
     */
    record Splat(Expression source, Expression each, Span span) implements Expression {}

    /** The element a {@link Splat} is applied to. */
    record SplatItem(Span span) implements Expression {}

    /** {@code name(arguments)}; {@code expandLast} for {@code f(list...)}. Names may hold {@code ::}. */
    record Call(String name, List<Expression> arguments, boolean expandLast, Span span) implements Expression {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code condition ? whenTrue : whenFalse}. */
    record Conditional(Expression condition, Expression whenTrue, Expression whenFalse, Span span)
            implements Expression {}

    /** A binary operation. */
    record Binary(Operator operator, Expression left, Expression right, Span span) implements Expression {}

    /** {@code !operand} or {@code -operand}. */
    record Unary(Operator operator, Expression operand, Span span) implements Expression {}

    /** {@code [a, b]}. */
    record Tuple(List<Expression> items, Span span) implements Expression {
        public Tuple {
            items = List.copyOf(items);
        }
    }

    /** {@code {key = value, ...}}; a bare name as key is a literal {@link Template}, as Terraform reads it. */
    record ObjectCons(List<ObjectItem> items, Span span) implements Expression {
        public ObjectCons {
            items = List.copyOf(items);
        }
    }

    /** One {@code key = value} of an {@link ObjectCons}. */
    record ObjectItem(Expression key, Expression value) {}

    /**
     * {@code [for k, v in collection : value if condition]} or {@code {for k, v in collection : key => value... if
     * condition}}: {@code key} is null for a tuple, {@code keyVariable} and {@code condition} may be null.
     */
    record ForExpr(String keyVariable, String valueVariable, Expression collection, Expression key, Expression value,
            Expression condition, boolean grouping, Span span) implements Expression {}

    /** {@code (inner)}: kept because Terraform reads {@code (k) = v} in an object as a key to evaluate. */
    record Parenthesized(Expression inner, Span span) implements Expression {}

    /** The operators, from lowest to highest precedence. */
    enum Operator {
        OR("||"), AND("&&"), EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"),
        GREATER_OR_EQUAL(">="), ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"), NOT("!"),
        NEGATE("-");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written. */
        public String symbol() {
            return symbol;
        }
    }
}
