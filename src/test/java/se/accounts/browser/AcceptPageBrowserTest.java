package se.accounts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import se.accounts.support.ApiClient;
import se.accounts.support.Browser;
import se.accounts.support.Mailbox;
import se.accounts.support.TestService;

/** A person follows the link of a received invitation in a real browser, sets a password, and is done. */
class AcceptPageBrowserTest {
    private final TestService service = TestService.get();
    private final ApiClient client = service.newCustomer();

    @Test
    void theLinkInTheMailOpensAFormThatAcceptsTheInvitation() {
        String email = "browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.se";
        String userId = client.post("/accounts/users/organization/organizationuser/", Map.of("first_name", "Webb",
                "email", email, "detail_access", 0)).json().get("id").asText();
        client.post("/accounts/users/auth/invite/organization/organizationuser/", Map.of("id", userId));
        Mailbox.Mail mail = service.mailbox().awaitOne(email);
        String link = mail.text().lines().filter(line -> line.startsWith("http")).findFirst().orElseThrow();

        try (Browser browser = Browser.open()) {
            browser.driver().get(link);
            browser.driver().findElement(By.id("username")).sendKeys("webb.anvandare");
            browser.driver().findElement(By.id("password")).sendKeys("ett långt lösenord");
            browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
            browser.waitUntil(driver -> driver.findElement(By.id("outcome")).getText().startsWith("Klart!"),
                    Duration.ofSeconds(15));
            browser.screenshot(Path.of("target", "screenshots", "invitation-accepted.png"));

            assertThat(browser.driver().findElement(By.id("outcome")).getText())
                    .contains("webb.anvandare");
        }
        var user = client.get("/accounts/users/organization/organizationuser/" + userId + "/").json();
        assertThat(user.get("username").asText()).isEqualTo("webb.anvandare");
        assertThat(user.get("email_verified").asBoolean()).isTrue();
    }
}
