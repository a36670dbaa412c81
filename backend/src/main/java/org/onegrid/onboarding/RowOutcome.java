package org.onegrid.onboarding;

import io.micronaut.serde.annotation.Serdeable;

/** What applying a row does: create, change, nothing (already so), or refuse it and say why. */
@Serdeable
public enum RowOutcome {
  CREATE,
  CHANGE,
  SAME,
  REFUSE
}
