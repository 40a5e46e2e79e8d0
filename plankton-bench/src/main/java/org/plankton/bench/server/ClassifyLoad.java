package org.plankton.bench.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code N} clients each posting one image at a time to {@code POST /api/classify} for a fixed
 * time, then stopping by themselves. Prints one JSON object: requests, errors, latency p50/p90/p99
 * per image (one image per request, so request latency is per-image latency), throughput.
 *
 * <p>Usage: {@code ClassifyLoad URL IMAGE_DIR [clients=16] [seconds=30] [max_images=500] [token]}
 */
public final class ClassifyLoad {

    private ClassifyLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ClassifyLoad URL IMAGE_DIR [clients] [seconds] [max_images] [token]");
            System.exit(2);
        }
        String url = args[0].replaceAll("/$", "") + "/api/classify";
        Path dir = Path.of(args[1]);
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int maxImages = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        String token = args.length > 5 ? args[5] : System.getenv("PLANKTON_TOKEN");

        List<byte[]> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|gif|bmp|tiff?)$")).sorted().limit(maxImages).toList()) {
                images.add(Files.readAllBytes(f));
                names.add(f.getFileName().toString());
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images under " + dir);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    int i = (int) (next.getAndIncrement() % images.size());
                    String boundary = "----load" + i;
                    byte[] body = multipart(boundary, names.get(i), images.get(i));
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    if (token != null && !token.isBlank()) {
                        req.header("Authorization", "Bearer " + token);
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                        long t = System.nanoTime() - t0;
                        if (r.statusCode() != 200 || !r.body().contains("\"state\":\"classified\"")) {
                            errors.incrementAndGet();
                            if (errorSamples.size() < 5) {
                                errorSamples.add(r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                            }
                        } else if (n < lat.length) {
                            lat[n++] = t;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (errorSamples.size() < 5) {
                            errorSamples.add(e.toString());
                        }
                    }
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            for (long v : f.get()) {
                all.add(v);
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", url);
        out.put("clients", clients);
        out.put("seconds", Math.round(wall * 10) / 10.0);
        out.put("distinct_images", images.size());
        out.put("requests_ok", sorted.length);
        out.put("errors", errors.get());
        out.put("error_samples", errorSamples);
        out.put("latency_ms_p50", ms(pct(sorted, 0.50)));
        out.put("latency_ms_p90", ms(pct(sorted, 0.90)));
        out.put("latency_ms_p99", ms(pct(sorted, 0.99)));
        out.put("latency_ms_max", ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
        out.put("images_per_second", Math.round(sorted.length / wall * 10) / 10.0);
        System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        System.exit(errors.get() == 0 && sorted.length > 0 ? 0 : 1);
    }

    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    private static byte[] multipart(String boundary, String name, byte[] data) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(data, 0, all, head.length, data.length);
        System.arraycopy(tail, 0, all, head.length + data.length, tail.length);
        return all;
    }

}
