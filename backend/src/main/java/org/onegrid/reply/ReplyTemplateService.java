package org.onegrid.reply;

import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.onegrid.account.Account;
import org.onegrid.platform.ApiException;
import org.onegrid.platform.Messages;

/**
 * Ready replies for staff answering residents: the built-in ones in the staff member's language,
 * then those they saved themselves.
 */
@Singleton
public class ReplyTemplateService {

  static final int MAX_OWN = 30;
  private static final int BUILT_IN = 6;

  private final ReplyTemplateRepository templates;
  private final Messages texts;
  private final Clock clock;

  ReplyTemplateService(ReplyTemplateRepository templates, Messages texts, Clock clock) {
    this.templates = templates;
    this.texts = texts;
    this.clock = clock;
  }

  public List<ReplyTemplate> list(Account staff, Locale locale) {
    requireStaff(staff);
    List<ReplyTemplate> all = new ArrayList<>();
    for (int i = 1; i <= BUILT_IN; i++) {
      all.add(new ReplyTemplate(null, texts.get(locale, "reply-template." + i), false));
    }
    all.addAll(templates.findByOwner(staff.id()));
    return all;
  }

  /** Saves a reply; saving the same text again returns the saved one. */
  public ReplyTemplate add(Account staff, String body) {
    requireStaff(staff);
    String text = body.trim();
    return templates
        .findByOwnerAndBody(staff.id(), text)
        .orElseGet(
            () -> {
              if (templates.countByOwner(staff.id()) >= MAX_OWN) {
                throw new ApiException(HttpStatus.CONFLICT, "template-limit", MAX_OWN);
              }
              return templates.insertOnce(staff.id(), text, clock.instant());
            });
  }

  public void remove(Account staff, long id) {
    requireStaff(staff);
    if (!templates.delete(id, staff.id())) {
      throw ApiException.notFound();
    }
  }

  private static void requireStaff(Account account) {
    if (!account.role().isStaff()) {
      throw ApiException.forbidden();
    }
  }
}
