package org.plankton.server.abundance;

import java.util.List;

/**
 * Sizes of one class's objects: each object's equivalent spherical diameter
 * {@code ESD = 2 sqrt(area / pi) * pixel size} (the diameter of the disc of its area) and its
 * biovolume as a sphere of that diameter, {@code pi/6 ESD^3}, the usual first approximation in
 * plankton imaging (it overestimates elongated organisms such as chaetognaths).
 *
 * @param meanEsdUm         mean ESD, micrometres
 * @param totalBiovolumeMm3 summed biovolume, cubic millimetres
 * @param measured          objects with a stored area (images stored before areas were measured have none)
 */
public record ClassSize(double meanEsdUm, double totalBiovolumeMm3, int measured) {

    static final double UM3_PER_MM3 = 1e9;

    /** Null without a pixel size or without a single measured object. */
    public static ClassSize of(List<Double> areasPx, Double pixelSizeUm) {
        if (pixelSizeUm == null) {
            return null;
        }
        double esdSum = 0;
        double volumeUm3 = 0;
        int n = 0;
        for (Double area : areasPx) {
            if (area == null) {
                continue;
            }
            double esd = esdUm(area, pixelSizeUm);
            esdSum += esd;
            volumeUm3 += Math.PI / 6 * esd * esd * esd;
            n++;
        }
        return n == 0 ? null : new ClassSize(esdSum / n, volumeUm3 / UM3_PER_MM3, n);
    }

    static double esdUm(double areaPx, double pixelSizeUm) {
        return 2 * Math.sqrt(areaPx / Math.PI) * pixelSizeUm;
    }
}
