package dev.chatmodels.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * An in-memory token bucket, as in the reference: each call takes one token; the bucket starts empty (no burst at
 * start), refills at {@code requestsPerSecond} and holds at most {@code maxBucketSize} tokens (the largest burst after
 * a quiet period). Calls that find the bucket short wait in line, first come first served, and the line is checked
 * again every {@code checkEvery} on a timer: waiting never blocks a thread, and one timer serves all waiting calls.
 * <p>
 * Weighted mode ({@link Builder#tokensPerMinute}) adds a budget of LLM tokens: each call is also charged its estimated
 * tokens (see {@link RateLimiter#acquire(long)}). Unlike the request bucket the budget starts full, the way providers
 * count their per-minute limits; a call estimated above the whole budget is charged the whole budget, so it waits for
 * a full bucket instead of forever.
 * <p>
 * Thread-safe; share one instance between models to give them one common limit.
 */
public final class TokenBucketRateLimiter implements RateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;
    private static final double NANOS_PER_MINUTE = 60e9;
    private static final long NOT_ADMITTED = Long.MIN_VALUE;

    private final Bucket requests;
    private final Bucket tokens;
    private final long checkEveryNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private boolean checkScheduled;

    private TokenBucketRateLimiter(Builder builder) {
        if (builder.requestsPerSecond == null && builder.tokensPerMinute == null) {
            throw new IllegalArgumentException("A rate limiter needs requestsPerSecond, tokensPerMinute or both");
        }
        this.nanoTime = builder.nanoTime;
        this.requests = builder.requestsPerSecond == null ? null
                : new Bucket(builder.requestsPerSecond / NANOS_PER_SECOND, builder.maxBucketSize, 0);
        this.tokens = builder.tokensPerMinute == null ? null
                : new Bucket(builder.tokensPerMinute / NANOS_PER_MINUTE, builder.tokensPerMinute,
                        builder.tokensPerMinute);
        this.checkEveryNanos = builder.checkEvery.toNanos();
        this.scheduler = builder.scheduler;
    }

    /** A limiter of {@code requestsPerSecond} checking every 100 ms with a bucket of one token (no bursts). */
    public static TokenBucketRateLimiter of(double requestsPerSecond) {
        return builder().requestsPerSecond(requestsPerSecond).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Uni<Void> acquire() {
        return acquire(1);
    }

    @Override
    public Uni<Void> acquire(long estimatedTokens) {
        return admission(estimatedTokens).replaceWithVoid();
    }

    /**
     * Like {@link #acquire(long)}, and tells when the call was admitted: the reading of the limiter's clock (see
     * {@link Builder#nanoTime}) at which it took the call's tokens. These readings are what the limiter's promise is
     * about (at most the burst plus the rate's share of calls in any interval), whatever delays the callers see
     * afterwards; they also measure how long a call waited.
     */
    public Uni<Long> admission(long estimatedTokens) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(emitter, estimatedTokens);
            emitter.onTermination(() -> waiter.cancelled = true);
            long admittedAt = NOT_ADMITTED;
            synchronized (this) {
                if (waiters.isEmpty()) {
                    admittedAt = take(estimatedTokens);
                }
                if (admittedAt == NOT_ADMITTED) {
                    waiters.add(waiter);
                    scheduleCheck();
                }
            }
            if (admittedAt != NOT_ADMITTED) {
                emitter.complete(admittedAt);
            }
        });
    }

    /**
     * Takes one request token (and the estimate from the token budget) if they are there now and no call is waiting
     * for them; never waits.
     */
    public boolean tryAcquire(long estimatedTokens) {
        synchronized (this) {
            return waiters.isEmpty() && take(estimatedTokens) != NOT_ADMITTED;
        }
    }

    /** {@link #tryAcquire(long)} for a call with no token estimate. */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Refills the buckets and takes what a call needs from them, all or nothing: the clock reading at which it took
     * them, or {@link #NOT_ADMITTED}. Called holding the lock.
     */
    private long take(long estimatedTokens) {
        long now = nanoTime.getAsLong();
        if (requests != null) {
            requests.refill(now);
        }
        if (tokens != null) {
            tokens.refill(now);
        }
        double charge = tokens == null ? 0 : Math.min(Math.max(estimatedTokens, 0), tokens.capacity);
        if ((requests != null && requests.available < 1) || (tokens != null && tokens.available < charge)) {
            return NOT_ADMITTED;
        }
        if (requests != null) {
            requests.available -= 1;
        }
        if (tokens != null) {
            tokens.available -= charge;
        }
        return now;
    }

    /** Schedules the next check of the waiting calls, unless one is scheduled already. Called holding the lock. */
    private void scheduleCheck() {
        if (!checkScheduled) {
            checkScheduled = true;
            ScheduledExecutorService timer = scheduler != null ? scheduler : Infrastructure.getDefaultWorkerPool();
            timer.schedule(this::admitWaiters, checkEveryNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Admits the waiting calls the buckets now have tokens for, first come first served. */
    private void admitWaiters() {
        List<Waiter> admitted = new ArrayList<>();
        synchronized (this) {
            checkScheduled = false;
            for (Waiter head = waiters.peek(); head != null; head = waiters.peek()) {
                if (!head.cancelled) {
                    head.admittedAt = take(head.estimatedTokens);
                    if (head.admittedAt == NOT_ADMITTED) {
                        break;
                    }
                    admitted.add(head);
                }
                waiters.poll();
            }
            if (!waiters.isEmpty()) {
                scheduleCheck();
            }
        }
        admitted.forEach(waiter -> waiter.emitter.complete(waiter.admittedAt));
    }

    @Override
    public String toString() {
        return "TokenBucketRateLimiter[" + (requests == null ? ""
                : requests.rate * NANOS_PER_SECOND + "/s, bucket "
                        + requests.capacity)
                + (tokens == null ? "" : " " + tokens.capacity + " tokens/min") + "]";
    }

    /**
     * A bucket of {@code capacity} filled at {@code rate} per nanosecond from its first use (as in the reference, a
     * limiter created long before its first call still starts with what it was created with). The fill time only moves
     * on once at least one whole token has accrued, so frequent checks do not lose fractions to rounding.
     */
    private static final class Bucket {
        final double rate;
        final double capacity;
        double available;
        boolean started;
        long last;

        Bucket(double rate, double capacity, double available) {
            this.rate = rate;
            this.capacity = capacity;
            this.available = available;
        }

        void refill(long now) {
            if (!started) {
                started = true;
                last = now;
            }
            double accrued = (now - last) * rate;
            if (accrued >= 1) {
                available = Math.min(available + accrued, capacity);
                last = now;
            }
        }
    }

    /** A call waiting for tokens. */
    private static final class Waiter {
        final UniEmitter<? super Long> emitter;
        final long estimatedTokens;
        volatile boolean cancelled;
        long admittedAt = NOT_ADMITTED;

        Waiter(UniEmitter<? super Long> emitter, long estimatedTokens) {
            this.emitter = emitter;
            this.estimatedTokens = estimatedTokens;
        }
    }

    /** Builds a limiter; {@code requestsPerSecond}, {@code tokensPerMinute} or both must be set. */
    public static final class Builder {
        private Double requestsPerSecond;
        private Duration checkEvery = Duration.ofMillis(100);
        private double maxBucketSize = 1;
        private Long tokensPerMinute;
        private LongSupplier nanoTime = System::nanoTime;
        private ScheduledExecutorService scheduler;

        private Builder() {
        }

        /** Calls admitted per second, e.g. {@code 0.5} for one call every two seconds. */
        public Builder requestsPerSecond(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("requestsPerSecond must be a positive number, got " + value);
            }
            this.requestsPerSecond = value;
            return this;
        }

        /** How often a waiting call checks the bucket again; default 100 ms. */
        public Builder checkEvery(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("checkEvery must be a positive duration, got " + value);
            }
            this.checkEvery = value;
            return this;
        }

        /** The most request tokens the bucket holds, the largest burst; default 1. */
        public Builder maxBucketSize(double value) {
            if (!(value >= 1) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("maxBucketSize must be at least 1, got " + value);
            }
            this.maxBucketSize = value;
            return this;
        }

        /** Weighted mode: a budget of LLM tokens per minute charged with each call's estimate. */
        public Builder tokensPerMinute(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("tokensPerMinute must be at least 1, got " + value);
            }
            this.tokensPerMinute = value;
            return this;
        }

        /** The time source in nanoseconds ({@link System#nanoTime()} by default); tests pass a fake clock. */
        public Builder nanoTime(LongSupplier value) {
            this.nanoTime = value;
            return this;
        }

        /** The timer of waiting calls; Mutiny's default worker pool by default. */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = value;
            return this;
        }

        public TokenBucketRateLimiter build() {
            return new TokenBucketRateLimiter(this);
        }
    }
}
