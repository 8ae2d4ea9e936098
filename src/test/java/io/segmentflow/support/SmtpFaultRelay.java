package io.segmentflow.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transparent relay in front of a real SMTP server (GreenMail) that injects the answers a real
 * server gives under trouble: a chosen reply to RCPT TO for chosen addresses (a 4xx some times, a
 * 5xx always), or "421 service not available" to every new connection while {@link #refuse} is on.
 * Everything else goes through unchanged, so the mail that is accepted really arrives.
 */
public final class SmtpFaultRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rcptSeen = new ConcurrentHashMap<>();
    private volatile boolean refusing;

    private record Rule(String reply, AtomicInteger remaining) {
    }

    public SmtpFaultRelay(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "smtp-fault-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Answer RCPT TO for this address with {@code reply} the next {@code times} times. */
    public void answerRcpt(String address, String reply, int times) {
        rules.put(address.toLowerCase(Locale.ROOT), new Rule(reply, new AtomicInteger(times)));
    }

    /** How often a client asked RCPT TO for this address. */
    public int rcptAttempts(String address) {
        AtomicInteger n = rcptSeen.get(address.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** While on, every new connection is turned away with 421, as a server going down does. */
    public void refuse(boolean on) {
        refusing = on;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "smtp-fault-relay-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream toClient = client.getOutputStream();
            if (refusing) {
                write(toClient, "421 4.3.2 Service not available, closing transmission channel\r\n");
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                OutputStream toUpstream = upstream.getOutputStream();
                Thread back = new Thread(() -> copy(upstream, toClient), "smtp-fault-relay-back");
                back.setDaemon(true);
                back.start();
                InputStream in = new BufferedInputStream(client.getInputStream());
                boolean data = false;
                byte[] line;
                while ((line = readLine(in)) != null) {
                    String text = new String(line, StandardCharsets.US_ASCII).trim();
                    if (data) {
                        if (text.equals(".")) data = false;
                    } else if (text.equalsIgnoreCase("DATA")) {
                        data = true;
                    } else if (text.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
                        String address = text.substring(text.indexOf('<') + 1, text.indexOf('>')).toLowerCase(Locale.ROOT);
                        rcptSeen.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                        Rule rule = rules.get(address);
                        if (rule != null && rule.remaining().getAndDecrement() > 0) {
                            write(toClient, rule.reply() + "\r\n");
                            continue;
                        }
                    }
                    toUpstream.write(line);
                    toUpstream.flush();
                }
            }
        } catch (IOException e) {
            // the client or the server hung up
        }
    }

    private static synchronized void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void copy(Socket from, OutputStream to) {
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (SmtpFaultRelay.class) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** One line with its line break, or null at the end. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') break;
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
