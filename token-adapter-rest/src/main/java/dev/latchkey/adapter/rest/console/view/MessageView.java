package dev.latchkey.adapter.rest.console.view;

import java.util.List;

/** A page that only says something and offers a way on: not found, not allowed, refused, an error. */
public record MessageView(Frame frame, List<String> paragraphs, String backHref, String backLabel) {
}
