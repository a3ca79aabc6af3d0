package dev.nexconn.exporter.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nexconn.exporter.support.TestCertificates;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wss://} to a server whose certificate is signed by a private CA given as a PEM file. */
class WssTransportIT {
  private final Vertx vertx = Vertx.vertx();
  @TempDir Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void aCustomCaLetsTheProbeConnectAndWithoutItTheHandshakeFails() throws Exception {
    TestCertificates certs = TestCertificates.selfSigned(dir);
    Path ca = certs.caPem();
    assertThat(Files.readString(ca)).contains("BEGIN CERTIFICATE");
    int port =
        vertx
            .createHttpServer(certs.serverOptions())
            .webSocketHandler(
                ws ->
                    ws.textMessageHandler(
                        text -> {
                          if (FrameCodec.decode(text) instanceof Frame.Connect) {
                            ws.writeTextMessage(FrameCodec.encode(new Frame.ConnAck(0, "u", "s")));
                          }
                        }))
            .listen(0, "127.0.0.1")
            .await(5, TimeUnit.SECONDS)
            .actualPort();
    URI url = URI.create("wss://127.0.0.1:" + port + "/v1/connect");

    UpstreamTransport trusted =
        NettyWebSocketTransport.create(vertx, url, ca, null, Duration.ofSeconds(2));
    UpstreamLink link = trusted.open().await(5, TimeUnit.SECONDS);
    Promise<Frame> answer = Promise.promise();
    link.listener(
        new LinkListener() {
          @Override
          public void onFrame(Frame frame) {
            answer.tryComplete(frame);
          }

          @Override
          public void onClosed(int code) {}

          @Override
          public void onProtocolError(FrameCodecException error) {
            answer.tryFail(error);
          }
        });
    link.send(new Frame.Connect("t", false, false, "d", "probe"));
    assertThat(answer.future().await(5, TimeUnit.SECONDS))
        .isEqualTo(new Frame.ConnAck(0, "u", "s"));

    UpstreamTransport untrusted =
        NettyWebSocketTransport.create(vertx, url, null, null, Duration.ofSeconds(2));
    assertThatThrownBy(() -> untrusted.open().await(5, TimeUnit.SECONDS))
        .isInstanceOf(UpstreamUnreachableException.class)
        .satisfies(e -> assertThat(((UpstreamUnreachableException) e).viaProxy()).isFalse());
  }
}
