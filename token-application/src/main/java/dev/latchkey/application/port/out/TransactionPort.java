package dev.latchkey.application.port.out;

import java.util.function.Supplier;

/**
 * Runs several writes as one unit: all or none. The core says what must be atomic; the adapter that owns the store
 * decides how.
 */
public interface TransactionPort {

    <T> T inTransaction(Supplier<T> work);
}
