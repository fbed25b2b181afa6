package dev.chatmodels.model;

import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.operators.multi.MultiOperatorProcessor;
import io.smallrye.mutiny.subscription.MultiSubscriber;

/**
 * Sees each item of a stream as it passes, runs an action before the stream completes, and maps its failure: one
 * operator for {@code invoke(..).onCompletion().invoke(..).onFailure().transform(..)}. Mutiny wraps each callback it is
 * given for context propagation, a set-and-restore of the thread's context per item; these callbacks need no context.
 * A failure of the item or completion action fails the stream, mapped like any failure.
 */
final class StreamObservation<T> extends AbstractMultiOperator<T, T> {

    private final Consumer<? super T> item;
    private final Runnable completion;
    private final Function<Throwable, ? extends Throwable> failure;

    StreamObservation(Multi<T> upstream, Consumer<? super T> item, Runnable completion,
            Function<Throwable, ? extends Throwable> failure) {
        super(upstream);
        this.item = item;
        this.completion = completion;
        this.failure = failure;
    }

    @Override
    public void subscribe(MultiSubscriber<? super T> downstream) {
        upstream.subscribe().withSubscriber(new MultiOperatorProcessor<T, T>(downstream) {
            @Override
            public void onItem(T value) {
                if (isDone()) {
                    return;
                }
                try {
                    item.accept(value);
                } catch (Throwable e) {
                    failAndCancel(e);
                    return;
                }
                downstream.onItem(value);
            }

            @Override
            public void onFailure(Throwable error) {
                super.onFailure(failure.apply(error));
            }

            @Override
            public void onCompletion() {
                if (isDone()) {
                    return;
                }
                try {
                    completion.run();
                } catch (Throwable e) {
                    super.onFailure(failure.apply(e));
                    return;
                }
                super.onCompletion();
            }

            private void failAndCancel(Throwable e) {
                Flow.Subscription subscription = getAndSetUpstreamSubscription(Subscriptions.CANCELLED);
                if (subscription != Subscriptions.CANCELLED) {
                    subscription.cancel();
                    downstream.onFailure(failure.apply(e));
                }
            }
        });
    }
}
