package org.plankton.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes and remembers them, so a test can check that the hand-written OpenAPI
 * document lists every one (the OpenAPI plugin is not available for Javalin 7).
 */
public final class RouteTable {

    /** A registered route, {@code method} in upper case and {@code path} in Javalin's {@code {param}} form. */
    public record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    void get(String path, Handler h) {
        routes.get(path, h);
        registered.add(new Route("GET", path));
    }

    void post(String path, Handler h) {
        routes.post(path, h);
        registered.add(new Route("POST", path));
    }

    void patch(String path, Handler h) {
        routes.patch(path, h);
        registered.add(new Route("PATCH", path));
    }

    void delete(String path, Handler h) {
        routes.delete(path, h);
        registered.add(new Route("DELETE", path));
    }

    public List<Route> routes() {
        return List.copyOf(registered);
    }
}
