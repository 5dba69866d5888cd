package dev.ecrguard.hcl;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser of HCL's native syntax (HashiCorp's {@code hclsyntax/spec.md}), reading characters
 * directly: the lexical mode depends on the parse (templates, heredocs, whether a newline ends an item), so a separate
 * scanner would have to be driven by the parser anyway. Written here because no maintained JVM parser keeps positions
 * and reads templates and directives (docs/design/hcl-parser.md).
 */
final class Parser {
    /** Deeper nesting (of blocks, brackets, templates, operators) is hostile: real code stays far below. */
    static final int MAX_NESTING = 128;

    private enum TemplateMode { QUOTED, HEREDOC }

    /** The parts of a template up to a directive that ends them ({@code else}, {@code endif}, {@code endfor}). */
    private record Sequence(List<TemplatePart> parts, String endedBy, boolean stripAfter) {}

    private final String src;
    private final int length;
    private final int[] lineStarts;
    private int pos;
    private int depth;
    /** Whether a newline is blank space here (inside brackets and parentheses) or ends an item (in a body). */
    private final Deque<Boolean> newlinesAreSpace = new ArrayDeque<>();

    Parser(String src) {
        this.src = src;
        this.length = src.length();
        int[] starts = new int[16];
        int lines = 1;
        for (int i = 0; i < length; i++) {
            if (src.charAt(i) == '\n') {
                if (lines == starts.length) {
                    starts = Arrays.copyOf(starts, lines * 2);
                }
                starts[lines++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
        newlinesAreSpace.push(false);
    }

    Body parseFile() {
        if (src.startsWith("\uFEFF")) {
            pos = 1;
        }
        return body(-1);
    }

    // ---- bodies ----

    /** A file's body ({@code openedAt} -1) or a block's, whose brace is at {@code openedAt}. */
    private Body body(int openedAt) {
        boolean nested = openedAt >= 0;
        enter();
        int start = pos;
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Map<String, Integer> attributeLines = new HashMap<>();
        while (true) {
            skipBlank(true);
            if (pos >= length) {
                if (nested) {
                    pos = openedAt;
                    throw error("this block is not closed: no '}' before the end of the file");
                }
                break;
            }
            if (peek() == '}') {
                if (!nested) {
                    throw error("unexpected '}': no block is open here");
                }
                break;
            }
            int itemStart = pos;
            String name = identifier("an argument name or a block type");
            skipBlank(false);
            if (peek() == '=' && peek(1) != '=') {
                pos++;
                Expression value = expression();
                Attribute attribute = new Attribute(name, value, span(itemStart, value.span().end()));
                Integer first = attributeLines.putIfAbsent(name, attribute.span().line());
                if (first != null) {
                    throw new HclSyntaxError(attribute.span().line(), attribute.span().column(),
                            "an argument is set twice in one block (first on line " + first + ")");
                }
                attributes.add(attribute);
            } else {
                blocks.add(block(name, itemStart));
            }
            endOfItem();
        }
        leave();
        return new Body(attributes, blocks, span(start, pos));
    }

    private Block block(String type, int start) {
        List<String> labels = new ArrayList<>();
        while (peek() == '"' || isIdentifierStart(codePoint())) {
            if (peek() == '"') {
                int labelStart = pos;
                String label = quoted().literal();
                if (label == null) {
                    pos = labelStart;
                    throw error("a block label is a literal string: it cannot hold ${...} or %{...}");
                }
                labels.add(label);
            } else {
                labels.add(identifier("a block label"));
            }
            skipBlank(false);
        }
        if (peek() != '{') {
            throw error("expected '=' after an argument name, or '{' to open a block, but found " + describe(pos));
        }
        int openedAt = pos;
        pos++;
        skipBlank(false);
        Body body;
        if (pos >= length || peek() == '\n') {
            body = body(openedAt);
        } else if (peek() == '}') {
            body = new Body(List.of(), List.of(), span(pos, pos));
        } else {
            // A single-line block holds one argument: `lifecycle { prevent_destroy = true }`.
            int attributeStart = pos;
            String name = identifier("an argument name");
            skipBlank(false);
            if (peek() != '=' || peek(1) == '=') {
                throw error("a block on one line holds at most one argument (name = value)");
            }
            pos++;
            Expression value = expression();
            skipBlank(false);
            body = new Body(List.of(new Attribute(name, value, span(attributeStart, value.span().end()))), List.of(),
                    span(attributeStart, pos));
        }
        expect('}', "'}' to close the block");
        return new Block(type, labels, body, span(start, pos));
    }

    /** An argument or block ends its line. */
    private void endOfItem() {
        skipBlank(false);
        if (pos < length) {
            if (peek() != '\n') {
                throw error("expected a new line after an argument or block, but found " + describe(pos));
            }
            pos++;
        }
    }

    // ---- expressions ----

    private Expression expression() {
        enter();
        Expression condition = binary(0);
        skip();
        Expression result = condition;
        if (peek() == '?') {
            pos++;
            Expression whenTrue = expression();
            skip();
            expect(':', "':' between the two results of a condition");
            Expression whenFalse = expression();
            result = new Expression.Conditional(condition, whenTrue, whenFalse,
                    span(condition.span().start(), whenFalse.span().end()));
        }
        leave();
        return result;
    }

    private static final Expression.Operator[][] LEVELS = {
        {Expression.Operator.OR},
        {Expression.Operator.AND},
        {Expression.Operator.EQUAL, Expression.Operator.NOT_EQUAL},
        {Expression.Operator.LESS_OR_EQUAL, Expression.Operator.GREATER_OR_EQUAL, Expression.Operator.LESS,
            Expression.Operator.GREATER},
        {Expression.Operator.ADD, Expression.Operator.SUBTRACT},
        {Expression.Operator.MULTIPLY, Expression.Operator.DIVIDE, Expression.Operator.MODULO},
    };

    private Expression binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        Expression left = binary(level + 1);
        while (true) {
            skip();
            Expression.Operator operator = operatorAt(level);
            if (operator == null) {
                return left;
            }
            pos += operator.symbol().length();
            Expression right = binary(level + 1);
            left = new Expression.Binary(operator, left, right, span(left.span().start(), right.span().end()));
        }
    }

    private Expression.Operator operatorAt(int level) {
        for (Expression.Operator operator : LEVELS[level]) {
            if (!src.startsWith(operator.symbol(), pos)) {
                continue;
            }
            char after = peek(operator.symbol().length());
            boolean partOfAnother = switch (operator) {
                case LESS, GREATER -> after == '=';
                case DIVIDE -> after == '/' || after == '*';
                default -> false;
            };
            if (!partOfAnother) {
                return operator;
            }
        }
        return null;
    }

    private Expression unary() {
        skip();
        int start = pos;
        char c = peek();
        if (c == '!' || c == '-') {
            pos++;
            enter();
            Expression operand = unary();
            leave();
            return new Expression.Unary(c == '!' ? Expression.Operator.NOT : Expression.Operator.NEGATE, operand,
                    span(start, operand.span().end()));
        }
        return postfix(primary());
    }

    private Expression primary() {
        skip();
        int start = pos;
        if (pos >= length) {
            throw error("expected an expression before the end of the file");
        }
        char c = peek();
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (c == '"') {
            return quoted();
        }
        if (c == '<' && peek(1) == '<') {
            return heredoc();
        }
        if (c == '(') {
            pos++;
            newlinesAreSpace.push(true);
            Expression inner = expression();
            skip();
            expect(')', "')' to close the parenthesis");
            newlinesAreSpace.pop();
            return new Expression.Parenthesized(inner, span(start, pos));
        }
        if (c == '[') {
            return tupleOrFor();
        }
        if (c == '{') {
            return objectOrFor();
        }
        if (isIdentifierStart(codePoint())) {
            String name = identifier("a name");
            switch (name) {
                case "true" -> {
                    return new Expression.Literal(Boolean.TRUE, span(start, pos));
                }
                case "false" -> {
                    return new Expression.Literal(Boolean.FALSE, span(start, pos));
                }
                case "null" -> {
                    return new Expression.Literal(null, span(start, pos));
                }
                default -> { }
            }
            StringBuilder function = new StringBuilder(name);
            while (src.startsWith("::", pos)) { // provider::aws::arn_parse(...)
                pos += 2;
                function.append("::").append(identifier("a function name after '::'"));
            }
            int afterName = pos;
            skip();
            if (peek() == '(') {
                return call(function.toString(), start);
            }
            if (function.length() != name.length()) {
                throw error("expected '(' after a namespaced function name");
            }
            pos = afterName;
            return new Expression.Variable(name, span(start, pos));
        }
        throw error("expected an expression, but found " + describe(pos));
    }

    private Expression number() {
        int start = pos;
        digits();
        if (peek() == '.' && isDigit(peek(1))) {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            int mark = pos;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                pos = mark;
                throw error("a number's exponent needs digits");
            }
            digits();
        }
        return new Expression.Literal(new BigDecimal(src.substring(start, pos)), span(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private Expression call(String name, int start) {
        pos++; // (
        newlinesAreSpace.push(true);
        List<Expression> arguments = new ArrayList<>();
        boolean expandLast = false;
        while (true) {
            skip();
            if (peek() == ')') {
                break;
            }
            arguments.add(expression());
            skip();
            if (src.startsWith("...", pos)) {
                pos += 3;
                expandLast = true;
                skip();
                if (peek() != ')') {
                    throw error("'...' expands the last argument only: expected ')'");
                }
                break;
            }
            if (peek() == ',') {
                pos++;
            } else if (peek() != ')') {
                throw error("expected ',' or ')' in the arguments of a function call, but found " + describe(pos));
            }
        }
        pos++; // )
        newlinesAreSpace.pop();
        return new Expression.Call(name, arguments, expandLast, span(start, pos));
    }

    private Expression tupleOrFor() {
        int start = pos;
        pos++; // [
        newlinesAreSpace.push(true);
        skip();
        if (isKeyword("for")) {
            Expression result = forExpression(false, start);
            newlinesAreSpace.pop();
            return result;
        }
        List<Expression> items = new ArrayList<>();
        while (true) {
            skip();
            if (peek() == ']') {
                break;
            }
            items.add(expression());
            skip();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                throw error("expected ',' or ']' in a list, but found " + describe(pos));
            }
        }
        pos++; // ]
        newlinesAreSpace.pop();
        return new Expression.Tuple(items, span(start, pos));
    }

    private Expression objectOrFor() {
        int start = pos;
        pos++; // {
        skipBlank(true);
        if (isKeyword("for")) {
            newlinesAreSpace.push(true);
            Expression result = forExpression(true, start);
            newlinesAreSpace.pop();
            return result;
        }
        // In an object, a newline separates items as a comma does.
        newlinesAreSpace.push(false);
        List<Expression.ObjectItem> items = new ArrayList<>();
        while (true) {
            skipBlank(true);
            if (peek() == '}') {
                break;
            }
            Expression key = expression();
            if (key instanceof Expression.Variable bare) {
                key = new Expression.Template(List.of(new TemplatePart.Text(bare.name())), bare.span());
            }
            skip();
            if ((peek() == '=' && peek(1) != '=' && peek(1) != '>') || peek() == ':') {
                pos++;
            } else {
                throw error("expected '=' or ':' after an object key, but found " + describe(pos));
            }
            Expression value = expression();
            items.add(new Expression.ObjectItem(key, value));
            skip();
            if (peek() == ',' || peek() == '\n') {
                pos++;
            } else if (peek() != '}') {
                throw error("expected ',', a new line or '}' after an object item, but found " + describe(pos));
            }
        }
        pos++; // }
        newlinesAreSpace.pop();
        return new Expression.ObjectCons(items, span(start, pos));
    }

    /** The variables of a {@code for}: the key's (null when only one is named) and the value's. */
    private record ForVariables(String key, String value) {}

    /** After {@code for}: {@code value in} or {@code key, value in}, up to and including {@code in}. */
    private ForVariables forVariables(String what) {
        skip();
        String first = identifier("a variable name after 'for'");
        skip();
        String second = null;
        if (peek() == ',') {
            pos++;
            skip();
            second = identifier("a second variable name");
            skip();
        }
        if (!isKeyword("in")) {
            throw error("expected 'in' in " + what);
        }
        pos += 2;
        return second == null ? new ForVariables(null, first) : new ForVariables(first, second);
    }

    /** After the opening bracket or brace, at {@code for}. */
    private Expression forExpression(boolean object, int start) {
        pos += 3;
        ForVariables variables = forVariables("a for expression");
        Expression collection = expression();
        skip();
        expect(':', "':' after the collection of a for expression");
        Expression key = null;
        if (object) {
            key = expression();
            skip();
            if (!src.startsWith("=>", pos)) {
                throw error("expected '=>' between the key and the value of a for expression");
            }
            pos += 2;
        }
        Expression value = expression();
        skip();
        boolean grouping = false;
        if (object && src.startsWith("...", pos)) {
            pos += 3;
            grouping = true;
            skip();
        }
        Expression condition = null;
        if (isKeyword("if")) {
            pos += 2;
            condition = expression();
            skip();
        }
        expect(object ? '}' : ']', object ? "'}' to close the for expression" : "']' to close the for expression");
        return new Expression.ForExpr(variables.key(), variables.value(), collection, key, value, condition, grouping,
                span(start, pos));
    }

    private Expression postfix(Expression expression) {
        Expression result = expression;
        while (true) {
            int before = pos;
            skip();
            if (peek() == '.' && peek(1) == '*') {
                pos += 2;
                result = splat(result, false);
            } else if (peek() == '.' && isDigit(peek(1))) {
                pos++;
                result = legacyIndex(result);
            } else if (peek() == '.' && isIdentifierStart(codePointAt(pos + 1))) {
                pos++;
                result = new Expression.GetAttr(result, identifier("an attribute name"),
                        span(result.span().start(), pos));
            } else if (peek() == '[' && afterBlank(pos + 1) == '*') {
                fullSplatOpening();
                result = splat(result, true);
            } else if (peek() == '[') {
                result = index(result);
            } else {
                pos = before;
                return result;
            }
        }
    }

    private Expression legacyIndex(Expression source) {
        int start = pos;
        digits();
        return new Expression.Index(source,
                new Expression.Literal(new BigDecimal(src.substring(start, pos)), span(start, pos)),
                span(source.span().start(), pos));
    }

    private Expression index(Expression source) {
        pos++; // [
        newlinesAreSpace.push(true);
        Expression key = expression();
        skip();
        expect(']', "']' to close the index");
        newlinesAreSpace.pop();
        return new Expression.Index(source, key, span(source.span().start(), pos));
    }

    private void fullSplatOpening() {
        pos++; // [
        skipBlank(true);
        pos++; // *
        skipBlank(true);
        expect(']', "']' after '[*'");
    }

    /**
     * After {@code .*} (attributes only follow) or {@code [*]} (attributes, indexes and further splats follow): the
     * traversal applied to each element.
     */
    private Expression splat(Expression source, boolean full) {
        enter();
        Expression each = new Expression.SplatItem(span(pos, pos));
        while (true) {
            int before = pos;
            skip();
            if (peek() == '.' && isIdentifierStart(codePointAt(pos + 1))) {
                pos++;
                each = new Expression.GetAttr(each, identifier("an attribute name"), span(source.span().start(), pos));
            } else if (peek() == '.' && isDigit(peek(1))) {
                pos++;
                each = legacyIndex(each);
            } else if (full && peek() == '[' && afterBlank(pos + 1) == '*') {
                fullSplatOpening();
                each = splat(each, true);
            } else if (full && peek() == '[') {
                each = index(each);
            } else {
                pos = before;
                break;
            }
        }
        leave();
        return new Expression.Splat(source, each, span(source.span().start(), pos));
    }

    // ---- templates ----

    private Expression.Template quoted() {
        int start = pos;
        pos++; // "
        Sequence sequence = templateSequence(TemplateMode.QUOTED, null, 0, Set.of(), false);
        return new Expression.Template(sequence.parts(), span(start, pos));
    }

    private Expression.Template heredoc() {
        int start = pos;
        pos += 2; // <<
        boolean flush = peek() == '-';
        if (flush) {
            pos++;
        }
        String marker = identifier("a heredoc marker after '<<'");
        while (peek() == ' ' || peek() == '\t' || peek() == '\r') {
            pos++;
        }
        if (peek() != '\n') {
            throw error("a heredoc's marker must end its line");
        }
        pos++;
        int indent = flush ? flushIndent(pos, marker) : 0;
        Sequence sequence = templateSequence(TemplateMode.HEREDOC, marker, indent, Set.of(), false);
        return new Expression.Template(sequence.parts(), span(start, pos));
    }

    /**
     * The indentation a flush heredoc ({@code <<-}) removes: the least leading white space of its lines, blank lines
     * aside, counted on the source as Terraform counts it on the literal text at the start of each line.
     */
    private int flushIndent(int bodyStart, String marker) {
        int least = Integer.MAX_VALUE;
        int line = bodyStart;
        while (line < length) {
            int end = src.indexOf('\n', line);
            String text = src.substring(line, end < 0 ? length : end);
            if (text.strip().equals(marker)) {
                break;
            }
            int spaces = 0;
            while (spaces < text.length() && isInlineSpace(text.charAt(spaces))) {
                spaces++;
            }
            if (spaces < text.length() || end < 0) {
                least = Math.min(least, spaces);
            }
            if (end < 0) {
                break;
            }
            line = end + 1;
        }
        return least == Integer.MAX_VALUE ? 0 : least;
    }

    /**
     * Reads template parts up to the end of the template (a closing quote, a heredoc's marker line) or to one of the
     * directives in {@code ends}, which it consumes.
     */
    private Sequence templateSequence(TemplateMode mode, String marker, int indent, Set<String> ends,
            boolean stripFirst) {
        enter();
        List<TemplatePart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        boolean stripLeading = stripFirst;
        while (true) {
            if (mode == TemplateMode.HEREDOC && atLineStart()) {
                if (isMarkerLine(marker)) {
                    if (!ends.isEmpty()) {
                        throw error("a %{if} or %{for} is not closed before the end of the heredoc");
                    }
                    pos = lineEnd(pos);
                    break;
                }
                for (int removed = 0; removed < indent && isInlineSpace(peek()); removed++) {
                    pos++;
                }
            }
            if (pos >= length) {
                throw error(mode == TemplateMode.QUOTED ? "a string is not closed before the end of the file"
                        : "a heredoc is not closed: expected a line holding only its marker");
            }
            char c = peek();
            if (mode == TemplateMode.QUOTED && c == '"') {
                if (!ends.isEmpty()) {
                    throw error("a %{if} or %{for} is not closed before the end of the string");
                }
                pos++;
                break;
            }
            if (mode == TemplateMode.QUOTED && c == '\n') {
                throw error("a quoted string cannot hold a new line: write \\n, or use a heredoc");
            }
            if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') { // $${ and %%{ are literal
                appendText(text, stripLeading, c + "{");
                stripLeading = false;
                pos += 3;
                continue;
            }
            if (c == '$' && peek(1) == '{') {
                pos += 2;
                if (peek() == '~') {
                    pos++;
                    stripTrailing(text);
                }
                newlinesAreSpace.push(true);
                Expression expression = expression();
                boolean stripAfter = closeDirective("'}' to close the interpolation");
                newlinesAreSpace.pop();
                flushText(parts, text);
                parts.add(new TemplatePart.Interpolation(expression));
                stripLeading = stripAfter;
                continue;
            }
            if (c == '%' && peek(1) == '{') {
                int directiveStart = pos;
                pos += 2;
                if (peek() == '~') {
                    pos++;
                    stripTrailing(text);
                }
                newlinesAreSpace.push(true);
                skip();
                String keyword = isIdentifierStart(codePoint()) ? identifier("a directive") : "";
                if (ends.contains(keyword)) {
                    boolean stripAfter = closeDirective("'}' to close the directive");
                    newlinesAreSpace.pop();
                    flushText(parts, text);
                    leave();
                    return new Sequence(parts, keyword, stripAfter);
                }
                flushText(parts, text);
                switch (keyword) {
                    case "if" -> {
                        Expression condition = expression();
                        boolean strip = closeDirective("'}' to close the %{if} directive");
                        newlinesAreSpace.pop();
                        Sequence then = templateSequence(mode, marker, indent, Set.of("else", "endif"), strip);
                        Sequence otherwise = then.endedBy().equals("else")
                                ? templateSequence(mode, marker, indent, Set.of("endif"), then.stripAfter())
                                : new Sequence(List.of(), "endif", then.stripAfter());
                        parts.add(new TemplatePart.If(condition, then.parts(), otherwise.parts()));
                        stripLeading = otherwise.stripAfter();
                    }
                    case "for" -> {
                        ForVariables variables = forVariables("a %{for} directive");
                        Expression collection = expression();
                        boolean strip = closeDirective("'}' to close the %{for} directive");
                        newlinesAreSpace.pop();
                        Sequence body = templateSequence(mode, marker, indent, Set.of("endfor"), strip);
                        parts.add(new TemplatePart.For(variables.key(), variables.value(), collection, body.parts()));
                        stripLeading = body.stripAfter();
                    }
                    default -> {
                        pos = directiveStart;
                        throw error(keyword.equals("else") || keyword.equals("endif") || keyword.equals("endfor")
                                ? "a %{else}, %{endif} or %{endfor} without its %{if} or %{for}"
                                : "expected if, for, else, endif or endfor after %{");
                    }
                }
                continue;
            }
            if (mode == TemplateMode.QUOTED && c == '\\') {
                appendText(text, stripLeading, escape());
                stripLeading = false;
                continue;
            }
            int codePoint = codePoint();
            appendText(text, stripLeading, new String(Character.toChars(codePoint)));
            if (!stripLeading || !Character.isWhitespace(codePoint)) {
                stripLeading = false;
            }
            pos += Character.charCount(codePoint);
        }
        flushText(parts, text);
        leave();
        return new Sequence(parts, null, false);
    }

    /** {@code ~}? then {@code }}; true when the directive strips the white space after it. */
    private boolean closeDirective(String expected) {
        skip();
        boolean strip = peek() == '~';
        if (strip) {
            pos++;
        }
        expect('}', expected);
        return strip;
    }

    private static void appendText(StringBuilder text, boolean stripLeading, String piece) {
        if (stripLeading && piece.codePoints().allMatch(Character::isWhitespace)) {
            return;
        }
        text.append(piece);
    }

    private static void stripTrailing(StringBuilder text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        text.setLength(end);
    }

    private static void flushText(List<TemplatePart> parts, StringBuilder text) {
        if (!text.isEmpty()) {
            parts.add(new TemplatePart.Text(text.toString()));
            text.setLength(0);
        }
    }

    private String escape() {
        int start = pos;
        pos++; // backslash
        char c = peek();
        pos++;
        switch (c) {
            case 'n' -> {
                return "\n";
            }
            case 'r' -> {
                return "\r";
            }
            case 't' -> {
                return "\t";
            }
            case '"' -> {
                return "\"";
            }
            case '\\' -> {
                return "\\";
            }
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                if (pos + digits > length || !src.substring(pos, pos + digits).chars().allMatch(Parser::isHexDigit)) {
                    pos = start;
                    throw error("\\" + c + " needs " + digits + " hexadecimal digits");
                }
                int codePoint = (int) Long.parseLong(src.substring(pos, pos + digits), 16);
                if (!Character.isValidCodePoint(codePoint)
                        || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                    pos = start;
                    throw error("\\" + c + " names no Unicode character (a surrogate or a number past U+10FFFF)");
                }
                pos += digits;
                return new String(Character.toChars(codePoint));
            }
            default -> {
                pos = start;
                throw error("unknown escape sequence in a string: use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or "
                        + "\\UNNNNNNNN");
            }
        }
    }

    private boolean atLineStart() {
        return pos > 0 && src.charAt(pos - 1) == '\n';
    }

    private boolean isMarkerLine(String marker) {
        return src.substring(pos, lineEnd(pos)).strip().equals(marker);
    }

    private int lineEnd(int from) {
        int end = src.indexOf('\n', from);
        return end < 0 ? length : end;
    }

    // ---- characters ----

    /** Skips spaces and comments, and newlines where they are blank space. */
    private void skip() {
        skipBlank(newlinesAreSpace.peek());
    }

    private void skipBlank(boolean newlines) {
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && newlines)) {
                pos++;
            } else if (c == '#' || (c == '/' && peek(1) == '/')) {
                pos = lineEnd(pos); // the newline itself still ends an item
            } else if (c == '/' && peek(1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("a /* comment is not closed before the end of the file");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    /** The character after any blank space (newlines included) from {@code from}, without moving. */
    private char afterBlank(int from) {
        int saved = pos;
        pos = from;
        skipBlank(true);
        char c = peek();
        pos = saved;
        return c;
    }

    private boolean isKeyword(String word) {
        return src.startsWith(word, pos) && !isIdentifierPart(codePointAt(pos + word.length()));
    }

    private String identifier(String what) {
        int start = pos;
        int first = codePoint();
        if (!isIdentifierStart(first)) {
            throw error("expected " + what + ", but found " + describe(pos));
        }
        pos += Character.charCount(first);
        while (pos < length) {
            int next = codePoint();
            if (!isIdentifierPart(next)) {
                break;
            }
            pos += Character.charCount(next);
        }
        return src.substring(start, pos);
    }

    private static boolean isIdentifierStart(int codePoint) {
        return codePoint == '_' || Character.isUnicodeIdentifierStart(codePoint);
    }

    private static boolean isIdentifierPart(int codePoint) {
        return codePoint == '-'
                || (Character.isUnicodeIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit((char) c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isInlineSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private char peek() {
        return pos < length ? src.charAt(pos) : '\0';
    }

    private char peek(int ahead) {
        return pos + ahead < length ? src.charAt(pos + ahead) : '\0';
    }

    private int codePoint() {
        return codePointAt(pos);
    }

    private int codePointAt(int at) {
        return at < length ? src.codePointAt(at) : -1;
    }

    private void expect(char c, String what) {
        if (peek() != c || pos >= length) {
            throw error("expected " + what + ", but found " + describe(pos));
        }
        pos++;
    }

    /** A character of the input, described without echoing anything but printable ASCII. */
    private String describe(int at) {
        if (at >= length) {
            return "the end of the file";
        }
        char c = src.charAt(at);
        if (c == '\n') {
            return "a new line";
        }
        return c > 0x20 && c < 0x7f && c != '\'' ? "'" + c + "'" : String.format("U+%04X", src.codePointAt(at));
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw error("nested more than " + MAX_NESTING + " levels deep");
        }
    }

    private void leave() {
        depth--;
    }

    private HclSyntaxError error(String message) {
        int at = Math.min(pos, length);
        int line = lineOf(at);
        return new HclSyntaxError(line + 1, at - lineStarts[line] + 1, message);
    }

    private int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index : -index - 2;
    }

    private Span span(int start, int end) {
        int startLine = lineOf(start);
        int endLine = lineOf(end);
        return new Span(startLine + 1, start - lineStarts[startLine] + 1, endLine + 1, end - lineStarts[endLine] + 1,
                start, end);
    }
}
