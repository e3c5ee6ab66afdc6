package io.dispatchgateway.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for a test: a new cluster in a temporary folder, started with the Debian
 * {@code postgresql} binaries on a free port and removed afterwards. As root (CI) the server runs as the
 * {@code postgres} user, since PostgreSQL refuses to run as root.
 */
final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean root;

    private LocalPostgres(Path bin, Path home, int port, boolean root) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.root = root;
    }

    /** The newest installed {@code /usr/lib/postgresql/<version>/bin}, if any. */
    static Optional<Path> binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static LocalPostgres start(Path bin) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Files.createTempDirectory("gateway-postgres");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LocalPostgres server = new LocalPostgres(bin, home, port, root);
        if (root) {
            run(List.of("chown", "postgres", home.toString()));
        }
        server.as(List.of(bin.resolve("initdb").toString(), "-D", home.resolve("data").toString(), "-U", "gateway",
                "--auth=trust", "-E", "UTF8"));
        server.as(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-l",
                home.resolve("server.log").toString(), "-w", "-o", "-p " + port + " -k " + home
                        + " -c listen_addresses=127.0.0.1", "start"));
        return server;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String user() {
        return "gateway";
    }

    @Override
    public void close() throws Exception {
        try {
            as(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m", "fast", "-w",
                    "stop"));
        } finally {
            run(List.of("rm", "-rf", home.toString()));
        }
    }

    private void as(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
