package org.plankton.nn.infer;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Where {@link Classifier#classifyFiles} decodes and renders files: one background daemon thread a
 * few chunks ahead of the network, or (0 threads) the calling thread at submission, which on two
 * busy cores can be the faster choice (docs/results.md).
 */
final class FileLoader {

    private FileLoader() {
    }

    static ExecutorService create(int threads) {
        if (threads == 0) {
            return new InlineExecutor();
        }
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-loader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The task's result; an unexpected failure in it (decoding errors are results) as IllegalStateException. */
    static <T> T get(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("image loading failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    /** Runs each task at submission, in the caller's thread. */
    private static final class InlineExecutor extends AbstractExecutorService {
        private boolean shutdown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
