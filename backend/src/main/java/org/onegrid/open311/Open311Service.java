package org.onegrid.open311;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.onegrid.account.Account;
import org.onegrid.account.AccountService;
import org.onegrid.grid.GridService;
import org.onegrid.platform.OneGridConfig;
import org.onegrid.problem.Answers;
import org.onegrid.problem.Category;
import org.onegrid.problem.CategoryQuestion;
import org.onegrid.problem.ProblemService;
import org.onegrid.problem.ProblemSource;
import org.onegrid.problem.ProblemState;
import org.onegrid.problem.PublicRecords;

/**
 * OneGrid as an Open311 GeoReport v2 server. Services are the problem categories (their extra
 * questions are the service definitions' attributes); a request is a problem. Requests are of type
 * "batch": a POST answers with a token, which resolves at once to the request's id.
 */
@Singleton
public class Open311Service {

  static final Duration MAX_SPAN = Duration.ofDays(90);
  static final int MAX_REQUESTS = 1000;
  static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
  private static final Set<ProblemState> CLOSED =
      EnumSet.of(ProblemState.RESOLVED, ProblemState.RETURNED, ProblemState.CLOSED);

  private final ProblemService problems;
  private final PublicRecords publicRecords;
  private final Open311Keys keys;
  private final Answers answerCheck;
  private final Open311Places places;
  private final AccountService accounts;
  private final Open311RequestRepository requests;
  private final ZoneId zone;
  @Nullable private final String publicUrl;

  Open311Service(
      ProblemService problems,
      PublicRecords publicRecords,
      Open311Keys keys,
      Answers answerCheck,
      Open311Places places,
      AccountService accounts,
      Open311RequestRepository requests,
      OneGridConfig config,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl) {
    this.problems = problems;
    this.publicRecords = publicRecords;
    this.keys = keys;
    this.answerCheck = answerCheck;
    this.places = places;
    this.accounts = accounts;
    this.requests = requests;
    this.zone = config.getTimeZone();
    this.publicUrl = publicUrl;
  }

  /** The discovery document: this one endpoint and its formats. */
  Open311Documents.Discovery discovery(String baseUrl) {
    String url = (publicUrl == null || publicUrl.isBlank() ? baseUrl : publicUrl) + "/open311/v2";
    Open311Documents.Endpoint endpoint =
        new Open311Documents.Endpoint(
            SPECIFICATION,
            url,
            CHANGESET,
            "production",
            new Open311Format.ListOf("format", List.of("text/xml", "application/json")));
    return new Open311Documents.Discovery(
        CHANGESET,
        "Your city's OneGrid administrators",
        "API keys are issued by a city administrator in OneGrid",
        new Open311Format.ListOf("endpoint", List.of(endpoint)));
  }

  /** When this endpoint's documents last changed. */
  private static final String CHANGESET = "2026-11-27T00:00:00Z";

  List<Open311Documents.Service> services(Locale locale) {
    Map<String, List<CategoryQuestion>> questions = problems.questions();
    return problems.categories().stream()
        .map(
            c ->
                new Open311Documents.Service(
                    c.code(),
                    c.name(locale),
                    notice(c, locale),
                    questions.containsKey(c.code()),
                    "batch",
                    c.nameZh() + ", " + c.nameEn(),
                    "problems"))
        .toList();
  }

  Open311Documents.ServiceDefinition definition(String code, Locale locale) {
    Category category = category(code);
    List<Open311Documents.Attribute> attributes = new ArrayList<>();
    for (CategoryQuestion q : problems.questions().getOrDefault(category.code(), List.of())) {
      List<Open311Documents.Value> values =
          q.choices().stream()
              .map(choice -> new Open311Documents.Value(choice.key(), choice.name(locale)))
              .toList();
      attributes.add(
          new Open311Documents.Attribute(
              true,
              q.code(),
              q.datatype(),
              q.required(),
              null,
              q.order(),
              q.text(locale),
              new Open311Format.ListOf("value", values)));
    }
    return new Open311Documents.ServiceDefinition(
        category.code(), new Open311Format.ListOf("attribute", attributes));
  }

  /**
   * Files a request as a OneGrid problem from the app holding the key. The same Idempotency-Key
   * from the same app returns the first request's token.
   */
  List<Open311Documents.Receipt> create(
      Map<String, List<String>> form, @Nullable String idempotencyKey, Locale locale) {
    Open311Client client = keys.posting(Open311Params.one(form, "api_key"));
    String code = Open311Params.one(form, "service_code");
    if (code == null) {
      throw new Open311Exception(400, "service_code was not provided");
    }
    Category category = category(code);
    Map<String, String> answers = answers(category, form, locale);
    String description = Open311Params.one(form, "description");
    if (description != null && description.length() > 2000) {
      throw new Open311Exception(400, "description is limited to 2000 characters here");
    }
    Open311Places.Place place = places.place(form);
    String mediaUrl = Open311Params.one(form, "media_url");
    if (mediaUrl != null && (!mediaUrl.matches("(?i)https?://\\S+") || mediaUrl.length() > 500)) {
      throw new Open311Exception(400, "media_url must be an http(s) URL of at most 500 characters");
    }
    OpenRequestFields fields = OpenRequestFields.of(form);
    Account app = accounts.get(client.accountId());
    String token = UUID.randomUUID().toString().replace("-", "");
    String key =
        "open311:"
            + (idempotencyKey == null || idempotencyKey.isBlank() ? token : idempotencyKey.trim());
    if (key.length() > 64) {
      throw new Open311Exception(400, "Idempotency-Key is limited to 56 characters");
    }
    long id =
        problems
            .report(
                app,
                new ProblemService.NewReport(
                    category.code(),
                    description == null || description.isBlank()
                        ? category.name(Locale.SIMPLIFIED_CHINESE)
                        : description.trim(),
                    place.unitId(),
                    place.text(),
                    place.lat(),
                    place.lng(),
                    false,
                    List.of(),
                    place.gridId(),
                    place.buildingId(),
                    true),
                key,
                locale,
                ProblemSource.OPEN311,
                problemId -> {
                  requests.insert(
                      problemId,
                      client.id(),
                      token,
                      new Open311RequestRepository.Submitter(
                          Open311Params.cut(Open311Params.one(form, "address_string"), 400),
                          Open311Params.cut(fields.email(), 200),
                          Open311Params.cut(fields.firstName(), 60),
                          Open311Params.cut(fields.lastName(), 60),
                          Open311Params.cut(fields.phone(), 40),
                          Open311Params.cut(fields.accountId(), 80),
                          Open311Params.cut(fields.deviceId(), 80),
                          mediaUrl));
                  problems.saveAnswers(problemId, answers);
                })
            .id();
    String issued = requests.findTokenByProblem(id).orElse(token);
    String notice = notice(category, locale);
    if (place.nearest() != null) {
      notice = nearestNotice(place.nearest(), locale) + notice;
    }
    return List.of(new Open311Documents.Receipt(issued, notice, fields.accountId()));
  }

  List<Open311Documents.TokenAnswer> token(String token) {
    Long id =
        requests
            .findProblemIdByToken(token)
            .orElseThrow(() -> new Open311Exception(404, "token " + token + " was not found"));
    return List.of(new Open311Documents.TokenAnswer(String.valueOf(id), token));
  }

  /**
   * GET requests: by ids (which override the rest), else by date window, service and status. Only
   * public problems are listed; by id, an app's own key also reads back what that app filed.
   */
  List<Open311Documents.ServiceRequest> list(
      Map<String, List<String>> query, Locale locale, Instant now) {
    String ids = Open311Params.one(query, "service_request_id");
    if (ids != null) {
      List<Long> wanted = new ArrayList<>();
      for (String id : ids.split(",")) {
        wanted.add(Open311Params.parseId(id.trim()));
      }
      return render(publicRecords.find(wanted, keys.filedBy(query), locale), locale);
    }
    Open311Params.Window window = Open311Params.window(query, now, MAX_SPAN, MAX_SPAN);
    Set<ProblemState> states = statuses(Open311Params.one(query, "status"));
    List<String> codes = null;
    String services = Open311Params.one(query, "service_code");
    if (services != null) {
      codes =
          Arrays.stream(services.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return render(
        publicRecords.find(window.start(), window.end(), states, codes, MAX_REQUESTS, locale),
        locale);
  }

  List<Open311Documents.ServiceRequest> one(
      long id, Map<String, List<String>> query, Locale locale) {
    List<Open311Documents.ServiceRequest> found =
        render(publicRecords.find(List.of(id), keys.filedBy(query), locale), locale);
    if (found.isEmpty()) {
      throw new Open311Exception(404, "service_request_id " + id + " was not found");
    }
    return found;
  }

  private List<Open311Documents.ServiceRequest> render(
      List<PublicRecords.PublicRecord> records, Locale locale) {
    Map<Long, String> media =
        requests.findMediaUrls(records.stream().map(PublicRecords.PublicRecord::id).toList());
    Map<String, Category> kinds = new LinkedHashMap<>();
    List<Open311Documents.ServiceRequest> out = new ArrayList<>();
    for (PublicRecords.PublicRecord r : records) {
      Category category =
          kinds.computeIfAbsent(r.categoryCode(), c -> problems.category(c).orElseThrow());
      out.add(
          new Open311Documents.ServiceRequest(
              String.valueOf(r.id()),
              CLOSED.contains(r.state()) ? "closed" : "open",
              r.statusNotes(),
              r.categoryName(),
              r.categoryCode(),
              r.description(),
              r.agency(),
              notice(category, locale),
              Open311Params.w3(r.requestedAt(), zone),
              Open311Params.w3(r.updatedAt(), zone),
              Open311Params.w3(r.expectedAt(), zone),
              r.address(),
              null,
              null,
              r.lat(),
              r.lng(),
              media.get(r.id())));
    }
    return out;
  }

  /** Said first in the answer when the point was between grids and the nearest took it. */
  private static String nearestNotice(GridService.Nearby near, Locale locale) {
    return "en".equals(locale.getLanguage())
        ? "The point is outside every grid; it went to the nearest, "
            + near.grid().name()
            + " (about "
            + near.meters()
            + " m away). "
        : "该位置不在任何网格内，已交给最近的" + near.grid().name() + "（约 " + near.meters() + " 米）。";
  }

  private String notice(Category c, Locale locale) {
    return "en".equals(locale.getLanguage())
        ? "The grid leader accepts it within "
            + c.acceptHours()
            + " hours and deals with it within "
            + c.resolveHours()
            + " hours."
        : "网格长 " + c.acceptHours() + " 小时内受理，" + c.resolveHours() + " 小时内办结。";
  }

  private Category category(String code) {
    return problems
        .activeCategory(code)
        .orElseThrow(() -> new Open311Exception(404, "service_code " + code + " was not found"));
  }

  /**
   * The answers to the category's questions from attribute[CODE] (or attribute[CODE][] for lists).
   */
  private Map<String, String> answers(
      Category category, Map<String, List<String>> form, Locale locale) {
    Map<String, List<String>> given = new LinkedHashMap<>();
    for (CategoryQuestion q : answerCheck.of(category.code())) {
      List<String> values = new ArrayList<>();
      values.addAll(form.getOrDefault("attribute[" + q.code() + "]", List.of()));
      values.addAll(form.getOrDefault("attribute[" + q.code() + "][]", List.of()));
      given.put(q.code(), values);
    }
    return answerCheck.check(
        category.code(),
        given,
        r ->
            new Open311Exception(
                400,
                switch (r.reason()) {
                  case "required" ->
                      "attribute[" + r.question().code() + "] is required: " + r.text(locale);
                  case "unknown-choice" ->
                      "attribute[" + r.question().code() + "] has no value with key " + r.value();
                  default -> "attribute[" + r.question().code() + "] takes one value";
                }));
  }

  /** The optional submitter fields, as sent. */
  private record OpenRequestFields(
      @Nullable String email,
      @Nullable String firstName,
      @Nullable String lastName,
      @Nullable String phone,
      @Nullable String accountId,
      @Nullable String deviceId) {

    static OpenRequestFields of(Map<String, List<String>> form) {
      return new OpenRequestFields(
          Open311Params.one(form, "email"),
          Open311Params.one(form, "first_name"),
          Open311Params.one(form, "last_name"),
          Open311Params.one(form, "phone"),
          Open311Params.one(form, "account_id"),
          Open311Params.one(form, "device_id"));
    }
  }

  @Nullable
  private static Set<ProblemState> statuses(@Nullable String value) {
    if (value == null) {
      return null;
    }
    Set<ProblemState> states = EnumSet.noneOf(ProblemState.class);
    for (String s : value.split(",")) {
      switch (s.trim()) {
        case "open" -> states.addAll(EnumSet.complementOf(EnumSet.copyOf(CLOSED)));
        case "closed" -> states.addAll(CLOSED);
        case "" -> {}
        default -> throw new Open311Exception(400, "status must be open or closed, not " + s);
      }
    }
    return states.isEmpty() ? null : states;
  }
}
