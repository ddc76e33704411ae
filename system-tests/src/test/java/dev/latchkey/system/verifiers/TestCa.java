package dev.latchkey.system.verifiers;

import dev.latchkey.system.Command;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A throwaway certificate authority and a server certificate for {@code 127.0.0.1}, made at test time, so the gateway
 * can put TLS in front of auth-service: {@code mod_auth_openidc} fetches a JWKS only over https. Made with the
 * {@code openssl} command where it exists (Debian's, as CI has), else with the JDK's {@code keytool} (the private key
 * is then written out as PKCS#8 PEM from the PKCS#12 store). All keys are EC P-256 and live for a day.
 *
 * @param tool which tool made them: {@code openssl} or {@code keytool}
 */
public record TestCa(Path caCertificate, Path serverCertificate, Path serverKey, String tool) {

    private static final String PASSWORD = "latchkey-test";
    private static final String SAN = "IP:127.0.0.1,DNS:localhost";

    /** Makes the CA and the server certificate in {@code dir}; {@code latchkey.gateway.certs=keytool} forces keytool. */
    public static TestCa create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Optional<Path> openssl = "keytool".equals(System.getProperty("latchkey.gateway.certs"))
                ? Optional.empty() : Command.find("openssl");
        return openssl.isPresent() ? withOpenssl(openssl.get().toString(), dir) : withKeytool(dir);
    }

    private static TestCa withOpenssl(String openssl, Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca.key");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path extensions = dir.resolve("server.ext");
        Files.writeString(extensions, "subjectAltName=" + SAN + "\nextendedKeyUsage=serverAuth\n");
        run(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "1", "-subj", "/CN=Latchkey test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        run(openssl, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=127.0.0.1");
        run(openssl, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "1", "-extfile", extensions.toString());
        return new TestCa(ca, cert, key, "openssl");
    }

    private static TestCa withKeytool(Path dir) throws IOException, InterruptedException {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path caStore = dir.resolve("ca.p12");
        Path serverStore = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path ca = dir.resolve("ca.pem");
        Path cert = dir.resolve("server.pem");
        Files.deleteIfExists(caStore);
        Files.deleteIfExists(serverStore);
        run(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                "-dname", "CN=Latchkey test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign",
                "-keystore", caStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                "-file", ca.toString());
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                "-dname", "CN=127.0.0.1", "-keystore", serverStore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        run(keytool, "-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                "-file", csr.toString());
        run(keytool, "-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-storepass", PASSWORD,
                "-infile", csr.toString(), "-outfile", cert.toString(), "-validity", "1",
                "-ext", "SAN=" + SAN, "-ext", "EKU=serverAuth");
        Path key = dir.resolve("server.key");
        Files.writeString(key, pem("PRIVATE KEY", privateKey(serverStore, "server").getEncoded()));
        return new TestCa(ca, cert, key, "keytool");
    }

    private static PrivateKey privateKey(Path store, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the key keytool made", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Command run = Command.run(args, null, 60);
        if (run.exit() != 0) {
            throw new AssertionError(String.join(" ", args) + " failed:\n" + run.err());
        }
    }
}
