package dev.chatmodels.quarkus.runtime.resilience;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * Splits a stream at its first item, so that waiting for the first item can be timed out and retried like a plain call,
 * while nothing after it is ever repeated.
 */
final class StreamStart {

    private static final Cancellable CANCELLED = () -> {
    };

    private StreamStart() {
    }

    /**
     * Subscribes to {@code stream} and completes, when its first item arrives (or when it completes empty), with the whole
     * stream from that item on; fails if the stream fails first. Cancelling before the first item, or cancelling the
     * returned stream, cancels {@code stream}. Items that arrive before the caller reads them are buffered: a model's
     * answer is small.
     */
    static <T> Uni<Multi<T>> firstItemOf(Multi<T> stream) {
        return Uni.createFrom().emitter(started -> {
            UnicastProcessor<T> buffer = UnicastProcessor.create();
            AtomicReference<Cancellable> upstream = new AtomicReference<>();
            Runnable cancel = () -> {
                Cancellable subscription = upstream.getAndSet(CANCELLED);
                if (subscription != null) {
                    subscription.cancel();
                }
            };
            Multi<T> rest = buffer.onCancellation().invoke(cancel);
            AtomicBoolean handedOver = new AtomicBoolean();
            // Cancelled (or timed out) before the first item: nobody will read the rest.
            started.onTermination(() -> {
                if (handedOver.compareAndSet(false, true)) {
                    cancel.run();
                }
            });
            // a subscriber of its own rather than subscribe().with(...): Mutiny wraps each callback it is given for
            // context propagation, which costs on every item
            stream.subscribe().withSubscriber(new MultiSubscriber<T>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    if (upstream.compareAndSet(null, subscription::cancel)) {
                        subscription.request(Long.MAX_VALUE);
                    } else {
                        subscription.cancel();
                    }
                }

                @Override
                public void onItem(T item) {
                    buffer.onNext(item);
                    if (handedOver.compareAndSet(false, true)) {
                        started.complete(rest);
                    }
                }

                @Override
                public void onFailure(Throwable failure) {
                    if (handedOver.compareAndSet(false, true)) {
                        started.fail(failure);
                    } else {
                        buffer.onError(failure);
                    }
                }

                @Override
                public void onCompletion() {
                    buffer.onComplete();
                    if (handedOver.compareAndSet(false, true)) {
                        started.complete(rest);
                    }
                }
            });
        });
    }
}
