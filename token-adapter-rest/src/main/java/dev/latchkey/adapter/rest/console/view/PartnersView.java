package dev.latchkey.adapter.rest.console.view;

import java.util.List;

/** The partners, and for each whether its agreements are signed. */
public record PartnersView(Frame frame, String csrfToken, List<Row> rows) {

    public record Row(long id, String name, boolean agreementsSigned) {
    }
}
