package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing that changed about an account, as a transition of {@link Account} reports it: what the audit trail
 * records, and what the use cases act on (a disabled account's tokens are revoked, a reset password ends its
 * sessions, a lost role or partner withdraws the scopes that came with it). Never a password, not even hashed.
 */
public sealed interface AccountChange {

    /** The change as the audit trail's detail reads it: {@code role=ADMIN}, {@code email=cleared}. */
    String auditDetail();

    /** Whether this change takes away scopes the account's tokens may hold. */
    default boolean withdrawsScopes() {
        return false;
    }

    /** A new password hash: the old password no longer signs in, and sessions opened with it end. */
    record PasswordReset() implements AccountChange {
        @Override
        public String auditDetail() {
            return "password=changed";
        }
    }

    /** Another role; a demotion takes the administrators' scopes with it. */
    record RoleChanged(Role from, Role to) implements AccountChange {
        public RoleChanged {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String auditDetail() {
            return "role=" + to;
        }

        @Override
        public boolean withdrawsScopes() {
            return from == Role.ADMIN && to != Role.ADMIN;
        }
    }

    /** The account can no longer sign in. */
    record Disabled() implements AccountChange {
        @Override
        public String auditDetail() {
            return "enabled=false";
        }
    }

    /** The account may sign in again. */
    record Enabled() implements AccountChange {
        @Override
        public String auditDetail() {
            return "enabled=true";
        }
    }

    /** The owner turned mail about their tokens on or off. */
    record NotificationsChanged(boolean on) implements AccountChange {
        @Override
        public String auditDetail() {
            return "notifications=" + on;
        }
    }

    /** A profile field set ({@code value} present) or cleared. */
    record ProfileChanged(ProfileField field, Optional<String> value) implements AccountChange {
        public ProfileChanged {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String auditDetail() {
            return field.wireName() + "=" + value.orElse("cleared");
        }

        @Override
        public boolean withdrawsScopes() {
            // A partner's scopes are its own accounts'; leaving or changing the partner withdraws them.
            return field == ProfileField.PARTNER;
        }
    }

    /** The fields of an account's profile. */
    enum ProfileField {
        EMAIL, ORGANIZATION, PARTNER;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
