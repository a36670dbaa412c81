package org.onegrid.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose address a per-address limit counts: a caller cannot choose it by writing a header. */
class ClientAddressTest {

  @Test
  void withoutATrustedProxyTheSocketDecidesWhateverTheHeadersSay() {
    ClientAddress none = new ClientAddress(List.of());
    assertThat(none.resolve("203.0.113.7", List.of("1.2.3.4"))).isEqualTo("203.0.113.7");
    assertThat(none.resolve("127.0.0.1", List.of("1.2.3.4"))).isEqualTo("127.0.0.1");
  }

  @Test
  void behindATrustedProxyTheAddressThatProxySawCountsNotTheOneTheClientWrote() {
    ClientAddress proxied = new ClientAddress(List.of("10.0.0.0/8", "::1"));
    // The client wrote 1.2.3.4 itself; the proxy appended the address it saw.
    assertThat(proxied.resolve("10.0.0.5", List.of("1.2.3.4, 198.51.100.9")))
        .isEqualTo("198.51.100.9");
    // Two proxies of ours in a row: the first untrusted hop from the right.
    assertThat(proxied.resolve("10.0.0.5", List.of("1.2.3.4, 198.51.100.9, 10.0.0.7")))
        .isEqualTo("198.51.100.9");
    assertThat(proxied.resolve("10.0.0.5", List.of("1.2.3.4", "198.51.100.9:5555")))
        .isEqualTo("198.51.100.9");
    assertThat(proxied.resolve("10.0.0.5", List.of())).isEqualTo("10.0.0.5");
    assertThat(proxied.resolve("0:0:0:0:0:0:0:1", List.of("[2001:db8::1]:443")))
        .isEqualTo("2001:db8::1");
    // A caller outside the proxy range is taken at its socket address.
    assertThat(proxied.resolve("198.51.100.20", List.of("10.0.0.9"))).isEqualTo("198.51.100.20");
  }

  @Test
  void aMistypedProxyStopsTheStart() {
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.example")))
        .hasMessageContaining("trusted-proxies");
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
        .hasMessageContaining("trusted-proxies");
  }
}
