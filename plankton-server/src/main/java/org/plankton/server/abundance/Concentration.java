package org.plankton.server.abundance;

/**
 * Individuals per litre with a 95% interval: the count and its interval each divided by the
 * imaged volume (volume times fraction). Dividing the interval's ends is exact here because the
 * volume is taken as known; its own measurement error is not in the interval.
 */
public record Concentration(double perL, double lowPerL, double highPerL) {

    /** Litres in a cubic metre. */
    static final double L_PER_M3 = 1000;

    /** Null when there is no imaged volume: no concentration without a volume. */
    public static Concentration of(double count, double low, double high, Double imagedVolumeL) {
        if (imagedVolumeL == null) {
            return null;
        }
        return new Concentration(count / imagedVolumeL, low / imagedVolumeL, high / imagedVolumeL);
    }

    public double perM3() {
        return perL * L_PER_M3;
    }

    public double lowPerM3() {
        return lowPerL * L_PER_M3;
    }

    public double highPerM3() {
        return highPerL * L_PER_M3;
    }
}
