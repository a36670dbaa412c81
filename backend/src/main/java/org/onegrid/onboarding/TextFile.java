package org.onegrid.onboarding;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of an uploaded file: UTF-8 (with or without the byte-order mark Excel writes), or, when
 * it is not valid UTF-8, GB18030 — what Excel on a Chinese Windows saves a CSV as.
 */
final class TextFile {

  private TextFile() {}

  static String decode(byte[] bytes) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException notUtf8) {
      text = new String(bytes, Charset.forName("GB18030"));
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
