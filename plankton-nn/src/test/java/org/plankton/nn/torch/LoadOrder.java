package org.plankton.nn.torch;

import ai.djl.ndarray.NDManager;

/**
 * Child-JVM probe for {@link TorchRuntimeTest}: loads one engine, then tries the other, and prints
 * what happened ({@code djl-first} or {@code torch-first}).
 */
public final class LoadOrder {

    private LoadOrder() {
    }

    public static void main(String[] args) {
        if (args[0].equals("djl-first")) {
            try (NDManager m = NDManager.newBaseManager()) {
                System.out.println("DJL: " + m.ones(new ai.djl.ndarray.types.Shape(2)).sum().getFloat());
            }
            try {
                TorchRuntime.ensureLoaded();
                System.out.println("JAVACPP LOADED");
            } catch (IllegalStateException e) {
                System.out.println("JAVACPP REFUSED: " + e.getMessage());
            }
        } else {
            System.out.println("JAVACPP: " + TorchRuntime.ensureLoaded());
            try (NDManager m = NDManager.newBaseManager()) {
                System.out.println("DJL LOADED " + m.ones(new ai.djl.ndarray.types.Shape(2)).sum().getFloat());
            } catch (Throwable e) { // EngineException wrapping UnsatisfiedLinkError
                Throwable t = e;
                while (t.getCause() != null) {
                    t = t.getCause();
                }
                System.out.println("DJL FAILED: " + t);
            }
        }
    }
}
