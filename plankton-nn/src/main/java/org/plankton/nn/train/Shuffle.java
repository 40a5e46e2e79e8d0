package org.plankton.nn.train;

import java.util.Random;

/** Seeded Fisher-Yates shuffles, shared by epoch orders, pseudo-label draws and mixup pairs. */
final class Shuffle {

    private Shuffle() {
    }

    /** A random permutation of {@code 0 .. n-1}. */
    static int[] permutation(int n, Random rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rnd);
        return p;
    }

    /** Shuffles {@code a} in place. */
    static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
