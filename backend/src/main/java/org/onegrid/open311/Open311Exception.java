package org.onegrid.open311;

/**
 * An Open311 error: the HTTP status (404 for what does not exist, 403 for a missing or wrong
 * api_key, 429 when an app sends too fast, 400 for the rest) and a description for the app's user.
 */
class Open311Exception extends RuntimeException {

  private final int status;

  Open311Exception(int status, String description) {
    super(description);
    this.status = status;
  }

  int status() {
    return status;
  }
}
