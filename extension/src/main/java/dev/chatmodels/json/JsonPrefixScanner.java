package dev.chatmodels.json;

import java.util.BitSet;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Finds in one pass the longest prefix of a text that becomes a JSON document when its open string, arrays and
 * objects are closed: the prefix {@link PartialJson#parse} keeps. It follows the grammar {@link Jackson#MAPPER}
 * accepts (strict JSON, nothing after the value, Jackson's nesting-depth and number- and name-length limits), so that
 * the one prefix it finds is the one trying every prefix with Jackson would find, without the quadratic cost.
 * <p>
 * Scanning stops at the first character after which no completion can be valid: no longer prefix can be.
 */
final class JsonPrefixScanner {

    private static final StreamReadConstraints LIMITS = Jackson.MAPPER.getFactory().streamReadConstraints();

    private enum State {
        /** Before a value: at the start, after {@code :} or after {@code ,} in an array. */
        VALUE,
        /** After {@code [}: a value or {@code ]}. */
        ARRAY_START,
        /** After {@code {}: a key or {@code }}. */
        OBJECT_START,
        /** After {@code ,} in an object. */
        KEY,
        /** After a key: {@code :}. */
        COLON,
        STRING,
        ESCAPE,
        UNICODE_ESCAPE,
        MINUS,
        ZERO,
        INTEGER,
        POINT,
        FRACTION,
        EXPONENT_MARK,
        EXPONENT_SIGN,
        EXPONENT,
        LITERAL,
        AFTER_VALUE
    }

    private final String text;
    private final BitSet objects = new BitSet();
    private int depth;
    private State state = State.VALUE;
    private boolean inKey;
    private int nameLength;
    private int hexDigits;
    private int numberDigits;
    private String literal;
    private int literalMatched;

    private JsonPrefixScanner(String text) {
        this.text = text;
    }

    /**
     * The length of the longest prefix of {@code text} that is valid JSON once closed, 0 if there is none. Examines
     * each character once.
     */
    static int completablePrefixLength(String text) {
        return new JsonPrefixScanner(text).scan();
    }

    private int scan() {
        int longest = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!accept(text.charAt(i))) {
                break;
            }
            if (isCompletable()) {
                longest = i + 1;
            }
        }
        return longest;
    }

    /** Whether closing the open string and containers here gives valid JSON. */
    private boolean isCompletable() {
        return switch (state) {
            case ARRAY_START, OBJECT_START, ZERO, INTEGER, FRACTION, EXPONENT, AFTER_VALUE -> true;
            // a cut right after a backslash drops it
            case STRING, ESCAPE -> !inKey;
            default -> false;
        };
    }

    /** Moves past one character; {@code false} when it makes the text invalid JSON whatever follows. */
    private boolean accept(char c) {
        return switch (state) {
            case VALUE -> isWhitespace(c) || startValue(c);
            case ARRAY_START -> isWhitespace(c) || (c == ']' ? close() : startValue(c));
            case OBJECT_START -> isWhitespace(c) || (c == '}' ? close() : startKey(c));
            case KEY -> isWhitespace(c) || startKey(c);
            case COLON -> isWhitespace(c) || (c == ':' && to(State.VALUE));
            case STRING -> stringCharacter(c);
            case ESCAPE -> escaped(c);
            case UNICODE_ESCAPE -> isHexDigit(c) && (++hexDigits < 4 || stringCharacterRead());
            case MINUS -> c == '0' ? digit(State.ZERO) : isDigit(c) && digit(State.INTEGER);
            // JSON allows no leading zeros
            case ZERO -> c == '.' ? to(State.POINT)
                    : isExponentMark(c) ? to(State.EXPONENT_MARK)
                            : !isDigit(c) && numberEnd(c);
            case INTEGER -> isDigit(c) ? digit(State.INTEGER)
                    : c == '.' ? to(State.POINT)
                            : isExponentMark(c) ? to(State.EXPONENT_MARK) : numberEnd(c);
            case POINT -> isDigit(c) && digit(State.FRACTION);
            case FRACTION -> isDigit(c) ? digit(State.FRACTION)
                    : isExponentMark(c) ? to(State.EXPONENT_MARK) : numberEnd(c);
            case EXPONENT_MARK -> c == '+' || c == '-' ? to(State.EXPONENT_SIGN) : isDigit(c) && digit(State.EXPONENT);
            case EXPONENT_SIGN -> isDigit(c) && digit(State.EXPONENT);
            case EXPONENT -> isDigit(c) ? digit(State.EXPONENT) : numberEnd(c);
            case LITERAL -> c == literal.charAt(literalMatched)
                    && (++literalMatched < literal.length() || to(State.AFTER_VALUE));
            case AFTER_VALUE -> afterValue(c);
        };
    }

    private boolean startValue(char c) {
        switch (c) {
            case '{':
                return open(true);
            case '[':
                return open(false);
            case '"':
                inKey = false;
                return to(State.STRING);
            case '-':
                numberDigits = 0;
                return to(State.MINUS);
            case 't':
                return startLiteral("true");
            case 'f':
                return startLiteral("false");
            case 'n':
                return startLiteral("null");
            default:
                if (!isDigit(c)) {
                    return false;
                }
                numberDigits = 0;
                return digit(c == '0' ? State.ZERO : State.INTEGER);
        }
    }

    private boolean startKey(char c) {
        if (c != '"') {
            return false;
        }
        inKey = true;
        nameLength = 0;
        return to(State.STRING);
    }

    private boolean startLiteral(String word) {
        literal = word;
        literalMatched = 1;
        return to(State.LITERAL);
    }

    private boolean stringCharacter(char c) {
        if (c == '"') {
            return to(inKey ? State.COLON : State.AFTER_VALUE);
        }
        if (c == '\\') {
            return to(State.ESCAPE);
        }
        // control characters must be escaped
        return c >= ' ' && stringCharacterRead();
    }

    private boolean escaped(char c) {
        if (c == 'u') {
            hexDigits = 0;
            return to(State.UNICODE_ESCAPE);
        }
        return "\"\\/bfnrt".indexOf(c) >= 0 && stringCharacterRead();
    }

    /** One more character of a string's value: Jackson limits the length of keys. */
    private boolean stringCharacterRead() {
        state = State.STRING;
        return !inKey || ++nameLength <= LIMITS.getMaxNameLength();
    }

    private boolean digit(State next) {
        state = next;
        return ++numberDigits <= LIMITS.getMaxNumberLength();
    }

    private boolean numberEnd(char c) {
        state = State.AFTER_VALUE;
        return afterValue(c);
    }

    private boolean afterValue(char c) {
        if (isWhitespace(c)) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        boolean inObject = objects.get(depth - 1);
        if (c == ',') {
            return to(inObject ? State.KEY : State.VALUE);
        }
        return c == (inObject ? '}' : ']') && close();
    }

    private boolean open(boolean object) {
        if (depth == LIMITS.getMaxNestingDepth()) {
            return false;
        }
        objects.set(depth++, object);
        return to(object ? State.OBJECT_START : State.ARRAY_START);
    }

    private boolean close() {
        depth--;
        return to(State.AFTER_VALUE);
    }

    private boolean to(State next) {
        state = next;
        return true;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isExponentMark(char c) {
        return c == 'e' || c == 'E';
    }
}
