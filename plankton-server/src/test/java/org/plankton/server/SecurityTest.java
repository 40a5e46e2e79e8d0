package org.plankton.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token rule, cross-origin writes and the upload size limit. */
class SecurityTest {

    static final String TOKEN = "correct-horse-battery-staple";

    @TempDir
    static Path tmp;
    static PlanktonServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PlanktonServer.start(ServerConfig.local(TestModel.model(), tmp.resolve("data")).withPort(0)
                .withToken(TOKEN).withMaxUploadBytes(200_000));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesToListenOffLoopbackWithoutAToken() {
        ServerConfig local = ServerConfig.local(tmp, tmp);
        assertThatThrownBy(() -> local.withHost("0.0.0.0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without an API token");
        assertThat(local.withToken(TOKEN).withHost("0.0.0.0").host()).isEqualTo("0.0.0.0");
        assertThat(local.withHost("localhost").host()).isEqualTo("localhost");
        assertThatThrownBy(() -> local.withToken("short")).hasMessageContaining("at least 16");
    }

    @Test
    void writesNeedTheTokenReadsDoNot() throws Exception {
        Http anonymous = new Http(server.url(), null);
        Http wrong = new Http(server.url(), "not-the-right-token-at-all");
        Http good = new Http(server.url(), TOKEN);
        assertThat(anonymous.get("/api/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/api/samples").status()).isEqualTo(200);
        Http.Response denied = anonymous.postJson("/api/samples", Http.map("name", "x"));
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(wrong.postJson("/api/samples", Http.map("name", "x")).status()).isEqualTo(401);
        assertThat(anonymous.postFiles("/api/classify", List.of(ApiTest.CORRUPT)).status()).isEqualTo(401);
        Http.Response created = good.postJson("/api/samples", Http.map("name", "x"));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(anonymous.delete("/api/samples/" + id).status()).isEqualTo(401);
        // the other header form
        Http.Response viaHeader = good.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/samples/" + id))
                .header("X-Plankton-Token", TOKEN).DELETE());
        assertThat(viaHeader.status()).isEqualTo(204);
    }

    @Test
    void crossOriginWritesAreRefused() throws Exception {
        Http good = new Http(server.url(), TOKEN);
        Http.Response r = good.send(good.auth(HttpRequest.newBuilder(URI.create(server.url() + "/api/samples"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))));
        assertThat(r.status()).isEqualTo(403);
    }

    /**
     * The 413 must reach the client every time, not just usually: answering before the body is
     * read used to let a TCP reset wipe it out now and then ("header parser received no bytes").
     */
    @Test
    void everyOversizedUploadSeesItsAnswer() throws Exception {
        Http good = new Http(server.url(), TOKEN);
        List<Http.Part> big = List.of(new Http.Part("big.png", new byte[1_000_000]));
        for (int i = 0; i < 40; i++) {
            Http.Response declared = good.postFiles("/api/classify", big);
            assertThat(declared.status()).as("try %d: %s", i, declared.text()).isEqualTo(413);
            Http.Response chunked = postChunked(good, big);
            assertThat(chunked.status()).as("chunked try %d: %s", i, chunked.text()).isEqualTo(413);
            assertThat(chunked.headers().firstValue("Connection")).as("told the connection ends").hasValue("close");
        }
    }

    @Test
    void uploadsOverTheLimitGet413() throws Exception {
        Http good = new Http(server.url(), TOKEN);
        Http.Response r = good.postFiles("/api/classify", List.of(new Http.Part("big.png", new byte[300_000])));
        assertThat(r.status()).as(r.text()).isEqualTo(413);
        // chunked (no Content-Length): Jetty's multipart limit catches it
        Http.Response chunked = postChunked(good, List.of(new Http.Part("big.png", new byte[300_000])));
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
        // and the server still works afterwards
        assertThat(good.get("/api/health").status()).isEqualTo(200);
    }

    /** Posts files to /api/classify without a Content-Length (a streamed, chunked body). */
    private static Http.Response postChunked(Http http, List<Http.Part> parts) throws Exception {
        byte[] body = Http.multipart("b0undary", parts);
        return http.send(http.auth(HttpRequest.newBuilder(URI.create(server.url() + "/api/classify"))
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))));
    }
}
