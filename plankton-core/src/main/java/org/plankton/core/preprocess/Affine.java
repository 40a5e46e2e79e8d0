package org.plankton.core.preprocess;

/**
 * A 2-D affine map {@code x' = a*x + b*y + c}, {@code y' = d*x + e*y + f}.
 *
 * <p>One small value type for every geometric step (size normalisation, augmentation, test-time
 * transforms) so that they can be composed into a single warp and sampled once; each extra
 * resampling would blur the image again.
 *
 * <p>Coordinates are image coordinates: x to the right, y <em>down</em>. Negative zero is
 * normalised to zero so that equal maps are {@code equals}.
 */
public record Affine(double a, double b, double c, double d, double e, double f) {

    private static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    public Affine {
        requireFinite("a", a);
        requireFinite("b", b);
        requireFinite("c", c);
        requireFinite("d", d);
        requireFinite("e", e);
        requireFinite("f", f);
        // -0.0 + 0.0 == +0.0: keeps record equality meaningful for maps built from zero ranges
        a += 0.0;
        b += 0.0;
        c += 0.0;
        d += 0.0;
        e += 0.0;
        f += 0.0;
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("affine coefficient " + name + " must be finite, got " + v);
        }
    }

    /** The map that leaves every point where it is. */
    public static Affine identity() {
        return IDENTITY;
    }

    /** Moves every point by {@code (tx, ty)}. */
    public static Affine translation(double tx, double ty) {
        return new Affine(1, 0, tx, 0, 1, ty);
    }

    /** Scales about the origin by {@code sx} horizontally and {@code sy} vertically. */
    public static Affine scale(double sx, double sy) {
        return new Affine(sx, 0, 0, 0, sy, 0);
    }

    /**
     * Rotation about the origin. Positive angles turn the +x axis towards +y; because y points down
     * in images, that is <em>clockwise</em> as seen on screen. Multiples of 90 degrees are exact
     * (no {@code 6e-17} residue from {@code Math.cos}), so that quarter turns of a canvas are exact
     * pixel permutations, as the cyclic-slice network layers assume.
     */
    public static Affine rotationDegrees(double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new IllegalArgumentException("rotation must be finite, got " + degrees);
        }
        double r = degrees % 360.0;
        double cos;
        double sin;
        if (r % 90.0 == 0.0) {
            int quarter = (int) Math.floorMod((long) (r / 90.0), 4L);
            cos = quarter == 0 ? 1 : quarter == 2 ? -1 : 0;
            sin = quarter == 1 ? 1 : quarter == 3 ? -1 : 0;
        } else {
            double rad = Math.toRadians(r);
            cos = Math.cos(rad);
            sin = Math.sin(rad);
        }
        return new Affine(cos, -sin, 0, sin, cos, 0);
    }

    /**
     * Horizontal shear about the origin: {@code x' = x + tan(degrees) * y}, {@code y' = y}; the
     * image's vertical lines lean by {@code degrees}.
     *
     * @param degrees strictly between -90 and 90
     */
    public static Affine shearDegrees(double degrees) {
        if (!(degrees > -90 && degrees < 90)) {
            throw new IllegalArgumentException("shear must be in (-90, 90) degrees, got " + degrees);
        }
        return new Affine(1, Math.tan(Math.toRadians(degrees)), 0, 0, 1, 0);
    }

    /** Mirror about the vertical axis through the origin ({@code x' = -x}). */
    public static Affine flipX() {
        return new Affine(-1, 0, 0, 0, 1, 0);
    }

    /** The map that applies this one first and then {@code next}. */
    public Affine then(Affine next) {
        return new Affine(
                next.a * a + next.b * d,
                next.a * b + next.b * e,
                next.a * c + next.b * f + next.c,
                next.d * a + next.e * d,
                next.d * b + next.e * e,
                next.d * c + next.e * f + next.f);
    }

    /** Determinant of the linear part: the factor by which areas change. */
    public double determinant() {
        return a * e - b * d;
    }

    /**
     * The map that undoes this one.
     *
     * @throws IllegalArgumentException if the map is singular (collapses the plane onto a line)
     */
    public Affine inverse() {
        double det = determinant();
        double norm = Math.max(Math.max(Math.abs(a), Math.abs(b)), Math.max(Math.abs(d), Math.abs(e)));
        if (det == 0 || Math.abs(det) <= 1e-12 * norm * norm) {
            throw new IllegalArgumentException("affine map is singular (determinant " + det + "): " + this);
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new Affine(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** x coordinate of the image of {@code (x, y)}. */
    public double applyX(double x, double y) {
        return a * x + b * y + c;
    }

    /** y coordinate of the image of {@code (x, y)}. */
    public double applyY(double x, double y) {
        return d * x + e * y + f;
    }

    /** True only for the exact identity; no tolerance, so that "no augmentation" is unambiguous. */
    public boolean isIdentity() {
        return a == 1 && b == 0 && c == 0 && d == 0 && e == 1 && f == 0;
    }
}
