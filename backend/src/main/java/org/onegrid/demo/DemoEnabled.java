package org.onegrid.demo;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import org.onegrid.platform.DemoMode;

/**
 * {@code onegrid.demo.enabled} when set; otherwise on exactly when the embedded database is in use.
 */
final class DemoEnabled implements Condition {

  @Override
  public boolean matches(ConditionContext context) {
    return DemoMode.on(context);
  }
}
