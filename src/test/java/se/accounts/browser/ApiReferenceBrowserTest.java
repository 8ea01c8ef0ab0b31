package se.accounts.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import se.accounts.support.Browser;
import se.accounts.support.TestService;

/** The API reference page in a real browser: it renders the document and shows the user list operation. */
class ApiReferenceBrowserTest {
    private static final String USER_LIST = "operations-Organizationuser-accounts_organizationuser_list";

    private final TestService service = TestService.get();

    @Test
    void theReferenceShowsTheOrganizationUserListWithItsFilters() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.driver().get(service.baseUrl() + "/docs/");
            browser.waitUntil(driver -> !driver.findElements(By.id(USER_LIST)).isEmpty(), Duration.ofSeconds(30));
            WebElement operation = browser.driver().findElement(By.id(USER_LIST));
            operation.findElement(By.cssSelector(".opblock-summary-control")).click();
            browser.waitUntil(driver -> driver.findElement(By.id(USER_LIST)).getText()
                    .contains("first_name__icontains"), Duration.ofSeconds(30));
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                    browser.driver().findElement(By.id(USER_LIST)));
            Path shot = browser.screenshot(Path.of("target", "screenshots", "docs-organizationuser-list.png"));

            String text = browser.driver().findElement(By.id(USER_LIST)).getText();
            assertThat(text).contains("/accounts/users/organization/organizationuser/list/")
                    .contains("_statistics").contains("Filter can be negated by adding a ! to the end of the"
                            + " parameter name.");
            assertThat(browser.driver().findElement(By.cssSelector(".btn.authorize")).isDisplayed()).isTrue();
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        }
    }
}
