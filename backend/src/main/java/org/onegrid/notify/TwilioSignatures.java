package org.onegrid.notify;

import com.twilio.security.RequestValidator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;
import org.onegrid.platform.ApiException;

/**
 * Checks that a webhook came from Twilio: its X-Twilio-Signature must sign the public URL it was
 * sent to (onegrid.public-url, for deployments behind a proxy, plus the path and query) and its
 * form parameters with the account's auth token. Anything else is refused with 403.
 */
@Singleton
@Requires(property = TwilioSmsSender.ACCOUNT_SID)
public class TwilioSignatures {

  private final RequestValidator validator;
  private final String publicUrl;

  TwilioSignatures(
      @Value("${onegrid.twilio.auth-token}") String authToken,
      @Nullable @Value("${onegrid.public-url:}") String publicUrl) {
    this.validator = new RequestValidator(authToken);
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
  }

  public void verify(HttpRequest<?> request, Map<String, String> form) {
    String signature = request.getHeaders().get("X-Twilio-Signature");
    String query = request.getUri().getRawQuery();
    String url = publicUrl + request.getPath() + (query == null ? "" : "?" + query);
    if (signature == null || publicUrl.isEmpty() || !validator.validate(url, form, signature)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "twilio-signature");
    }
  }

  /** The public URL of a path of this server, for the callbacks TwiML names. */
  public String url(String pathAndQuery) {
    return publicUrl + pathAndQuery;
  }
}
