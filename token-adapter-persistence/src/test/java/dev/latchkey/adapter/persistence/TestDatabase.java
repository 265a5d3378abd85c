package dev.latchkey.adapter.persistence;

import java.util.Map;

/** A real database for one test class: started before its tests, closed after them. */
public interface TestDatabase extends AutoCloseable {

    /** Starts the database and returns the datasource properties that reach it. */
    Map<String, Object> start();

    @Override
    void close() throws Exception;
}
