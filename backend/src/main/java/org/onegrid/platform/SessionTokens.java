package org.onegrid.platform;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Sessions are signed JWTs in an HttpOnly, SameSite cookie that name a server-side session row
 * (checked by the account feature's {@code Sessions}), so any instance serves any request and a
 * sign-out holds everywhere. The signing key comes from configuration or, by default, from the
 * database that all instances share.
 */
@Singleton
public class SessionTokens {

  private final TokenGenerator tokens;
  private final AccessTokenCookieConfiguration cookieConfig;

  SessionTokens(TokenGenerator tokens, AccessTokenCookieConfiguration cookieConfig) {
    this.tokens = tokens;
    this.cookieConfig = cookieConfig;
  }

  /**
   * Signs the account in on this response, for {@code lifetime}; {@code attributes} become claims
   * of the token (the server-side session id among them).
   */
  public <T> MutableHttpResponse<T> signIn(
      HttpRequest<?> request,
      MutableHttpResponse<T> response,
      long accountId,
      Collection<String> roles,
      Map<String, Object> attributes,
      Duration lifetime) {
    Authentication authentication =
        Authentication.build(String.valueOf(accountId), roles, attributes);
    int seconds = (int) Math.min(Integer.MAX_VALUE, lifetime.toSeconds());
    String token =
        tokens
            .generateToken(authentication, seconds)
            .orElseThrow(() -> new IllegalStateException("No session token could be signed"));
    return response.cookie(cookie(request, token).maxAge(Duration.ofSeconds(seconds)));
  }

  public <T> MutableHttpResponse<T> signOut(
      HttpRequest<?> request, MutableHttpResponse<T> response) {
    return response.cookie(cookie(request, "").maxAge(0));
  }

  private Cookie cookie(HttpRequest<?> request, String value) {
    Cookie cookie =
        Cookie.of(cookieConfig.getCookieName(), value)
            .path(cookieConfig.getCookiePath().orElse("/"))
            .httpOnly(true)
            .secure(cookieConfig.isCookieSecure().orElse(request.isSecure()));
    cookieConfig.getCookieSameSite().ifPresent(cookie::sameSite);
    return cookie;
  }

  /**
   * The bean is declared as the interface: declared as {@link SecretSignature}, it would carry that
   * class's own bean conditions (one per configured secret) and silently not exist, leaving tokens
   * unsigned.
   */
  @Factory
  static class SigningKey {

    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration signature(
        SecretStore secrets,
        @Nullable @Value("${onegrid.security.session-secret:}") String configured) {
      SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
      config.setJwsAlgorithm(JWSAlgorithm.HS256);
      if (configured != null && !configured.isBlank()) {
        if (configured.length() < 32) {
          throw new IllegalStateException(
              "onegrid.security.session-secret must be at least 32 characters");
        }
        config.setSecret(configured);
      } else {
        config.setSecret(secrets.getOrCreate("session-signing-key"));
      }
      return new SecretSignature(config);
    }
  }
}
