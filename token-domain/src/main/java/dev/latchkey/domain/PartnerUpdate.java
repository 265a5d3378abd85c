package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A partner after one or more transitions, and what each changed; a transition that changes nothing reports nothing.
 * Withdrawn agreements stop its members' partner tokens at their next use: the token check reads the partner.
 */
public record PartnerUpdate(Partner partner, List<Change> changes) {

    /** What can change about a partner. */
    public enum Change { RENAMED, AGREEMENTS_SIGNED, AGREEMENTS_WITHDRAWN }

    public PartnerUpdate {
        Objects.requireNonNull(partner, "partner");
        changes = List.copyOf(changes);
    }

    public static PartnerUpdate of(Partner partner) {
        return new PartnerUpdate(partner, List.of());
    }

    /** This update followed by another transition of the partner it produced. */
    public PartnerUpdate then(Function<Partner, PartnerUpdate> transition) {
        PartnerUpdate next = transition.apply(partner);
        List<Change> all = new ArrayList<>(changes);
        all.addAll(next.changes());
        return new PartnerUpdate(next.partner(), all);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    /** The audit trail's detail: the partner as it now is. */
    public String auditDetail() {
        return "partner=" + partner.id().value() + " name=" + partner.name() + " agreementsSigned="
                + partner.agreementsSigned();
    }
}
