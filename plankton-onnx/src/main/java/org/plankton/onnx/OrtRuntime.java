package org.plankton.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's ONNX Runtime environment, created once on a thread with a stack large enough for it.
 *
 * <p>Why a thread of its own: loading ONNX Runtime 1.29's native library uses stack in proportion to
 * the length of the process's command line (measured here: about 0.5 KB per character; a JVM started with
 * a 3,900-character {@code -cp} or {@code -D} argument dies with SIGSEGV and no error report on the
 * default 1 MB thread stack, one with 8,000 characters needs 4 MB). A JVM started with its class path
 * spelled out, as some launchers and IDEs do, is long enough. Arguments passed by {@code @argfile},
 * {@code JDK_JAVA_OPTIONS} or class path wildcards do not count. Once loaded, sessions and runs on any
 * thread are unaffected. bench/ort-cmdline-stack.sh reproduces the measurement.
 */
public final class OrtRuntime {

    private static final long BASE_STACK = 16L << 20;
    private static final long STACK_PER_COMMAND_LINE_BYTE = 1024;
    private static volatile OrtEnvironment environment;

    private OrtRuntime() {
    }

    /** The environment; the first call loads the native library on a large-stack thread. */
    public static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env != null) {
            return env;
        }
        synchronized (OrtRuntime.class) {
            if (environment == null) {
                environment = createOnLargeStack();
            }
            return environment;
        }
    }

    private static OrtEnvironment createOnLargeStack() {
        AtomicReference<OrtEnvironment> env = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                env.set(OrtEnvironment.getEnvironment());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "plankton-ort-init", stackBytes());
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading ONNX Runtime", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot load ONNX Runtime: " + failure.get(), failure.get());
        }
        return env.get();
    }

    /** 16 MB plus 1 KB per byte of this process's command line (twice the measured need). */
    static long stackBytes() {
        long cmdline = 0;
        try {
            cmdline = Files.size(Path.of("/proc/self/cmdline"));
            if (cmdline == 0) { // procfs reports size 0 for this file: read it to know
                cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline")).length;
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            cmdline = 64 << 10; // not Linux, or not readable: assume a long one
        }
        return BASE_STACK + STACK_PER_COMMAND_LINE_BYTE * cmdline;
    }
}
