package io.dispatchgateway.gateway.source;

import io.dispatchgateway.core.port.JobSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The embedded job source: JSON files of the intake contract dropped into {@code <data-dir>/inbox}. A file is
 * moved to {@code inbox/.done} once intake has taken it (accepted or quarantined); when intake fails (the
 * store is down) it stays and is read again on the next poll.
 */
public class InboxJobSource implements JobSource {

    private final Path inbox;
    private final Path done;

    private final Duration pollInterval;

    public InboxJobSource(Path dataDir, Duration pollInterval) {
        this.inbox = dataDir.resolve("inbox");
        this.done = inbox.resolve(".done");
        this.pollInterval = pollInterval;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public int poll(Consumer<String> intake) {
        if (!Files.isDirectory(inbox)) {
            return 0;
        }
        int handed = 0;
        for (Path file : jsonFiles()) {
            try {
                intake.accept(Files.readString(file, StandardCharsets.UTF_8));
                Files.createDirectories(done);
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                handed++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or move " + file, e);
            }
        }
        return handed;
    }

    private List<Path> jsonFiles() {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
    }
}
