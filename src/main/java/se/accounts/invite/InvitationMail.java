package se.accounts.invite;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.util.StringUtil;
import org.jooq.Record;
import se.accounts.db.Database;
import se.accounts.mail.MailComposer;
import se.accounts.mail.OutgoingMail;
import se.accounts.mail.QueuedMail;

/**
 * Composes an invitation mail when it is sent: creates the token, stores its hash on the invitation (replacing the
 * token of any earlier attempt, which was never delivered or is superseded), and writes the message in Swedish
 * and English. Nothing is sent for an invitation that is no longer pending.
 */
public final class InvitationMail implements MailComposer {
    public static final String ACCEPT_PATH = "/accounts/users/auth/invite/accept/";
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final Database database;
    private final Supplier<String> publicUrl;

    /** {@code publicUrl} is asked when a mail is composed: the server's port is known only once it listens. */
    public InvitationMail(Database database, Supplier<String> publicUrl) {
        this.database = database;
        this.publicUrl = publicUrl;
    }

    @Override
    public Optional<OutgoingMail> compose(QueuedMail mail) {
        return database.forCustomer(mail.customerId(), session -> {
            Optional<Record> found = session.sql().fetchOptional(
                    "select i.expires_at, u.communication_name, coalesce(o.name, c.name) as organization_name"
                            + " from invitation i"
                            + " join organizationuser u on u.customer_id = i.customer_id and u.id = i.user_id"
                            + " left join organization o on o.customer_id = u.customer_id and o.id = u.organization_id"
                            + " join customer c on c.id = i.customer_id"
                            + " where i.customer_id = ? and i.id = ? and i.state = 'pending' and i.expires_at > now()"
                            + " for update of i", session.customerId(), mail.referenceId());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            String token = InvitationTokens.newToken();
            session.sql().execute("update invitation set token_hash = ? where customer_id = ? and id = ?",
                    InvitationTokens.hash(token), session.customerId(), mail.referenceId());
            Record invitation = found.get();
            return Optional.of(message(mail.recipient(), token, invitation.get("communication_name", String.class),
                    invitation.get("organization_name", String.class),
                    invitation.get("expires_at", OffsetDateTime.class)));
        });
    }

    private OutgoingMail message(String recipient, String token, String name, String organization,
                                 OffsetDateTime expiresAt) {
        String link = publicUrl.get() + ACCEPT_PATH + "?token=" + token;
        String expires = expiresAt.atZoneSameInstant(SWEDEN).format(EXPIRY);
        String greetingSv = name == null ? "Hej!" : "Hej " + name + "!";
        String greetingEn = name == null ? "Hello," : "Hello " + name + ",";
        String subject = "Inbjudan till " + organization + " / Invitation to " + organization;
        String text = greetingSv + "\n\n"
                + "Du har bjudits in till " + organization + ". Öppna länken nedan, välj ett användarnamn och ett"
                + " lösenord.\n\n" + link + "\n\n"
                + "Länken gäller till " + expires + " (svensk tid) och kan användas en gång.\n\n"
                + "-- \n\n"
                + greetingEn + "\n\n"
                + "You have been invited to " + organization + ". Open the link below and choose a username and a"
                + " password.\n\n" + link + "\n\n"
                + "The link is valid until " + expires + " (Swedish time) and works once.\n";
        String html = "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>" + StringUtil.sanitizeXmlString(subject)
                + "</title></head><body style=\"font-family: sans-serif\">"
                + "<p>" + StringUtil.sanitizeXmlString(greetingSv) + "</p>"
                + "<p>Du har bjudits in till <strong>" + StringUtil.sanitizeXmlString(organization) + "</strong>. Öppna länken,"
                + " välj ett användarnamn och ett lösenord.</p>"
                + "<p><a href=\"" + StringUtil.sanitizeXmlString(link) + "\">Acceptera inbjudan</a></p>"
                + "<p>Länken gäller till " + StringUtil.sanitizeXmlString(expires) + " (svensk tid) och kan användas en gång.</p>"
                + "<hr><div lang=\"en\">"
                + "<p>" + StringUtil.sanitizeXmlString(greetingEn) + "</p>"
                + "<p>You have been invited to <strong>" + StringUtil.sanitizeXmlString(organization) + "</strong>. Open the link"
                + " and choose a username and a password.</p>"
                + "<p><a href=\"" + StringUtil.sanitizeXmlString(link) + "\">Accept the invitation</a></p>"
                + "<p>The link is valid until " + StringUtil.sanitizeXmlString(expires) + " (Swedish time) and works once.</p>"
                + "</div></body></html>";
        return new OutgoingMail(recipient, subject, text, html);
    }
}
