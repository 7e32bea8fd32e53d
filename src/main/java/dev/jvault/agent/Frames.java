package dev.jvault.agent;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** Length-prefixed frames on a blocking socket channel. */
final class Frames {

    private Frames() {
    }

    static void write(SocketChannel channel, byte[] body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body.length).putInt(body.length).put(body).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    static byte[] read(SocketChannel channel) throws IOException {
        int length = fill(channel, ByteBuffer.allocate(Integer.BYTES)).getInt();
        if (length < 0 || length > AgentWire.MAX_FRAME) {
            throw new IOException("a frame of " + length + " bytes");
        }
        return fill(channel, ByteBuffer.allocate(length)).array();
    }

    private static ByteBuffer fill(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the other side hung up");
            }
        }
        return buffer.flip();
    }
}
