package se.accounts.invite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.accounts.support.ApiClient;
import se.accounts.support.Mailbox;
import se.accounts.support.TestService;

/** The README's invitation walkthrough on the first start's demo data: invite, follow the mail, accept, look. */
class DemoInvitationWalkthroughTest {
    private static final Pattern INVITE_BODY = Pattern.compile("-d '\\{\"id\": \"([0-9a-f-]{36})\"}'");

    private final TestService service = TestService.get();

    @Test
    void theDemoUserCanBeInvitedWithThePrintedCurlAndAcceptTheMailedLink() {
        String output = service.firstStartOutput();
        ApiClient demo = service.anonymous();
        for (String line : output.lines().filter(l -> l.startsWith("  X-PIGELLO-")).toList()) {
            String[] header = line.trim().split(": ", 2);
            demo = demo.withHeader(header[0], header[1]);
        }
        Matcher body = INVITE_BODY.matcher(output);
        assertThat(body.find()).as(output).isTrue();
        String userId = body.group(1);

        ApiClient.Response invited = demo.post("/accounts/users/auth/invite/organization/organizationuser/",
                Map.of("id", userId));

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        Mailbox.Mail mail = service.mailbox().awaitOne("demo.user@example.se");
        assertThat(mail.subject()).contains("Demo AB");
        ApiClient.Response accepted = service.anonymous().post("/accounts/users/auth/invite/accept/",
                Map.of("token", mail.token(), "username", "demo.user", "password", "a long passphrase"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        JsonNode user = demo.get("/accounts/users/organization/organizationuser/" + userId + "/").json();
        assertThat(user.get("username").asText()).isEqualTo("demo.user");
        assertThat(user.get("email_verified").asBoolean()).isTrue();
    }
}
