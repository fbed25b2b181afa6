package dev.chatmodels.quarkus.deployment.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and allocated bytes of the JVM's threads, leaving out the replay server's: what the clients (and the
 * benchmark's own waiting thread, the same for all) cost. Threads that end between two readings are lost; the clients'
 * threads live for the whole run.
 */
final class ThreadCost {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    private final Set<Long> serverThreads;

    ThreadCost(Set<Long> serverThreads) {
        this.serverThreads = serverThreads;
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    /** The CPU time and allocations of every thread now. */
    Reading read() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, long[]> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            byThread.put(ids[i], new long[] { Math.max(0, cpu[i]), Math.max(0, allocated[i]) });
        }
        return new Reading(byThread);
    }

    /** The cost of the client threads from {@code before} to {@code after}. */
    Cost between(Reading before, Reading after) {
        long cpu = 0;
        long allocated = 0;
        for (Map.Entry<Long, long[]> thread : after.byThread().entrySet()) {
            if (serverThreads.contains(thread.getKey())) {
                continue;
            }
            long[] start = before.byThread().getOrDefault(thread.getKey(), new long[2]);
            cpu += thread.getValue()[0] - start[0];
            allocated += thread.getValue()[1] - start[1];
        }
        return new Cost(cpu, allocated);
    }

    record Reading(Map<Long, long[]> byThread) {
    }

    /** CPU nanoseconds and allocated bytes. */
    record Cost(long cpuNanos, long allocatedBytes) {

        static final Cost NONE = new Cost(0, 0);

        Cost plus(Cost other) {
            return new Cost(cpuNanos + other.cpuNanos, allocatedBytes + other.allocatedBytes);
        }
    }
}
