package dev.jvault.agent;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * Length-prefixed frames on a socket, for both ends of the agent's protocol. One deadline covers
 * the whole exchange, so a peer that sends half a frame, or nothing, is dropped when it passes;
 * a length beyond the caller's limit is refused before anything is allocated for it. Frames go
 * through direct buffers of their own, zeroed once sent or read: the JDK would otherwise copy a
 * heap buffer into a temporary direct one that it caches per thread, unzeroed, and the vault key
 * would stay there.
 */
final class FrameChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private final long deadline;
    private final Duration timeout;

    FrameChannel(SocketChannel channel, Duration timeout) throws IOException {
        this.channel = channel;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    void write(byte[] body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocateDirect(Integer.BYTES + body.length).putInt(body.length).put(body).flip();
        try {
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    await(SelectionKey.OP_WRITE);
                }
            }
        } finally {
            zero(frame);
        }
    }

    /** The next frame's body, at most {@code maxSize} bytes; the caller zeroes it once read. */
    byte[] read(int maxSize) throws IOException {
        int length = fill(ByteBuffer.allocateDirect(Integer.BYTES)).getInt();
        if (length < 0 || length > maxSize) {
            throw new IOException("a frame of " + length + " bytes (at most " + maxSize + ")");
        }
        ByteBuffer frame = ByteBuffer.allocateDirect(length);
        try {
            byte[] body = new byte[length];
            fill(frame).get(body);
            return body;
        } finally {
            zero(frame);
        }
    }

    private static void zero(ByteBuffer buffer) {
        buffer.clear();
        while (buffer.hasRemaining()) {
            buffer.put((byte) 0);
        }
    }

    private ByteBuffer fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new EOFException("the other side hung up");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ);
            }
        }
        return buffer.flip();
    }

    private void await(int operation) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("no answer within " + timeout.toSeconds() + "s");
        }
        channel.register(selector, operation);
        selector.select(left);
        selector.selectedKeys().clear();
    }

    @Override
    public void close() throws IOException {
        selector.close();
    }
}
