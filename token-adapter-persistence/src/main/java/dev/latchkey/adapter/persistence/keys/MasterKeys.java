package dev.latchkey.adapter.persistence.keys;

import java.util.List;
import java.util.Optional;

/**
 * The master key that wraps keys from now on, and the previous ones still accepted while a rotation of the master
 * key is under way (keys wrapped by them are re-wrapped by the current one at start-up).
 */
record MasterKeys(MasterKey current, List<MasterKey> previous) {

    MasterKeys {
        previous = List.copyOf(previous);
    }

    Optional<MasterKey> byId(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** Whether {@code material} is wrapped by the current master key already. */
    boolean wrapsWithCurrent(String material) {
        return MasterKey.idOfWrapped(material).filter(current.id()::equals).isPresent();
    }

    /** Opens a key wrapped by the current or a previous master key, or says which master key it needs. */
    byte[] unwrap(String purpose, String material) {
        String id = MasterKey.idOfWrapped(material).orElseThrow(() -> new IllegalStateException(
                "The stored key '" + purpose + "' is in no format this version knows"));
        return byId(id).orElseThrow(() -> new IllegalStateException("The stored key '" + purpose
                        + "' is wrapped by master key " + id + ", which this node was not given (its current master "
                        + "key is " + current.id() + "). Start it with the key the other nodes use, or "
                        + "add the old one to latchkey.previous-master-keys while rotating."))
                .unwrap(material, purpose);
    }
}
