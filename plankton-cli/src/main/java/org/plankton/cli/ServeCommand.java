package org.plankton.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.plankton.core.bundle.DefaultModel;
import org.plankton.nn.infer.InferenceSettings;
import org.plankton.server.PlanktonServer;
import org.plankton.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plankton serve}: the web app and REST API, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web app and REST API (embedded SQLite and image store under --data-dir).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "TCP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only)."
            + " Any other address needs --token.", defaultValue = ServerConfig.DEFAULT_HOST)
    String host;

    @Option(names = "--model", description = "Model bundle folder (default: the bundled model, models/" + DefaultModel.NAME + ").")
    Path model;

    @Option(names = "--data-dir", description = "Database and image files (default: ${DEFAULT-VALUE}).",
            defaultValue = "plankton-data")
    Path dataDir;

    @Option(names = "--db", description = "JDBC URL instead of the embedded SQLite file, e.g."
            + " jdbc:postgresql://host/db?user=u&password=p")
    String db;

    @Option(names = "--token", description = "API token required for every write request (default: $"
            + ServerConfig.TOKEN_ENV + ").")
    String token;

    @Option(names = "--max-upload-mb", description = "Largest upload request in MiB (default: ${DEFAULT-VALUE}).",
            defaultValue = "64")
    long maxUploadMb;

    @Option(names = "--engine", description = "Inference engine: onnx (ONNX Runtime; libtorch is then never loaded) "
            + "or torch (default: onnx).")
    String engine;

    @Override
    public Integer call() throws Exception {
        String t = token != null ? token : System.getenv(ServerConfig.TOKEN_ENV);
        ServerConfig config = new ServerConfig(host, port, DefaultModel.resolve(model), dataDir, db, t,
                maxUploadMb << 20, InferenceSettings.defaults().withEngine(engine));
        PlanktonServer server = PlanktonServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "plankton-serve-shutdown"));
        System.out.printf("plankton serve: %s (model %s, %s, data in %s)%n", server.url(), server.modelId(),
                db == null ? "embedded SQLite" : "database " + db.replaceAll("password=[^&]*", "password=***"),
                dataDir.toAbsolutePath().normalize());
        System.out.println("open " + server.url() + "/ in a browser; Ctrl-C stops");
        stopped.await();
        return PlanktonCli.EXIT_OK;
    }
}
