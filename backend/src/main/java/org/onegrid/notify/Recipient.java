package org.onegrid.notify;

import io.micronaut.core.annotation.Nullable;

/** Someone {@link Notifications} tells things: who, how to text them, in which language. */
public interface Recipient {

  long id();

  String phone();

  /** Their language tags as they chose them; null for the default (Chinese). */
  @Nullable
  String locale();

  /** Whether texts may go to them: an Open311 app's account has no phone and is told in the app. */
  boolean textable();
}
