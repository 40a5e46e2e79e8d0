package org.plankton.core.resume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output: a run holds an exclusive lock on its part's record file while it writes.
 * Without it a second classify to the same {@code --out} (a {@code --resume} started while the first
 * still runs, in another terminal or under nohup) appends to the same part and renames it under
 * the first. The lock is the operating system's (fcntl on Linux), so a killed run releases it; the
 * record is read and written through the locked channel, never replaced, so the lock stays on it.
 */
final class RecordLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RecordLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code record} (created if missing); an IllegalStateException naming {@code part} if another run holds it. */
    static RecordLock acquire(Path record, Path part) throws IOException {
        FileChannel ch = FileChannel.open(record, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM: another run in the same process, equally a second writer
        } finally {
            if (lock == null) {
                ch.close();
            }
        }
        if (lock == null) {
            throw new IllegalStateException("another plankton classify is writing " + part + " (it holds "
                    + record.getFileName() + "): let it finish, or stop it first");
        }
        return new RecordLock(ch, lock);
    }

    String read() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) channel.size());
        while (buf.hasRemaining() && channel.read(buf, buf.position()) > 0) {
            // read until full
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    /** Replaces the content in place and forces it to disk before any row is written. */
    void write(String text) throws IOException {
        channel.truncate(0);
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf, buf.position());
        }
        channel.force(true);
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
