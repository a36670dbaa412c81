package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;

/** Where a problem came in: the resident's app, a leader's patrol, the hotline, or Open311. */
@Serdeable
public enum ProblemSource {
  APP,
  PATROL,
  HOTLINE,
  OPEN311
}
