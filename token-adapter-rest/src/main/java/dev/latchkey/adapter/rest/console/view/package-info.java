/**
 * What each console page shows, as plain values: the controllers fill them from the use cases' answers, and the
 * JTE templates under {@code src/main/resources/views/console} render them, escaping every value for where it
 * lands. Public only because the compiled templates live in another package; nothing here decides anything.
 */
package dev.latchkey.adapter.rest.console.view;
