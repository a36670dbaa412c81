package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Types are imported, not written out in full inline ({@code java.time.Duration} in a signature),
 * so that a class's dependencies are read at its top. Where two types share a simple name, import
 * one and qualify the other. Fix with OpenRewrite's {@code ShortenFullyQualifiedTypeReferences}
 * (see CONTRIBUTING).
 */
class QualifiedNamesTest {

  private static final Pattern QUALIFIED =
      Pattern.compile(
          "\\b((?:java|javax|jakarta|io|org|com)\\.[a-z0-9]+(?:\\.[a-z0-9]+)*)\\.([A-Z]\\w*)");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

  @Test
  void codeNamesTypesByTheirImportedNames() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : List.of(Path.of("src/main/java"), Path.of("src/test/java"))) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          found.addAll(inlineNames(file));
        }
      }
    }
    assertThat(found).as("types written out in full inline").isEmpty();
  }

  private static List<String> inlineNames(Path file) throws IOException {
    List<String> found = new ArrayList<>();
    boolean textBlock = false;
    List<String> lines = Files.readAllLines(file);
    String own = file.getFileName().toString().replace(".java", "");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int fences = line.split("\"\"\"", -1).length - 1;
      if (fences > 0) {
        textBlock ^= fences % 2 == 1;
        continue;
      }
      if (textBlock
          || line.startsWith("import ")
          || line.startsWith("package ")
          || line.startsWith("*")
          || line.startsWith("/*")
          || line.startsWith("//")) {
        continue;
      }
      String code = STRING.matcher(line).replaceAll("\"\"");
      int comment = code.indexOf("//");
      if (comment >= 0) {
        code = code.substring(0, comment);
      }
      Matcher m = QUALIFIED.matcher(code);
      while (m.find()) {
        if (!clashes(m.group(2), m.group(1), own, lines)) {
          found.add(file + ":" + (i + 1) + ": " + line);
        }
      }
    }
    return found;
  }

  /** The simple name is taken here by the class itself or by an import from another package. */
  private static boolean clashes(String simple, String pkg, String own, List<String> lines) {
    return simple.equals(own)
        || lines.stream()
            .map(String::strip)
            .anyMatch(
                l ->
                    l.endsWith("." + simple + ";")
                        && !l.equals("import " + pkg + "." + simple + ";")
                        && l.startsWith("import "));
  }
}
