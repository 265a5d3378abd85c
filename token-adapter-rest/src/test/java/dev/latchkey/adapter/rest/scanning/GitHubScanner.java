package dev.latchkey.adapter.rest.scanning;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A secret scanner of our own that behaves as GitHub's does: a P-256 key pair whose public half it serves in GitHub's
 * exact key-list JSON on a loopback port, and signatures made as GitHub makes them (SHA-256 with ECDSA, DER, base64,
 * over the raw body). It counts how often its key list is fetched.
 */
public final class GitHubScanner implements AutoCloseable {

    public static final String KEY_IDENTIFIER = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";

    private final KeyPair keys;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    public GitHubScanner() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/meta/public_keys/secret_scanning", exchange -> {
            fetches.incrementAndGet();
            byte[] body = keyList().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** GitHub's JSON, with the key as PEM, its line breaks escaped as JSON escapes them. */
    public String keyList() {
        return "{\"public_keys\":[{\"key_identifier\":\"" + KEY_IDENTIFIER + "\",\"key\":\""
                + pem().replace("\n", "\\n") + "\",\"is_current\":true}]}";
    }

    /** The public key as PEM, 64 characters to a line, as GitHub publishes it. */
    public String pem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    public URI keysUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/meta/public_keys/secret_scanning");
    }

    public int fetches() {
        return fetches.get();
    }

    /** The {@code Github-Public-Key-Signature} of exactly these bytes. */
    public String sign(byte[] body) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
