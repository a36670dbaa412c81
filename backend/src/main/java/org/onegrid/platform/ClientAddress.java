package org.onegrid.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

/**
 * The caller's IP address, honouring micronaut.server.client-address-header behind a trusted proxy.
 */
@Singleton
public class ClientAddress {

  private final HttpClientAddressResolver resolver;

  ClientAddress(HttpClientAddressResolver resolver) {
    this.resolver = resolver;
  }

  public String of(HttpRequest<?> request) {
    String address = resolver.resolve(request);
    return address == null ? "unknown" : address;
  }
}
