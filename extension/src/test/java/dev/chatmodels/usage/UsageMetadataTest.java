package dev.chatmodels.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class UsageMetadataTest {

    @Test
    void addsEveryCounterRecursively() {
        UsageMetadata left = new UsageMetadata(10, 5, 15, new UsageMetadata.InputTokenDetails(1L, null, 3L),
                new UsageMetadata.OutputTokenDetails(null, 2L));
        UsageMetadata right = new UsageMetadata(20, 7, 27, new UsageMetadata.InputTokenDetails(null, 4L, 6L),
                new UsageMetadata.OutputTokenDetails(8L, 1L));

        assertEquals(new UsageMetadata(30, 12, 42, new UsageMetadata.InputTokenDetails(1L, 4L, 9L),
                new UsageMetadata.OutputTokenDetails(8L, 3L)), left.add(right));
    }

    @Test
    void missingDetailsTakeTheOtherSide() {
        UsageMetadata withDetails = new UsageMetadata(1, 1, 2, new UsageMetadata.InputTokenDetails(null, null, 5L), null);
        assertEquals(new UsageMetadata(2, 3, 5, new UsageMetadata.InputTokenDetails(null, null, 5L), null),
                UsageMetadata.of(1, 2).add(withDetails));
        assertEquals(new UsageMetadata(2, 3, 5, new UsageMetadata.InputTokenDetails(null, null, 5L), null),
                withDetails.add(UsageMetadata.of(1, 2)));
    }

    @Test
    void nullMeansNoUsage() {
        UsageMetadata usage = UsageMetadata.of(1, 2);
        assertSame(usage, usage.add(null));
        assertSame(usage, UsageMetadata.sum(null, usage));
        assertSame(usage, UsageMetadata.sum(usage, null));
        assertNull(UsageMetadata.sum(null, null));
        assertEquals(3, usage.totalTokens());
        assertEquals(usage, UsageMetadata.EMPTY.add(usage));
    }
}
