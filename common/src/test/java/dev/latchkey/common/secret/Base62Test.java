package dev.latchkey.common.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Base62 in long arithmetic against the BigInteger form of the same encoding, the oracle. */
class Base62Test {

    @Property(tries = 2000)
    void aLongEncodesAsItsBigIntegerDoes(@ForAll @LongRange(min = 0) long value, @ForAll @IntRange(min = 1, max = 12) int width) {
        BigInteger big = BigInteger.valueOf(value);
        boolean fits = big.compareTo(BigInteger.valueOf(62).pow(width)) < 0;
        byte[] bytes = big.toByteArray();
        if (fits) {
            assertEquals(Base62.encode(bytes, width), Base62.encode(value, width));
        } else {
            assertThrows(IllegalArgumentException.class, () -> Base62.encode(bytes, width));
            assertThrows(IllegalArgumentException.class, () -> Base62.encode(value, width));
        }
    }

    @Property(tries = 1000)
    void aChecksumFitsItsSixCharacters(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long crc) {
        assertEquals(6, Base62.encode(crc, 6).length());
    }
}
