package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding. Spec files must be UTF-8; a lenient decoder would silently turn a
 * Latin-1 "é" into U+FFFD and the spec would differ from what the author sees, so a bad byte
 * is a problem with its line and column.
 */
final class Utf8Text {
    private Utf8Text() {}

    sealed interface Decoded permits Text, Invalid {}

    record Text(String text) implements Decoded {}

    record Invalid(SpecProblem problem) implements Decoded {}

    static Decoded decode(String path, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) return new Invalid(badByte(path, bytes, in.position()));
        out.flip();
        String text = out.toString();
        // a UTF-8 byte order mark is legal but means nothing; the YAML parser would count it as a column
        return new Text(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static SpecProblem badByte(String path, byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new SpecProblem(new SourceLocation(path, line, column), "",
                String.format("the file is not valid UTF-8: byte 0x%02X cannot start or continue a UTF-8 character", bytes[offset] & 0xff),
                "save the file as UTF-8 (an editor set to Latin-1 or Windows-1252 writes 'é' as the single byte 0xE9)");
    }
}
