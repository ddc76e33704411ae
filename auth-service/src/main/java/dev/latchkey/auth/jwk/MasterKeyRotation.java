package dev.latchkey.auth.jwk;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Moves the signing keys to a new master key (ADR 0003): at start, every stored key that the current
 * {@code latchkey.auth.master-key} does not open but one of {@code latchkey.auth.previous-master-keys} does is
 * re-encrypted under the current one. A key that no configured master key opens stops the start: signing with it, or
 * publishing a key whose private half is lost, would be worse than not starting.
 */
@Singleton
public class MasterKeyRotation {

    private static final Logger LOG = Logger.getLogger(MasterKeyRotation.class);

    private final MasterKey masterKey;

    MasterKeyRotation(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /**
     * Re-encrypts the managed entities in place; call it inside the start-up transaction, under the signing keys'
     * advisory lock, so that all of them change in one commit or none does. Fails, changing nothing, when a key opens
     * under no configured master key.
     */
    Uni<Void> reseal(List<SigningKey> stored) {
        return Uni.createFrom().voidItem().invoke(() -> resealNow(stored));
    }

    private void resealNow(List<SigningKey> stored) {
        List<String> unreadable = new ArrayList<>();
        List<SigningKey> underPrevious = new ArrayList<>();
        List<Integer> openers = new ArrayList<>();
        for (SigningKey key : stored) {
            int opener = masterKey.opener(key.privateKey, key.kid);
            if (opener == MasterKey.NONE) {
                unreadable.add(key.kid);
            } else if (opener != MasterKey.CURRENT_KEY) {
                underPrevious.add(key);
                openers.add(opener - 1);
            }
        }
        if (!unreadable.isEmpty()) {
            throw new IllegalStateException("Signing key(s) " + String.join(", ", unreadable) + " cannot be decrypted with "
                    + MasterKey.CURRENT + " nor with any of the " + masterKey.previousCount() + " key(s) in "
                    + MasterKey.PREVIOUS + ": configure the master key they were encrypted with, as " + MasterKey.CURRENT
                    + " or in " + MasterKey.PREVIOUS + " (docs/operations.md, rotating the master key)");
        }
        for (int i = 0; i < underPrevious.size(); i++) {
            SigningKey key = underPrevious.get(i);
            byte[] plain = null;
            try {
                plain = masterKey.decrypt(key.privateKey, key.kid);
                key.privateKey = masterKey.encrypt(plain, key.kid);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot re-encrypt signing key " + key.kid, e);
            } finally {
                if (plain != null) {
                    Arrays.fill(plain, (byte) 0);
                }
            }
            LOG.infof("Re-encrypting signing key %s under %s (it was under %s[%d])", key.kid, MasterKey.CURRENT,
                    MasterKey.PREVIOUS, openers.get(i));
        }
    }
}
