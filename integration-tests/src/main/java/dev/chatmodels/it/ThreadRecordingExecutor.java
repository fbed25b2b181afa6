package dev.chatmodels.it;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** Runs tasks on another executor and notes the name of the thread each one ran on. */
final class ThreadRecordingExecutor implements Executor {

    private final Executor delegate;
    private final Queue<String> threads = new ConcurrentLinkedQueue<>();

    ThreadRecordingExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(() -> {
            threads.add(Thread.currentThread().getName());
            task.run();
        });
    }

    /** The threads of the tasks run so far, in the order they started. */
    List<String> threads() {
        return List.copyOf(threads);
    }
}
