package se.accounts.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a fixed loopback port, which tests can stop and start again. */
public final class Mailbox implements AutoCloseable {
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]+)");

    private final int port;
    private GreenMail server;

    public Mailbox() {
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** The service's environment variables for sending here, with fast retries. */
    public Map<String, String> environment() {
        return Map.of("ACCOUNTS_SMTP_HOST", "127.0.0.1", "ACCOUNTS_SMTP_PORT", Integer.toString(port),
                "ACCOUNTS_SMTP_FROM", "Accounts <accounts@example.se>", "ACCOUNTS_MAIL_RETRY_SECONDS", "1");
    }

    public synchronized void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public synchronized void stop() {
        server.stop();
    }

    /** A received mail, decoded. */
    public record Mail(String to, String from, String subject, String text, String html) {
        /** The invitation token of the acceptance link in the plain-text part. */
        public String token() {
            Matcher matcher = TOKEN.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no token link in: " + text);
            }
            return matcher.group(1);
        }
    }

    public synchronized List<Mail> messagesTo(String address) {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    mails.add(decode(message));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** Waits until {@code count} mails to {@code address} arrived, and answers them. */
    public List<Mail> await(String address, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Mail> mails = messagesTo(address);
            if (mails.size() >= count || Instant.now().isAfter(deadline)) {
                return mails;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return mails;
            }
        }
    }

    public Mail awaitOne(String address) {
        List<Mail> mails = await(address, 1, Duration.ofSeconds(20));
        if (mails.isEmpty()) {
            throw new AssertionError("no mail to " + address + " within 20 s");
        }
        return mails.get(mails.size() - 1);
    }

    private static Mail decode(MimeMessage message) throws Exception {
        String text = null;
        String html = null;
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(),
                message.getFrom()[0].toString(), message.getSubject(), text, html);
    }

    @Override
    public synchronized void close() {
        server.stop();
    }
}
