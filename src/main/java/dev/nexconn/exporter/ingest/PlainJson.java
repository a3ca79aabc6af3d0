package dev.nexconn.exporter.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict reader of plain JSON straight from its UTF-8 bytes, for {@link ValidBatchReader}: the
 * JSON that reporters write (objects, arrays, ASCII strings without escapes, whole numbers of up to
 * 18 digits, {@code true}, {@code false}, {@code null}). Anything else, valid JSON or not (an
 * escape, a non-ASCII byte, a fraction, a syntax error), throws {@link #NOT_PLAIN} and the caller
 * takes Jackson's tree path, which reads all of JSON and says where a body breaks. So this reader
 * never has to be right about what it refuses, only about what it accepts.
 *
 * <p>Why not Jackson's streaming parser: it copies every number and string into a character buffer
 * before converting it, and that was a third of the ingest CPU at batch 100 ({@code
 * docs/benchmarks.md}, issue 15).
 */
final class PlainJson {
  /** Thrown for anything outside plain JSON; shared, without a stack trace. */
  static final RuntimeException NOT_PLAIN = new NotPlain();

  /** What {@link #value} found. */
  static final int STRING = 1;

  static final int NUMBER = 2;
  static final int TRUE = 3;
  static final int FALSE = 4;
  static final int NULL = 5;
  static final int OBJECT = 6;
  static final int ARRAY = 7;

  private static final int MAX_DIGITS = 18;

  private final byte[] in;
  private final int end;
  private int pos;

  /** The last string or member name: {@code in[start, start + length)}. */
  private int start;

  private int length;

  /** The last number. */
  private long number;

  PlainJson(byte[] in) {
    this.in = in;
    this.end = in.length;
  }

  /**
   * Reads the next value: a whole string, number or literal, or only the opening of an object (then
   * read its members with {@link #member}) or an array ({@link #element}).
   */
  int value() {
    whitespace();
    if (pos >= end) {
      throw NOT_PLAIN;
    }
    switch (in[pos]) {
      case '"' -> {
        string();
        return STRING;
      }
      case '{' -> {
        pos++;
        return OBJECT;
      }
      case '[' -> {
        pos++;
        return ARRAY;
      }
      case 't' -> {
        literal('t', 'r', 'u', 'e');
        return TRUE;
      }
      case 'f' -> {
        literal('f', 'a', 'l', 's', 'e');
        return FALSE;
      }
      case 'n' -> {
        literal('n', 'u', 'l', 'l');
        return NULL;
      }
      default -> {
        readNumber();
        return NUMBER;
      }
    }
  }

  /**
   * In an object, after its opening ({@code first}) or after a member's value: true with the next
   * member's name read, up to and including its colon; false at the object's end.
   */
  boolean member(boolean first) {
    whitespace();
    byte c = at();
    if (c == '}') {
      pos++;
      return false;
    }
    if (!first) {
      if (c != ',') {
        throw NOT_PLAIN;
      }
      pos++;
      whitespace();
      c = at();
    }
    if (c != '"') {
      throw NOT_PLAIN;
    }
    string();
    whitespace();
    if (at() != ':') {
      throw NOT_PLAIN;
    }
    pos++;
    return true;
  }

  /**
   * In an array, after its opening ({@code first}) or after an element: true when an element
   * follows (read it with {@link #value}), false at the array's end.
   */
  boolean element(boolean first) {
    whitespace();
    byte c = at();
    if (c == ']') {
      pos++;
      return false;
    }
    if (!first) {
      if (c != ',') {
        throw NOT_PLAIN;
      }
      pos++;
    }
    return true;
  }

  /** Nothing but whitespace is left. */
  void endOfInput() {
    whitespace();
    if (pos != end) {
      throw NOT_PLAIN;
    }
  }

  /** True when the last string or name is {@code word} (ASCII bytes). */
  boolean is(byte[] word) {
    return length == word.length && Arrays.equals(in, start, start + length, word, 0, length);
  }

  /** The last string or name. */
  String text() {
    // Plain strings are ASCII, so Latin-1 decodes them as UTF-8 would, without a check per byte.
    return new String(in, start, length, StandardCharsets.ISO_8859_1);
  }

  /** Where the last string or name starts in the input. */
  int textStart() {
    return start;
  }

  /** The length of the last string or name. */
  int textLength() {
    return length;
  }

  /** The last number. */
  long number() {
    return number;
  }

  /** The last number, when it is one Java's int holds (Jackson's {@code NumberType.INT}). */
  boolean numberIsInt() {
    return number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE;
  }

  private byte at() {
    if (pos >= end) {
      throw NOT_PLAIN;
    }
    return in[pos];
  }

  private void whitespace() {
    while (pos < end) {
      byte c = in[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void string() {
    int p = pos + 1;
    int s = p;
    while (true) {
      if (p >= end) {
        throw NOT_PLAIN;
      }
      byte c = in[p];
      if (c == '"') {
        break;
      }
      // A backslash, a control character, or (bytes are signed) any non-ASCII byte.
      if (c == '\\' || c < 0x20) {
        throw NOT_PLAIN;
      }
      p++;
    }
    start = s;
    length = p - s;
    pos = p + 1;
  }

  private void literal(char... word) {
    if (end - pos < word.length) {
      throw NOT_PLAIN;
    }
    for (int i = 0; i < word.length; i++) {
      if (in[pos + i] != word[i]) {
        throw NOT_PLAIN;
      }
    }
    pos += word.length;
  }

  /** {@code -?(0|[1-9][0-9]{0,17})}. */
  private void readNumber() {
    int p = pos;
    boolean negative = in[p] == '-';
    if (negative) {
      p++;
    }
    int first = p;
    long v = 0;
    if (p < end && in[p] == '0') {
      p++;
    } else {
      while (p < end && in[p] >= '0' && in[p] <= '9') {
        if (p - first == MAX_DIGITS) {
          throw NOT_PLAIN;
        }
        v = v * 10 + (in[p] - '0');
        p++;
      }
      if (p == first) {
        throw NOT_PLAIN;
      }
    }
    // A fraction, an exponent or a digit after a leading 0 is refused by whoever reads on: only
    // whitespace, a comma, a closing bracket or the end may follow a value.
    number = negative ? -v : v;
    pos = p;
  }

  private static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlain() {
      super("not plain JSON", null, false, false);
    }
  }
}
