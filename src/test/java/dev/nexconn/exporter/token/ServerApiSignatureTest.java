package dev.nexconn.exporter.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerApiSignatureTest {
  @Test
  void theSignatureIsLowerCaseHexSha1OfSecretNonceAndTimestamp() {
    // Computed independently: printf 'test-secretn11764313200000' | sha1sum
    assertThat(ServerApiSignature.sign("test-secret", "n1", "1764313200000"))
        .isEqualTo("ea9a1a9d0accaa7cfefadb3b92b297e6963ef6f6");
  }
}
