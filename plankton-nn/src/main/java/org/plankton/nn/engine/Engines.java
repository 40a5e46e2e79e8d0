package org.plankton.nn.engine;

import org.plankton.nn.infer.DjlEngine;
import org.plankton.nn.torch.TorchEngine;
import org.plankton.nn.torch.TorchRuntime;

/**
 * The process's engine. Two libtorch builds cannot share a process (see
 * {@link org.plankton.nn.torch.TorchRuntime}), so the choice is made once: the JavaCPP libtorch
 * engine, unless DJL's native engine is already loaded (training still runs on DJL while inference
 * moves first) or the system property {@code plankton.engine} is {@code djl}.
 */
public final class Engines {

    /** The system property that pins the engine ({@code torch} or {@code djl}). */
    public static final String PROPERTY = "plankton.engine";

    private static Engine current;

    private Engines() {
    }

    public static synchronized Engine current() {
        if (current == null) {
            current = choose();
        }
        return current;
    }

    private static Engine choose() {
        String pinned = System.getProperty(PROPERTY, "").trim();
        if (pinned.equals("djl") || (pinned.isEmpty() && TorchRuntime.foreignLibtorchLoaded())) {
            return new DjlEngine();
        }
        if (!pinned.isEmpty() && !pinned.equals("torch")) {
            throw new IllegalStateException(PROPERTY + " must be torch or djl, got '" + pinned + "'");
        }
        return new TorchEngine();
    }
}
