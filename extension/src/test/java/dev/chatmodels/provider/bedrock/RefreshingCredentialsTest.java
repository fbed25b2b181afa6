package dev.chatmodels.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Credentials are read without blocking; expiring ones are fetched again in the background, ahead of time. */
class RefreshingCredentialsTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Deque<Runnable> background = new ArrayDeque<>();
    private final AtomicInteger resolutions = new AtomicInteger();

    @Test
    void staticCredentialsAreResolvedOnce() {
        AwsCredentialsIdentity keys = AwsCredentialsIdentity.create("AKIDEXAMPLE", "secret");
        RefreshingCredentials credentials = RefreshingCredentials.resolve(counting(() -> keys), background::add, clock);

        clock.advance(Duration.ofDays(400));
        for (int i = 0; i < 100; i++) {
            assertSame(keys, credentials.get());
        }

        assertEquals(1, resolutions.get());
        assertEquals(0, background.size());
    }

    @Test
    void expiringCredentialsAreRefreshedInTheBackgroundAhead() {
        Deque<AwsCredentialsIdentity> issued = new ArrayDeque<>();
        issued.add(expiring("first", START.plus(Duration.ofHours(1))));
        issued.add(expiring("second", START.plus(Duration.ofHours(2))));
        RefreshingCredentials credentials = RefreshingCredentials.resolve(counting(issued::remove), background::add, clock);

        clock.advance(Duration.ofMinutes(54));
        assertEquals("first", credentials.get().accessKeyId());
        assertEquals(0, background.size(), "not yet within " + RefreshingCredentials.REFRESH_AHEAD + " of expiry");

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertEquals("first", credentials.get().accessKeyId(), "requests go on with the current credentials");
        }
        assertEquals(1, background.size(), "one refresh at a time");
        assertEquals(1, resolutions.get(), "nothing resolved on the caller's thread");

        background.remove().run();

        assertEquals("second", credentials.get().accessKeyId());
        assertEquals(2, resolutions.get());
        assertEquals(0, background.size());
    }

    @Test
    void failedRefreshIsRetriedAfterAPause() {
        Deque<Supplier<AwsCredentialsIdentity>> answers = new ArrayDeque<>();
        answers.add(() -> expiring("first", START.plus(Duration.ofMinutes(3))));
        answers.add(() -> {
            throw SdkClientException.create("metadata endpoint unreachable");
        });
        answers.add(() -> expiring("second", START.plus(Duration.ofHours(1))));
        RefreshingCredentials credentials = RefreshingCredentials.resolve(counting(() -> answers.remove().get()),
                background::add, clock);

        credentials.get();
        background.remove().run();
        assertEquals("first", credentials.get().accessKeyId());
        assertEquals(0, background.size(), "no new attempt right after a failure");

        clock.advance(RefreshingCredentials.RETRY_AFTER_FAILURE);
        credentials.get();
        background.remove().run();

        assertEquals("second", credentials.get().accessKeyId());
        assertEquals(3, resolutions.get());
    }

    private Supplier<AwsCredentialsIdentity> counting(Supplier<AwsCredentialsIdentity> source) {
        return () -> {
            resolutions.incrementAndGet();
            return source.get();
        };
    }

    private static AwsCredentialsIdentity expiring(String accessKey, Instant expiry) {
        return AwsSessionCredentials.builder().accessKeyId(accessKey).secretAccessKey("secret")
                .sessionToken("token").expirationTime(expiry).build();
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
