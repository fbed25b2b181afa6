package dev.chatmodels.model;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The check every blocking method of this library makes first: blocking an event-loop thread would stall every
 * connection it serves (or deadlock waiting for an answer that thread should deliver), so it fails with a message
 * saying what to call instead.
 */
public final class BlockingCall {

    private BlockingCall() {
    }

    /**
     * @param call the blocking method, e.g. {@code ChatModel.invoke()}
     * @param alternative the non-blocking method to use instead, e.g. {@code invokeAsync()}
     * @throws IllegalStateException on a thread that must not block
     */
    public static void requireAllowed(String call, String alternative) {
        if (!Infrastructure.canCallerThreadBeBlocked()) {
            throw new IllegalStateException(call + " blocks and cannot run on the event-loop thread "
                    + Thread.currentThread().getName() + ": use " + alternative
                    + " there, or annotate the endpoint with @Blocking / @RunOnVirtualThread");
        }
    }
}
