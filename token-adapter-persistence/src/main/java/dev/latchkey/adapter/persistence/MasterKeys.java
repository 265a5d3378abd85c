package dev.latchkey.adapter.persistence;

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
}
