package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A console session left idle past {@code latchkey.console.session-idle-timeout} ends: the next page is sign-in. */
class ConsoleSessionExpiryTest extends ServiceOnTestDatabase {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.console.session-idle-timeout", "2s");
    }

    @Test
    void anIdleSessionEndsAndTheNextPageIsSignIn() throws Exception {
        WebDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            browser.get(node().url() + "/console/sign-in");
            browser.findElement(By.id("username")).sendKeys(LatchkeyNode.ADMIN);
            browser.findElement(By.id("password")).sendKeys(LatchkeyNode.ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(ExpectedConditions.urlContains("/console/tokens"));
            browser.findElement(By.linkText("Create a token")).click();
            assertThat(browser.getCurrentUrl()).endsWith("/console/tokens/new");

            Thread.sleep(3_000);
            browser.findElement(By.id("description")).sendKeys("too late");
            browser.findElement(By.cssSelector("button[type=submit]:not(.secondary)")).click();

            wait.until(ExpectedConditions.urlContains("/console/sign-in"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
            String tokens = HttpCalls.send(node(), "GET", "/api/v1/tokens", HttpCalls.headers(
                    EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), null), null).body();
            assertThat(tokens).doesNotContain("too late");
        } finally {
            browser.quit();
        }
    }
}
