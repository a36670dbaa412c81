package org.onegrid.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The caller's IP address, as per-address limits count it. It is the socket's peer address unless
 * that peer is a configured trusted proxy ({@code onegrid.security.trusted-proxies}, addresses or
 * CIDR blocks); then it is the right-most address in {@code X-Forwarded-For} that is not itself a
 * trusted proxy: the one the outermost trusted proxy saw. Anything to the left of it was written by
 * the client and proves nothing, so a caller cannot pick their own address to dodge a limit.
 */
@Singleton
public class ClientAddress {

  private final List<Cidr> trusted;

  ClientAddress(@Nullable @Value("${onegrid.security.trusted-proxies:}") List<String> proxies) {
    List<Cidr> blocks = new ArrayList<>();
    if (proxies != null) {
      for (String p : proxies) {
        if (!p.isBlank()) {
          blocks.add(Cidr.parse(p.trim()));
        }
      }
    }
    this.trusted = List.copyOf(blocks);
  }

  public String of(HttpRequest<?> request) {
    InetSocketAddress remote = request.getRemoteAddress();
    String peer =
        remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    return resolve(peer, request.getHeaders().getAll("X-Forwarded-For"));
  }

  /** The client's address from the socket's peer and the X-Forwarded-For headers, in order. */
  String resolve(@Nullable String peer, List<String> forwardedFor) {
    if (peer == null) {
      return "unknown";
    }
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.trim());
        }
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = stripPort(hops.get(i));
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    InetAddress parsed = Cidr.literal(address);
    return parsed != null && trusted.stream().anyMatch(c -> c.contains(parsed));
  }

  private static String stripPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end > 0 ? hop.substring(1, end) : hop;
    }
    int colon = hop.indexOf(':');
    return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }

  /** An address block such as 10.0.0.0/8 or ::1/128; a bare address is a block of one. */
  record Cidr(byte[] network, int bits) {

    static Cidr parse(String text) {
      String[] parts = text.split("/", 2);
      InetAddress address = literal(parts[0]);
      if (address == null) {
        throw new IllegalStateException(
            "onegrid.security.trusted-proxies: not an IP address or CIDR block: " + text);
      }
      int max = address.getAddress().length * 8;
      int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
      if (bits < 0 || bits > max) {
        throw new IllegalStateException(
            "onegrid.security.trusted-proxies: bad prefix length in " + text);
      }
      return new Cidr(address.getAddress(), bits);
    }

    boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      for (int i = 0; i < bits; i++) {
        int mask = 0x80 >> (i % 8);
        if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** The address an IP literal stands for, without any name lookup; null if it is not one. */
    static @Nullable InetAddress literal(String text) {
      String t = text.toLowerCase(Locale.ROOT);
      boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
      boolean v6 = t.contains(":") && t.matches("[0-9a-f:.%]+");
      if (!v4 && !v6) {
        return null;
      }
      try {
        return InetAddress.getByName(t);
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }
}
