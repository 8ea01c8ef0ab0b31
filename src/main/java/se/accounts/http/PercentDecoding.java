package se.accounts.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a path or a query string part: a broken escape or bytes that are not UTF-8 are
 * refused, never replaced by a guess.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /** {@code text} decoded; {@code plusIsSpace} for a query string, where a form's '+' means a space. */
    static String decode(String text, boolean plusIsSpace) throws MalformedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (low < 0) {
                    throw new MalformedException("is not valid percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' && plusIsSpace ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new MalformedException("does not decode to UTF-8 text");
        }
    }

    /** The text does not decode; the message says why, to follow the text in an error. */
    static final class MalformedException extends Exception {
        MalformedException(String problem) {
            super(problem, null, false, false);
        }
    }
}
