package org.onegrid.problem;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Where a problem came in: the resident's app (or the same pages in a browser), a leader's patrol,
 * a message left on the hotline page, a text or a call to the hotline number, or Open311.
 */
@Serdeable
public enum ProblemSource {
  APP,
  PATROL,
  HOTLINE,
  SMS,
  CALL,
  OPEN311;

  /** The ways in through the community's 24-hour hotline. */
  public static final List<ProblemSource> HOTLINE_CHANNELS = List.of(HOTLINE, SMS, CALL);
}
