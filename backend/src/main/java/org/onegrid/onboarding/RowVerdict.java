package org.onegrid.onboarding;

import java.util.List;

/**
 * One row of a file and what applying it would do. {@code reason} is a message key ({@code
 * import.<reason>}) with its arguments: why it is refused, or what changes.
 */
record RowVerdict(int line, String key, RowOutcome outcome, String reason, List<Object> args) {

  static RowVerdict create(int line, String key) {
    return new RowVerdict(line, key, RowOutcome.CREATE, "create", List.of());
  }

  static RowVerdict same(int line, String key) {
    return new RowVerdict(line, key, RowOutcome.SAME, "same", List.of());
  }

  static RowVerdict change(int line, String key, String what) {
    return new RowVerdict(line, key, RowOutcome.CHANGE, "change", List.of(what));
  }

  static RowVerdict refuse(int line, String key, String reason, Object... args) {
    return new RowVerdict(line, key, RowOutcome.REFUSE, reason, List.of(args));
  }
}
