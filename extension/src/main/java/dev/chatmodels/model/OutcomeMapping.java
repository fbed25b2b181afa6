package dev.chatmodels.model;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * Maps the item or the failure of a {@code Uni} in one operator: a failure of the item mapping fails the result as it
 * is. It stands for {@code onFailure().transform(..).map(..)} on every call, where Mutiny would wrap each callback for
 * context propagation (a capture per call, a set-and-restore per signal); the mappings here need no context.
 */
final class OutcomeMapping<T, R> extends AbstractUni<R> {

    private final Uni<T> upstream;
    private final Function<? super T, ? extends R> item;
    private final Function<Throwable, ? extends Throwable> failure;

    OutcomeMapping(Uni<T> upstream, Function<? super T, ? extends R> item, Function<Throwable, ? extends Throwable> failure) {
        this.upstream = upstream;
        this.item = item;
        this.failure = failure;
    }

    @Override
    public void subscribe(UniSubscriber<? super R> downstream) {
        AbstractUni.subscribe(upstream, new UniSubscriber<T>() {
            @Override
            public void onSubscribe(UniSubscription subscription) {
                downstream.onSubscribe(subscription);
            }

            @Override
            public void onItem(T value) {
                R mapped;
                try {
                    mapped = item.apply(value);
                } catch (Throwable e) {
                    downstream.onFailure(e);
                    return;
                }
                downstream.onItem(mapped);
            }

            @Override
            public void onFailure(Throwable error) {
                downstream.onFailure(failure.apply(error));
            }
        });
    }
}
