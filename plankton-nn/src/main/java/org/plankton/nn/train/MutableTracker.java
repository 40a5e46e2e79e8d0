package org.plankton.nn.train;

import ai.djl.training.tracker.Tracker;

/**
 * A learning-rate tracker whose value the training loop sets before each step. The loop owns the
 * schedule because it knows the progress (steps and wall-clock budget), which DJL's trackers do not.
 */
final class MutableTracker implements Tracker {
    private volatile float value;

    MutableTracker(float initial) {
        this.value = initial;
    }

    void set(float v) {
        value = v;
    }

    float get() {
        return value;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}
