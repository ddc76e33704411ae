package dev.latchkey.auth.jwt;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * JWT ids as UUID version 7 (RFC 9562 section 5.7): the issue time in milliseconds in the first 48 bits, then 74
 * random bits. Another service can then order a JWT against a change to the millisecond, although {@code iat} is in
 * seconds (ADR 0010). Not monotonic within a millisecond; ids need to be unique and time-stamped, not sequenced.
 */
public final class JwtIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JwtIds() {
    }

    public static UUID next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randA = ((random[0] & 0xFFL) << 8 | (random[1] & 0xFFL)) & 0x0FFFL;
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = 0;
        for (int i = 2; i < 10; i++) {
            lsb = lsb << 8 | (random[i] & 0xFFL);
        }
        lsb = lsb & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
