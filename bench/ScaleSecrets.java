import dev.latchkey.common.secret.SecretFormat;
import dev.latchkey.common.secret.SecretHasher;
import dev.latchkey.common.secret.SecretKind;
import java.util.HexFormat;

/**
 * The tokens of bench/scale.sh whose secrets the script must know: real secrets made and hashed by the project's own
 * {@link SecretFormat} and {@link SecretHasher} (ADR 0002), so the bulk-loaded rows are exactly what token-service
 * would have stored, and the secret format or its hash cannot drift from the services'. The other bulk rows get hashes
 * of secrets nobody knows, which is what every stored row is to the database anyway.
 *
 * <p>Run on the common module's classes: {@code java -cp "token-service/target/quarkus-app/lib/main/*"
 * bench/ScaleSecrets.java <pepper base64> <count>}. Prints one tab-separated line per token, client credentials and
 * access keys alternating: {@code type client_id|- secret hash_hex hint}.
 */
public final class ScaleSecrets {

    public static void main(String[] args) {
        SecretHasher hasher = new SecretHasher(args[0]);
        int count = Integer.parseInt(args[1]);
        HexFormat hex = HexFormat.of();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            boolean client = i % 2 == 0;
            String secret = SecretFormat.generate(client ? SecretKind.CLIENT_SECRET : SecretKind.ACCESS_KEY);
            out.append(client ? "CLIENT_CREDENTIALS" : "ACCESS_TOKEN").append('\t')
                    .append(client ? SecretFormat.newClientId() : "-").append('\t')
                    .append(secret).append('\t')
                    .append(hex.formatHex(hasher.hash(secret))).append('\t')
                    .append(SecretFormat.hint(secret)).append('\n');
        }
        System.out.print(out);
    }
}
