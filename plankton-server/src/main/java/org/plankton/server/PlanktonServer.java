package org.plankton.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import org.plankton.core.bundle.BundleException;
import org.plankton.server.db.Database;
import org.plankton.server.http.Api;
import org.plankton.server.http.RouteTable;
import org.plankton.server.http.Services;
import org.plankton.server.images.ImageRepository;
import org.plankton.server.images.PredictionRepository;
import org.plankton.server.inference.ModelService;
import org.plankton.server.ingest.Intake;
import org.plankton.server.retrain.Retrainer;
import org.plankton.server.samples.SampleRepository;
import org.plankton.server.storage.ImageStore;

/**
 * The whole server in one object: model loaded once, database migrated, image store opened,
 * Javalin listening. {@link #close()} stops it and frees the model's native memory.
 */
public final class PlanktonServer implements AutoCloseable {

    private final ServerConfig config;
    private final ModelService model;
    private final Database db;
    private final Javalin app;
    private final RouteTable routes;
    private final Retrainer retrain;

    private PlanktonServer(ServerConfig config, ModelService model, Database db, Javalin app, RouteTable routes,
                           Retrainer retrain) {
        this.retrain = retrain;
        this.config = config;
        this.model = model;
        this.db = db;
        this.app = app;
        this.routes = routes;
    }

    /** Starts a server; everything opened so far is closed again if any step fails. */
    public static PlanktonServer start(ServerConfig config) throws IOException, SQLException, BundleException {
        Files.createDirectories(config.dataDir());
        ImageStore store = new ImageStore(config.dataDir().resolve("images"));
        Database db = Database.open(config.effectiveJdbcUrl());
        ModelService model = null;
        Retrainer retrain = null;
        try {
            model = ModelService.load(config.model(), config.inference());
            SampleRepository samples = new SampleRepository(db);
            ImageRepository images = new ImageRepository(db);
            PredictionRepository predictions = new PredictionRepository(db);
            retrain = new Retrainer(model, images, predictions, store, config.model(), config.dataDir(),
                    config.inference());
            retrain.restoreActive();
            Services services = new Services(model, db, samples, images, predictions, store,
                    new Intake(model, store, images, samples), retrain);
            RouteTable[] routes = new RouteTable[1];
            Javalin app = Javalin.create(cfg -> {
                cfg.jetty.host = config.host();
                cfg.jetty.port = config.port();
                routes[0] = Api.install(cfg, services, config.token(), config.maxUploadBytes());
            });
            app.start();
            return new PlanktonServer(config, model, db, app, routes[0], retrain);
        } catch (IOException | BundleException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            db.close();
            throw e;
        }
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}. */
    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    public String modelId() {
        return model.id();
    }

    public List<RouteTable.Route> routes() {
        return routes.routes();
    }

    @Override
    public void close() {
        app.stop();
        retrain.close();
        model.close();
        db.close();
    }
}
