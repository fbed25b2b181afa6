package dev.chatmodels.provider.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * AWS credentials that are read without blocking. They are resolved once when the model is created (which may do I/O:
 * profile files, the container or instance metadata endpoint); credentials that expire (role credentials) are
 * resolved again on {@code refresher}, a worker thread, from {@link #REFRESH_AHEAD} before they expire, while requests
 * go on being signed with the current ones. Static credentials (keys from the environment) are never resolved again.
 */
final class RefreshingCredentials implements Supplier<AwsCredentialsIdentity> {

    /** How long before credentials expire the next ones are fetched. */
    static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);
    /** How long after a failed refresh the next is tried, so that a broken source is not asked on every request. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    private final Supplier<AwsCredentialsIdentity> source;
    private final Executor refresher;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile AwsCredentialsIdentity current;
    private volatile Instant nextAttempt = Instant.MIN;

    private RefreshingCredentials(Supplier<AwsCredentialsIdentity> source, AwsCredentialsIdentity first, Executor refresher,
            Clock clock) {
        this.source = source;
        this.current = first;
        this.refresher = refresher;
        this.clock = clock;
    }

    /**
     * Resolves the first credentials from {@code source}, on the calling thread.
     *
     * @throws RuntimeException what {@code source} throws when it finds no credentials
     */
    static RefreshingCredentials resolve(Supplier<AwsCredentialsIdentity> source, Executor refresher, Clock clock) {
        return new RefreshingCredentials(source, source.get(), refresher, clock);
    }

    /** The current credentials; never blocks. Starts a background refresh when they are about to expire. */
    @Override
    public AwsCredentialsIdentity get() {
        AwsCredentialsIdentity credentials = current;
        Instant now = clock.instant();
        boolean expiring = credentials.expirationTime().map(expiry -> !now.isBefore(expiry.minus(REFRESH_AHEAD)))
                .orElse(false);
        if (expiring && !now.isBefore(nextAttempt) && refreshing.compareAndSet(false, true)) {
            refresher.execute(this::refresh);
        }
        return credentials;
    }

    private void refresh() {
        try {
            current = source.get();
        } catch (RuntimeException e) {
            // Requests keep the current credentials until they expire; AWS then answers 403, which names the cause.
            nextAttempt = clock.instant().plus(RETRY_AFTER_FAILURE);
        } finally {
            refreshing.set(false);
        }
    }
}
