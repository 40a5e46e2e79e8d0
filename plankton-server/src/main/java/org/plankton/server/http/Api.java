package org.plankton.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Installs routes, access control, limits, error mapping and the web UI into a Javalin config. */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    private Api() {
    }

    /** Configures {@code cfg}; the returned table lists every API route registered. */
    public static RouteTable install(JavalinConfig cfg, Services services, String token, long maxUploadBytes) {
        UploadLimits limits = new UploadLimits(maxUploadBytes);
        AccessGuard guard = new AccessGuard(token);

        cfg.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        cfg.http.maxRequestSize = 1L << 20; // JSON bodies; uploads are multipart and limited above
        cfg.staticFiles.add("/web", Location.CLASSPATH);
        cfg.startup.showJavalinBanner = false;

        RouteTable routes = new RouteTable(cfg.routes);
        cfg.routes.before(guard::check);
        cfg.routes.after(Api::securityHeaders);
        new SystemRoutes(services).register(routes);
        new ClassifyRoutes(services, limits).register(routes);
        SampleRoutes samples = new SampleRoutes(services, limits);
        samples.register(routes);
        new ExportRoutes(services, samples).register(routes);
        new ImageRoutes(services).register(routes);
        new MetadataRoutes(services, samples).register(routes);
        new RetrainRoutes(services).register(routes);

        cfg.routes.exception(ApiError.class, (e, ctx) -> Json.send(ctx, e.status(), Views.error(e.getMessage(),
                e.details())));
        cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> Json.send(ctx, 400, Views.error(e.getMessage())));
        cfg.routes.exception(HttpResponseException.class,
                (e, ctx) -> Json.send(ctx, e.getStatus(), Views.error(e.getMessage())));
        cfg.routes.exception(SQLException.class, (e, ctx) -> {
            LOG.error("database error on {} {}", ctx.method(), ctx.path(), e);
            Json.send(ctx, 500, Views.error("database error: " + e.getMessage()));
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> unexpected(e, ctx, limits));
        return routes;
    }

    private static void unexpected(Exception e, Context ctx, UploadLimits limits) {
        if (Limits.isSizeError(e)) {
            UploadLimits.discardBody(ctx);
            Json.send(ctx, 413, Views.error(limits.tooLarge().getMessage()));
            return;
        }
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
        Json.send(ctx, 500, Views.error("internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())));
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; frame-ancestors 'none'");
    }
}
