package org.plankton.server.http;

import io.javalin.http.Context;

/** Path and query parameters, with 400 answers that name the bad value. */
final class Params {

    private Params() {
    }

    static long id(Context ctx, String name) {
        String v = ctx.pathParam(name);
        try {
            long id = Long.parseLong(v);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a positive integer, got '" + v + "'");
        }
    }

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static Double decimal(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be a number, got '" + v + "'");
        }
    }

    static int integer(Context ctx, String name, int dflt) {
        String v = text(ctx, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, name + " must be an integer, got '" + v + "'");
        }
    }

    /** {@code true}, {@code false}, or null when absent; anything else is a 400. */
    static Boolean bool(Context ctx, String name) {
        String v = text(ctx, name);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ApiError(400, name + " must be true or false, got '" + v + "'");
        };
    }
}
