package org.onegrid.account;

import java.util.Map;

/**
 * The names lists show for the people they mention (authors, senders, leaders, actors), read in one
 * query for a page of rows: {@link #of} gives an account's display name, or "?" for an id that
 * names no account, so that a list never fails on one row.
 */
public record Names(Map<Long, String> byId) {

  static final String UNKNOWN = "?";

  public String of(long accountId) {
    return byId.getOrDefault(accountId, UNKNOWN);
  }
}
