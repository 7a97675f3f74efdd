package dev.freeport.provider.vertex;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A throw-away Google service account: a fresh RSA key pair and its key file, pointing at a fake token endpoint. */
record ServiceAccount(KeyPair keys, String email, Path file) {

    static ServiceAccount create(String tokenUri) throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            keys = g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        String email = "freeport@acme-prod.iam.gserviceaccount.com";
        Path file = Files.createTempFile("sa-key", ".json");
        Files.writeString(file, new ObjectMapper().createObjectNode().put("type", "service_account")
                .put("project_id", "acme-prod").put("private_key_id", "fake-key-1").put("private_key", pem)
                .put("client_email", email).put("client_id", "1234567890").put("token_uri", tokenUri).toString());
        return new ServiceAccount(keys, email, file);
    }
}
