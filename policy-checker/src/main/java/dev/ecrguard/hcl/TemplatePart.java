package dev.ecrguard.hcl;

import java.util.List;

/** A piece of a {@link Expression.Template}. Strip markers ({@code ${~ x ~}}) are applied to the text already. */
public sealed interface TemplatePart {
    /** Literal text, escapes resolved. */
    record Text(String text) implements TemplatePart {}

    /** {@code ${expression}}. */
    record Interpolation(Expression expression) implements TemplatePart {}

    /** {@code %{if condition}then%{else}otherwise%{endif}}; {@code otherwise} is empty without an else. */
    record If(Expression condition, List<TemplatePart> then, List<TemplatePart> otherwise) implements TemplatePart {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code %{for key, value in collection}body%{endfor}}; {@code keyVariable} may be null. */
    record For(String keyVariable, String valueVariable, Expression collection, List<TemplatePart> body)
            implements TemplatePart {
        public For {
            body = List.copyOf(body);
        }
    }
}
