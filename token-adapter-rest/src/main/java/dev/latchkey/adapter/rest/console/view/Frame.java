package dev.latchkey.adapter.rest.console.view;

import java.util.Optional;

/**
 * The frame every console page shares: its title, the header of the signed-in account (none on the sign-in and error
 * pages), and a notice of what just happened or went wrong.
 */
public record Frame(String title, Optional<Header> header, Optional<Notice> notice) {

    public static Frame anonymous(String title) {
        return new Frame(title, Optional.empty(), Optional.empty());
    }

    public Frame withNotice(Notice shown) {
        return new Frame(title, header, Optional.of(shown));
    }

    /**
     * The header's account, whether it may see the administrators' pages (only their links are hidden here; the use
     * cases refuse everyone else), and the form token the sign-out form carries.
     */
    public record Header(String username, boolean administrator, String csrfToken) {
        @Override
        public String toString() {
            return "Header[username=" + username + ", administrator=" + administrator + "]";
        }
    }
}
