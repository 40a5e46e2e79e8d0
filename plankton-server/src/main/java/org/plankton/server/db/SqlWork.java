package org.plankton.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run on one connection (inside a transaction when asked). */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
