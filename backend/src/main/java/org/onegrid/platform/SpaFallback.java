package org.onegrid.platform;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * History-mode routing for the single-page app: a GET for a path that is neither an API, a webhook
 * nor a file answers with the app's index.html, so that a bookmarked or reloaded deep link opens
 * the right page.
 */
@Controller
@ProblemAnswers
@Hidden
@Secured(SecurityRule.IS_ANONYMOUS)
final class SpaFallback {

  private static final List<String> NOT_APP =
      List.of("/api/", "/open311/", "/swagger", "/health", "/prometheus", "/assets/");
  private final Optional<URL> index;
  private final ProblemResponses problems;

  SpaFallback(ResourceResolver resources, ProblemResponses problems) {
    this.index = resources.getResource("classpath:public/index.html");
    this.problems = problems;
  }

  @Error(status = HttpStatus.NOT_FOUND, global = true)
  HttpResponse<?> notFound(HttpRequest<?> request) {
    String path = request.getPath();
    boolean appPage =
        request.getMethod() == HttpMethod.GET
            && index.isPresent()
            && NOT_APP.stream().noneMatch(path::startsWith)
            && !path.substring(path.lastIndexOf('/') + 1).contains(".");
    if (!appPage) {
      return problems.of(request, HttpStatus.NOT_FOUND, "not-found", List.of());
    }
    return HttpResponse.ok(new StreamedFile(index.get()))
        .contentType(MediaType.TEXT_HTML_TYPE)
        .header("Cache-Control", "no-cache");
  }
}
