package org.plankton.nn.torch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads JavaCPP's libtorch (org.bytedeco:pytorch 2.10.0-1.5.13, CPU build) once per process and
 * sets its thread counts. Every class of this package calls {@link #ensureLoaded()} before its
 * first native call; a failure is an {@link IllegalStateException} with a one-line reason instead
 * of an {@link UnsatisfiedLinkError} deep in a stack trace (or a JVM crash).
 *
 * <p><b>The CUDA pre-load trap.</b> JavaCPP's {@code Loader.checkPlatform} accepts every
 * {@code @Platform} of the presets when the property {@code platform.extension} is unset, so it
 * also applies the {@code -gpu} platform's {@code preload}/{@code preloadpath} lists and loads
 * {@code libcudart}, {@code libcupti}, ... from {@code /usr/local/cuda/lib64} whenever that folder
 * exists, even though the CPU jar has no CUDA code. A CUDA install that does not match the
 * presets' CUDA 13.1 crashed the JVM (SIGSEGV in libjnitorch.so). Setting the system property
 * {@code org.bytedeco.javacpp.platform.extension} to the empty string (JavaCPP copies
 * {@code org.bytedeco.javacpp.platform.*} system properties over its platform properties) makes
 * only the extension-less CPU platform match: no CUDA library is looked for. We set it unless the
 * user set it; it must happen before any JavaCPP class reads its properties, hence here, first.
 *
 * <p><b>One libtorch per process.</b> Tried on 2026-11-29 (DJL 0.36 with libtorch 2.7.1, JavaCPP
 * with libtorch 2.10, one JVM): whichever loads second fails. Both ship {@code libc10.so} and
 * {@code libtorch_cpu.so} under the same sonames, so the second engine's libraries bind to the
 * first one's already-loaded {@code libc10.so} and die on a missing symbol (DJL first: JavaCPP's
 * {@code libjnitorch.so} "undefined symbol: _ZTVN5torch3jit15TorchCheckValueE"; JavaCPP first:
 * DJL's {@code libtorch_cpu.so} "undefined symbol: ...TensorImpl20is_contiguous_custom..."). DJL is
 * gone from the project since, but the same holds for any other libtorch a library might bring in:
 * this class refuses to load when another libtorch is mapped already, with a one-line reason.
 *
 * <p><b>Threads.</b> The system property {@value #THREADS_PROPERTY} sets the intra-op threads
 * (default: all cores; {@code ./plankton} sets it from {@code PLANKTON_THREADS}). Inter-op threads
 * are 1: our networks run one op at a time, and a second pool only competes for the cores.
 */
public final class TorchRuntime {

    /** The preset version this code is written and tested against. */
    public static final String PRESET = "org.bytedeco:pytorch:2.10.0-1.5.13 (linux-x86_64)";
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** Intra-op threads of libtorch. */
    public static final String THREADS_PROPERTY = "plankton.threads";

    private static Object state; // null: not tried; Info: loaded; IllegalStateException: failed

    /** What was loaded, for logs and benchmark reports. */
    public record Info(String version, int threads, int interopThreads, String cpuCapability) {
    }

    private TorchRuntime() {
    }

    /** Loads libtorch if not yet done; IllegalStateException (every time) if it cannot be loaded. */
    public static synchronized Info ensureLoaded() {
        if (state == null) {
            state = load();
        }
        if (state instanceof IllegalStateException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return (Info) state;
    }

    private static Object load() {
        Optional<String> other = otherLibtorch();
        if (other.isPresent()) {
            return new IllegalStateException("cannot load JavaCPP libtorch: another libtorch is already loaded in this "
                    + "process (" + other.get() + "); two libtorch builds cannot share a JVM, use one per process");
        }
        int threads;
        int interop = 1;
        try {
            threads = intProperty(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        } catch (IllegalStateException e) {
            return e;
        }
        if (System.getProperty(EXTENSION_PROPERTY) == null) {
            System.setProperty(EXTENSION_PROPERTY, "");
        }
        try {
            Loader.load(torch.class);
            torch.set_num_threads(threads);
            try {
                torch.set_num_interop_threads(interop);
            } catch (RuntimeException e) {
                // libtorch allows this once, before any inter-op work; keep its choice otherwise.
            }
            return new Info("2.10.0", torch.get_num_threads(), (int) torch.get_num_interop_threads(),
                    torch.get_cpu_capability().getString());
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
            return new IllegalStateException("cannot load JavaCPP libtorch (" + PRESET + "): " + rootMessage(e), e);
        }
    }

    /** Whether this class has loaded JavaCPP's libtorch into this process. */
    public static synchronized boolean loaded() {
        return state instanceof Info;
    }

    /**
     * Whether a libtorch that is not JavaCPP's is mapped into this process (DJL's, once a DJL class
     * touched its native engine). Linux only; false elsewhere.
     */
    public static synchronized boolean foreignLibtorchLoaded() {
        return !(state instanceof Info) && otherLibtorch().isPresent();
    }

    private static int intProperty(String key, int fallback) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new IllegalStateException(key + " must be a positive thread count, got '" + v + "'");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a positive thread count, got '" + v + "'", e);
        }
    }

    /** A libc10.so already mapped into this process (Linux; empty elsewhere or when unreadable). */
    static Optional<String> otherLibtorch() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.filter(l -> l.endsWith("/libc10.so")).map(l -> l.substring(l.indexOf('/'))).findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return t.getClass().getSimpleName() + ": " + (nl >= 0 ? m.substring(0, nl) : m);
    }
}
